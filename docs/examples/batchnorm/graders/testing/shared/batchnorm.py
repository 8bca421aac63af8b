"""What the batchnorm task's public and hidden suites share: the inputs and the tolerances."""
import numpy as np
from hypothesis import strategies as st

from graders.testing import strategies as s
from graders.testing.expect import tolerance

EPS = 1e-7   # BatchNorm's default eps
MOMENTA = st.sampled_from([0.9, 0.5, 0.99, 0.0])


@st.composite
def layers(draw, max_n=5, max_d=4, scales=(0.5, 3.0), shifts=3.0, batches=1):
    """(xs, gamma, beta, dout): ``batches`` batches x of N x D (N 2 to max_n) whose columns are spread out
    (a ramp from -1 to 1 or 1 to -1 plus jitter, times a scale in ``scales``, plus a shift up to ``shifts``),
    gamma with 0.5 <= |gamma| <= 2, beta in [-2, 2] and dout in [-2, 2] of the last x's shape."""
    d = draw(st.integers(1, max_d))
    xs = []
    for _ in range(batches):
        n = draw(st.integers(2, max_n))
        signs = np.array(draw(st.lists(st.sampled_from([-1.0, 1.0]), min_size=d, max_size=d)))
        ramp = np.linspace(-1.0, 1.0, n)[:, None] * signs + draw(s.float_arrays(shape=(n, d), low=-0.4, high=0.4))
        xs.append(ramp * draw(s.float_arrays(shape=(d,), low=scales[0], high=scales[1]))
                  + draw(s.float_arrays(shape=(d,), low=-shifts, high=shifts)))
    signs = np.array(draw(st.lists(st.sampled_from([-1.0, 1.0]), min_size=d, max_size=d)))
    gamma = draw(s.float_arrays(shape=(d,), low=0.5, high=2.0)) * signs
    beta, dout = draw(s.float_arrays(shape=(d,), low=-2, high=2)), draw(s.float_arrays(xs[-1].shape, low=-2, high=2))
    return xs, gamma, beta, dout


#: Columns whose variance (1e-9 to 1e-6) is near eps: sqrt(var) + eps is then far from sqrt(var + eps).
SMALL_VARIANCE = layers(scales=(1e-4, 1e-3), shifts=0.0)


def conditioning(x, eps=EPS):
    """How much (x - mu) / std amplifies x's rounding: max|x| over the smallest column std."""
    return float(np.max(np.abs(x)) / np.min(np.sqrt(x.var(axis=0) + eps)))


def out_tolerance(x, gamma, beta, eps=EPS):
    """gamma * xn + beta in float32: xn (at most sqrt(N) in size) is off by about conditioning(x) eps."""
    return tolerance(steps=len(x), scale=float(np.max(np.abs(gamma))) * (conditioning(x, eps) + np.sqrt(len(x)))
                     + float(np.max(np.abs(beta))))


def running_tolerances(xs):
    """running_mean and running_var after the training forwards on ``xs``: sums of N terms of size |x| and x**2."""
    top, n = max(float(np.max(np.abs(x))) for x in xs), sum(len(x) for x in xs)
    return tolerance(steps=n, scale=top), tolerance(steps=n, scale=top ** 2)


def eval_tolerance(x, gamma, beta, running_mean, running_var, eps=EPS):
    """gamma * (x - running_mean) / sqrt(running_var + eps) + beta: running_var's rounding (relative to x**2)
    is amplified by x**2 / running_var."""
    root = np.sqrt(np.min(running_var) + eps)
    top = float(np.max(np.abs(x))) + float(np.max(np.abs(running_mean)))
    return tolerance(steps=len(x), condition=1.0 + top ** 2 / root ** 2,
                     scale=float(np.max(np.abs(gamma))) * top / root + float(np.max(np.abs(beta))))


def backward_tolerances(x, gamma, dout, eps=EPS):
    """dx, dgamma, dbeta: sums of N terms of size |gamma dout| / std (dx) and |dout| sqrt(N) (dgamma)."""
    n, cond = len(x), conditioning(x, eps)
    min_std = float(np.min(np.sqrt(x.var(axis=0) + eps)))
    dx = tolerance(steps=n, condition=cond, scale=float(np.max(np.abs(gamma * dout))) * (1 + n) / min_std)
    dgamma = tolerance(steps=n, condition=cond, scale=float(np.max(np.sum(np.abs(dout), axis=0))) * np.sqrt(n))
    return dx, dgamma, tolerance(steps=n, scale=float(np.max(np.sum(np.abs(dout), axis=0))))


FORWARD_HINT = ("Training: mu, var = x.mean(axis=0), x.var(axis=0) (dividing by N); "
                "out = gamma * (x - mu) / np.sqrt(var + eps) + beta, with eps inside the square root.")
RUNNING_HINT = ("After each training forward: running = momentum * running + (1 - momentum) * the batch's mean "
                "(and variance), from zeros; an evaluation forward uses them and leaves them as they are.")
BACKWARD_HINT = ("dbeta = dout.sum(axis=0); dgamma = (xn * dout).sum(axis=0); with dxn = gamma * dout, "
                 "dx = (dxn - dxn.mean(axis=0) - xn * (dxn * xn).mean(axis=0)) / std.")
