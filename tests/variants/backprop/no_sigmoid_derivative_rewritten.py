"""Same mistake as no_sigmoid_derivative, written another way: a shared helper returns dE/do = -(t - o)
and both gradients are built from it by broadcasting (column times row) instead of np.outer, still
without the sigmoid derivatives o (1 - o) and h (1 - h)."""
import numpy as np

CAUGHT_BY = ["output_grads_course_notes_example", "output_grads_gradient_check", "output_grads_matches_reference",
             "hidden_grads_course_notes_example", "hidden_grads_gradient_check", "hidden_grads_matches_reference",
             "step_course_notes_example"]
MISTAKE = "Your output_layer_grads and hidden_layer_grads leave out the sigmoid derivatives o * (1 - o) and h * (1 - h): multiply the deltas by them as the chain rule requires."
PASSES = ["forward_course_notes_example", "total_error_course_notes_example", "step_matches_reference"]


def _error_signal(x, t, W1, W2):
    h, o = forward(x, W1, W2)
    dE_do = -(t - o)
    return h, dE_do


def output_layer_grads(x, t, W1, W2):
    h, dE_do = _error_signal(x, t, W1, W2)
    return dE_do[:, np.newaxis] * h[np.newaxis, :]


def hidden_layer_grads(x, t, W1, W2):
    _, dE_do = _error_signal(x, t, W1, W2)
    dE_dh = W2.T @ dE_do
    return dE_dh.reshape(-1, 1) * np.ravel(x).reshape(1, -1)
