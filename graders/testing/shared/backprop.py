"""What the backprop task's public and hidden suites share (the hidden suite never imports the public one)."""
import numpy as np

from graders.testing.expect import Tolerance, tolerance

W1 = np.array([[0.3, 0.25], [0.4, 0.35]])       # w1, w2 / w3, w4

W2 = np.array([[0.45, 0.4], [0.7, 0.6]])        # w5, w6 / w7, w8


# -- the grader's own forward pass and tolerances (no student code) -----------------------------
def forward_of(x, W1, W2):
    """(h, o) of the network, computed here with float64 numpy."""
    h = 1.0 / (1.0 + np.exp(-(W1 @ x)))
    return h, 1.0 / (1.0 + np.exp(-(W2 @ h)))


def forward_condition(x, W1, W2) -> float:
    """How much the forward pass amplifies rounding, relative to its outputs.

    A net input z = sum_i w_i a_i computed in float32 is off by about eps * sum_i |w_i a_i|,
    and the sigmoid passes that on (its condition number is |z| (1 - sigmoid(z)) <= |z|);
    the output layer amplifies the hidden layer's error by its own weights again.
    """
    h, _ = forward_of(x, W1, W2)
    hidden = 1.0 + float(np.max(np.abs(W1) @ np.abs(x)))
    return hidden * (1.0 + float(np.max(np.abs(W2) @ h)))


def delta_terms(x, t, W1, W2) -> np.ndarray:
    """For each output k, the size of the terms of delta_k = (o_k - t_k) o_k (1 - o_k):
    (|t_k| + o_k) o_k (1 + o_k). Rounding costs the differences o - t and 1 - o an error
    relative to these terms, not to the (maybe tiny) differences themselves."""
    _, o = forward_of(x, W1, W2)
    return (np.abs(t) + o) * o * (1.0 + o)


def grads_tolerance(x, t, W1, W2, which: str) -> Tolerance:
    """dE/dW2 ("output") or dE/dW1 ("hidden") in float32, compared absolutely relative to the
    size of their terms: float32 arithmetic through the forward pass (its conditioning), the
    delta, the product and, for the hidden layer, the sum over the outputs."""
    h, _ = forward_of(x, W1, W2)
    terms = delta_terms(x, t, W1, W2)
    if which == "output":
        scale = float(np.max(terms)) * float(np.max(h))
        return tolerance(steps=2, condition=forward_condition(x, W1, W2), scale=scale)
    hidden_terms = (terms @ np.abs(W2)) * h * (1.0 + h)
    scale = float(np.max(hidden_terms)) * float(np.max(np.abs(x)))
    return tolerance(steps=2 + len(t), condition=forward_condition(x, W1, W2), scale=scale)


def step_tolerance(grads_tol: Tolerance, grads, lr: float) -> Tolerance:
    """W - lr * grads: one rounding of the new weights, and lr times the gradients' error."""
    grads_error = grads_tol.atol + grads_tol.rtol * float(np.max(np.abs(grads)))
    return tolerance().widened(lr * grads_error)
