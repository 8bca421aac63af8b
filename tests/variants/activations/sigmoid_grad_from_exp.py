"""sigmoid_grad from the derivative's own formula exp(-x) / (1 + exp(-x))**2: right for
moderate x, but inf / inf = nan for x <= -710 (x <= -89 in float32)."""
import numpy as np

CAUGHT_BY = ["matches_reference_at_extremes"]
MISTAKE = "Your sigmoid_grad computes exp(-x) / (1 + exp(-x))**2, which gives inf / inf = nan for very negative x: compute s = sigmoid(x) and return s * (1 - s)."
PASSES = ["sigmoid_grad_course_notes_values", "sigmoid_grad_matches_slope"]


def sigmoid_grad(x):
    e = np.exp(-np.asarray(x))
    return e / (1 + e) ** 2
