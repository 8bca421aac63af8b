"""Forgets the sigmoid derivative o(1 - o) and h(1 - h): uses only the error term -(t - o)."""
import numpy as np

CAUGHT_BY = ["output_grads_course_notes_example", "output_grads_gradient_check", "output_grads_matches_reference",
             "hidden_grads_course_notes_example", "hidden_grads_gradient_check", "hidden_grads_matches_reference",
             "step_course_notes_example"]
MISTAKE = "Your output_layer_grads and hidden_layer_grads leave out the sigmoid derivatives o * (1 - o) and h * (1 - h): multiply the deltas by them as the chain rule requires."
PASSES = ["forward_course_notes_example", "total_error_course_notes_example", "step_matches_reference"]


def output_layer_grads(x, t, W1, W2):
    h, o = forward(x, W1, W2)
    return np.outer(-(t - o), h)


def hidden_layer_grads(x, t, W1, W2):
    h, o = forward(x, W1, W2)
    return np.outer(W2.T @ -(t - o), x)
