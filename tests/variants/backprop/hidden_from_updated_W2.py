"""Updates W2 first, then computes the hidden gradient with the new W2 (W5+..W8+ instead of W5..W8).

On the notes' network W1+ is off by 1e-5 to 3e-5, but E_total after the step by only 1e-7,
less than float32 arithmetic may move it: step_lowers_course_notes_error cannot tell."""
CAUGHT_BY = ["step_course_notes_example", "step_gradient_check", "step_matches_reference"]
MISTAKE = "Your backprop_step updates W2 first and then computes the W1 gradient with the new W2: compute both gradients from the old W1 and W2 before updating either."
PASSES = ["output_grads_course_notes_example", "hidden_grads_course_notes_example", "hidden_grads_matches_reference"]


def backprop_step(x, t, W1, W2, lr):
    W2_new = W2 - lr * output_layer_grads(x, t, W1, W2)
    W1_new = W1 - lr * hidden_layer_grads(x, t, W1, W2_new)
    return W1_new, W2_new
