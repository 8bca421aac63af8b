"""Writes the seed's formulas out for exactly two inputs, two hidden and two output units."""
import numpy as np

CAUGHT_BY = ["forward_matches_reference", "output_grads_gradient_check"]
MISTAKE = "Your forward writes the formulas out for exactly two inputs, two hidden and two output units, so other layer sizes go wrong: compute h = sigmoid(W1 @ x) and o = sigmoid(W2 @ h)."
PASSES = ["forward_course_notes_example", "output_grads_course_notes_example", "output_grads_matches_reference",
          "hidden_grads_matches_reference", "step_matches_reference"]


def forward(x, W1, W2):
    z1 = W1[0, 0] * x[0] + W1[0, 1] * x[1]
    z2 = W1[1, 0] * x[0] + W1[1, 1] * x[1]
    h = sigmoid(np.array([z1, z2]))
    z3 = W2[0, 0] * h[0] + W2[0, 1] * h[1]
    z4 = W2[1, 0] * h[0] + W2[1, 1] * h[1]
    return h, sigmoid(np.array([z3, z4]))
