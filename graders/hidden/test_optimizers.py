"""Hidden graders for optimizers: each class against the reference over many steps.

Each example draws 1-3 named parameters of small shapes, hyperparameters, and a seeded
stream of gradients: magnitudes from 1e-3 to 10, about one entry in ten exactly 0, and the
first entry of every parameter near 1e-8, where eps = 1e-8 changes an adaptive step by a
factor of about 2. The student's optimizer and the reference's get the same gradients for
STEPS steps and must agree after every step up to float32 rounding compounded over the
steps (the docstrings fix every formula).
"""
import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from graders.testing import strategies as s
from graders.testing.expect import expect_close, tolerance

STEPS = 10
NAMES = ("W1", "b1", "W2")


@st.composite
def problems(draw):
    """(params, seed, scale): 1-3 named float64 arrays, a gradient seed and a gradient scale."""
    n_keys = draw(st.integers(1, 3))
    params = {key: draw(s.float_arrays(shape=s.shapes(1, 2, max_side=4), low=-5, high=5))
              for key in NAMES[:n_keys]}
    return params, draw(st.integers(0, 2**32 - 1)), draw(st.sampled_from([1e-3, 0.1, 1.0, 10.0]))


def gradient_stream(params: dict, seed: int, scale: float) -> list[dict]:
    """STEPS dicts of gradients shaped like params; about one entry in ten is exactly 0, and the
    first entry of each parameter is near 1e-8 (where eps matters)."""
    rng = np.random.default_rng(seed)
    stream = []
    for _ in range(STEPS):
        grads = {}
        for key, value in params.items():
            g = rng.normal(scale=scale, size=value.shape)
            g[rng.random(value.shape) < 0.1] = 0.0
            g.flat[0] = rng.choice([-1.0, 1.0]) * rng.uniform(0.3e-8, 3e-8)
            grads[key] = g
        stream.append(grads)
    return stream


def expect_same_trajectory(student, reference, name: str, hyper: dict, problem) -> None:
    """Student's and reference's optimizer `name` with `hyper` agree after every step."""
    params, seed, scale = problem
    ours = {key: value.copy() for key, value in params.items()}
    theirs = {key: value.copy() for key, value in params.items()}
    reach = {key: float(np.max(np.abs(value))) for key, value in params.items()}
    ref_opt = getattr(reference, name)(**hyper)
    update = getattr(student.with_in_place(0), name)(**hyper).update
    label = f"{name}({', '.join(f'{k}={v:g}' for k, v in hyper.items())})"
    for step, grads in enumerate(gradient_stream(params, seed, scale), 1):
        ref_opt.update(ours, {key: g.copy() for key, g in grads.items()})
        update(theirs, {key: g.copy() for key, g in grads.items()})
        for key in params:
            # Rounding adds up over the steps; an entry near 0 (w and its steps cancelling) is
            # compared relative to the largest the weight has been.
            reach[key] = max(reach[key], float(np.max(np.abs(ours[key]))))
            expect_close(theirs[key], ours[key], f"params['{key}'] after {step} step(s) of {label}",
                         tol=tolerance(steps=step, scale=reach[key]))


LR = s.floats(0.001, 0.5)
MOMENTUM = s.floats(0.0, 0.99)


@pytest.mark.hint("w <- w - lr * g for every name.")
@given(problem=problems(), lr=s.floats(0.001, 1.0))
def test_sgd_matches_reference(student, reference, problem, lr):
    """SGD agrees with the reference over many steps on several parameters."""
    expect_same_trajectory(student, reference, "SGD", {"lr": lr}, problem)


@pytest.mark.hint("v <- momentum * v - lr * g; w <- w + v (v per name, zeros at first).")
@given(problem=problems(), lr=LR, momentum=MOMENTUM)
def test_momentum_matches_reference(student, reference, problem, lr, momentum):
    """Momentum agrees with the reference over many steps on several parameters."""
    expect_same_trajectory(student, reference, "Momentum", {"lr": lr, "momentum": momentum}, problem)


@pytest.mark.hint("v <- momentum * v - lr * g; w <- w + momentum * v - lr * g (with the new v).")
@given(problem=problems(), lr=LR, momentum=MOMENTUM)
def test_nesterov_matches_reference(student, reference, problem, lr, momentum):
    """Nesterov agrees with the reference over many steps on several parameters."""
    expect_same_trajectory(student, reference, "Nesterov", {"lr": lr, "momentum": momentum}, problem)


@pytest.mark.hint("h <- h + g * g; w <- w - lr * g / (np.sqrt(h) + 1e-8).")
@given(problem=problems(), lr=s.floats(0.001, 1.0))
def test_adagrad_matches_reference(student, reference, problem, lr):
    """AdaGrad agrees with the reference over many steps, small gradients (where eps matters) included."""
    expect_same_trajectory(student, reference, "AdaGrad", {"lr": lr}, problem)


@pytest.mark.hint("h <- decay_rate * h + (1 - decay_rate) * g * g; w <- w - lr * g / (np.sqrt(h) + 1e-8).")
@given(problem=problems(), lr=LR, decay_rate=s.floats(0.5, 0.999))
def test_rmsprop_matches_reference(student, reference, problem, lr, decay_rate):
    """RMSprop agrees with the reference over many steps, small gradients (where eps matters) included."""
    expect_same_trajectory(student, reference, "RMSprop", {"lr": lr, "decay_rate": decay_rate}, problem)


@pytest.mark.hint("Bias-corrected moments with t = number of update() calls; eps = 1e-8 is added to "
                  "np.sqrt(v_hat): w -= lr * m_hat / (np.sqrt(v_hat) + 1e-8).")
@given(problem=problems(), lr=LR, beta1=s.floats(0.0, 0.99), beta2=s.floats(0.9, 0.9999))
def test_adam_matches_reference(student, reference, problem, lr, beta1, beta2):
    """Adam agrees with the reference over many steps, small gradients (where eps matters) included."""
    expect_same_trajectory(student, reference, "Adam", {"lr": lr, "beta1": beta1, "beta2": beta2}, problem)
