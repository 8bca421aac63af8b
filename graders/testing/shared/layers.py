"""What the layers task's public and hidden suites share (the hidden suite never imports the public one)."""
import numpy as np

from graders.testing import strategies as s
from graders.testing.expect import Tolerance, tolerance

#: The largest constant a student may add inside the log, log(y + 1e-7), as the docstring allows.
LOG_EPS = 1e-7


def log_softmax_of(x):
    shifted = x - np.max(x, axis=-1, keepdims=True)
    return shifted - np.log(np.sum(np.exp(shifted), axis=-1, keepdims=True))


def widened(tol: Tolerance, atol: float) -> Tolerance:
    """``tol`` with ``atol`` more absolute room (the numerical gradient's error, the printing, an eps)."""
    return tol.widened(atol)


# -- tolerances: float32 arithmetic, by formula ----------------------------------------------
def affine_out_tolerance(x, W, b):
    """out = x @ W + b: each entry a sum of D_in products and b, compared relative to its terms' size."""
    return tolerance(steps=x.shape[1] + 1, scale=float(np.max(np.abs(x) @ np.abs(W) + np.abs(b))))


def affine_tolerances(x, W, b, dout):
    """out, dx, dW, db: each entry is a sum of products, compared relative to its terms' size."""
    out = affine_out_tolerance(x, W, b)
    dx = tolerance(steps=W.shape[1], scale=float(np.max(np.abs(dout) @ np.abs(W).T)))
    dW = tolerance(steps=x.shape[0], scale=float(np.max(np.abs(x).T @ np.abs(dout))))
    db = tolerance(steps=x.shape[0], scale=float(np.max(np.sum(np.abs(dout), axis=0))))
    return out, dx, dW, db


def sigmoid_out_tolerance(x):
    """Relative: sigmoid's condition number is |x| (1 - out) <= |x|, so x's float32 rounding
    moves out by up to |x| eps relative to out. Absolute: out is a value in (0, 1), and valid
    formulas such as 0.5 (1 + tanh(x / 2)) are accurate to eps absolutely, not relative to a tiny out."""
    return tolerance(condition=1.0 + float(np.max(np.abs(x), initial=0.0))) + tolerance(scale=1.0)


def sigmoid_dx_tolerance(x, dout):
    """dx = dout out (1 - out): out's relative error as above, and (1 - out) is accurate only
    absolutely (to eps) when out is near 1, so dx also gets |dout| times that absolutely."""
    return (tolerance(steps=3, condition=1.0 + float(np.max(np.abs(x), initial=0.0)))
            + tolerance(steps=3, scale=float(np.max(np.abs(dout), initial=0.0))))


def loss_tolerances(x, one_hot, dout):
    """The loss L = mean(logsumexp(x) - x_target) and dx = dout (y - t) / N in float32: x's
    rounding moves softmax by about max|x| eps (its condition number); both are differences of
    terms of size about max|x| (the loss) and |dout| / N (dx), so they are compared relative
    to those. A constant up to LOG_EPS inside the log moves the loss by at most LOG_EPS / y_target."""
    magnitude = max(1.0, float(np.max(np.abs(x))))
    k = x.shape[1]
    y_target = np.sum(np.exp(log_softmax_of(x)) * one_hot, axis=1)
    loss = widened(tolerance(steps=k, scale=magnitude + np.log(k)), LOG_EPS / float(np.min(y_target)))
    dx = tolerance(steps=k, condition=magnitude, scale=abs(dout) / x.shape[0])
    return loss, dx


#: A scalar upstream gradient for the loss, away from 0 and 1 (a backward that ignores it cannot pass).
LOSS_DOUTS = s.floats(-5, 5).filter(lambda v: abs(v) > 0.1 and abs(v - 1) > 0.1)
