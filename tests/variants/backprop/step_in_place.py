"""Updates the weights in place (W1 -= ...) and returns the caller's own arrays, changed."""
CAUGHT_BY = ["step_keeps_inputs"]
PASSES = ["step_seed_example", "step_lowers_seed_error", "step_matches_reference"]


def backprop_step(x, t, W1, W2, lr):
    grad_W1 = hidden_layer_grads(x, t, W1, W2)
    grad_W2 = output_layer_grads(x, t, W1, W2)
    W1 -= lr * grad_W1
    W2 -= lr * grad_W2
    return W1, W2
