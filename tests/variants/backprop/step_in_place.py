"""Updates the weights in place (W1 -= ...) and returns the caller's own arrays, changed.

The docstring says backprop_step does not change its arguments, so every call of it fails."""
CAUGHT_BY = ["step_course_notes_example", "step_lowers_course_notes_error", "step_gradient_check", "step_matches_reference"]
MISTAKE = "Your backprop_step updates W1 and W2 in place with -=, changing the caller's arrays: return new arrays W1 - lr * grad_W1 and W2 - lr * grad_W2 instead."
PASSES = ["forward_course_notes_example", "output_grads_course_notes_example", "hidden_grads_course_notes_example",
          "hidden_grads_gradient_check"]


def backprop_step(x, t, W1, W2, lr):
    grad_W1 = hidden_layer_grads(x, t, W1, W2)
    grad_W2 = output_layer_grads(x, t, W1, W2)
    W1 -= lr * grad_W1
    W2 -= lr * grad_W2
    return W1, W2
