"""Multiplies the hidden delta by h instead of x, the input of W1's weights (same shape in 2-2-2)."""
import numpy as np

CAUGHT_BY = ["hidden_grads_course_notes_example", "hidden_grads_gradient_check", "hidden_grads_matches_reference"]
MISTAKE = "Your hidden_layer_grads multiplies the hidden delta by h instead of x: the input of W1's weights is x, so return np.outer(delta_hidden, x)."
PASSES = ["output_grads_course_notes_example", "output_grads_matches_reference", "step_matches_reference"]


def hidden_layer_grads(x, t, W1, W2):
    h, o = forward(x, W1, W2)
    delta = -(t - o) * o * (1 - o)
    return np.outer((W2.T @ delta) * h * (1 - h), h)
