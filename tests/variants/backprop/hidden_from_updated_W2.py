"""Updates W2 first, then computes the hidden gradient with the new W2 (W5+..W8+ instead of W5..W8)."""
CAUGHT_BY = ["step_seed_example", "step_lowers_seed_error", "step_matches_reference"]
PASSES = ["output_grads_seed_example", "hidden_grads_seed_example", "hidden_grads_matches_reference",
          "step_keeps_inputs"]


def backprop_step(x, t, W1, W2, lr):
    W2_new = W2 - lr * output_layer_grads(x, t, W1, W2)
    W1_new = W1 - lr * hidden_layer_grads(x, t, W1, W2_new)
    return W1_new, W2_new
