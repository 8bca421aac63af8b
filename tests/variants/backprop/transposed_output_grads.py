"""Returns dE/dW2 transposed: np.outer(h, delta), with rows for hidden units instead of outputs."""
import numpy as np

CAUGHT_BY = ["output_grads_course_notes_example", "output_grads_gradient_check", "output_grads_matches_reference"]
MISTAKE = "Your output_layer_grads returns dE/dW2 transposed, np.outer(h, delta): use np.outer(delta, h) so that row k belongs to output unit k, as in W2."
PASSES = ["hidden_grads_course_notes_example", "hidden_grads_matches_reference", "step_matches_reference"]


def output_layer_grads(x, t, W1, W2):
    h, o = forward(x, W1, W2)
    return np.outer(h, -(t - o) * o * (1 - o))
