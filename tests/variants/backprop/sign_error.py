"""Takes dE/do = (t - o) instead of -(t - o): every gradient has the wrong sign, the step climbs."""
import numpy as np

CAUGHT_BY = ["output_grads_course_notes_example", "output_grads_gradient_check", "output_grads_matches_reference",
             "hidden_grads_course_notes_example", "hidden_grads_gradient_check", "hidden_grads_matches_reference",
             "step_course_notes_example", "step_lowers_course_notes_error"]
MISTAKE = "Your gradients use dE/do = (t - o) instead of -(t - o), so every gradient has the wrong sign and the step climbs: use delta = -(t - o) * o * (1 - o)."
PASSES = ["forward_course_notes_example", "step_matches_reference"]


def output_layer_grads(x, t, W1, W2):
    h, o = forward(x, W1, W2)
    return np.outer((t - o) * o * (1 - o), h)


def hidden_layer_grads(x, t, W1, W2):
    h, o = forward(x, W1, W2)
    delta = (t - o) * o * (1 - o)
    return np.outer((W2.T @ delta) * h * (1 - h), x)
