"""Hidden graders for gradients: the student's functions against the reference on hypothesis inputs."""
from types import SimpleNamespace

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from graders import strategies as s
from graders.expect import expect_close

CENTRAL_HINT = ("Central difference: (f(x + h) - f(x - h)) / (2 * h) for every element of x, "
                "each element restored before the next.")


def _f64(x) -> np.ndarray:
    return np.asarray(x, dtype=np.float64)


# Smooth functions with no closed form the student could special-case; each takes any shape.
FUNCTIONS = {
    "Σ sin(x)·x": lambda x: float(np.sum(np.sin(_f64(x)) * _f64(x))),
    "log Σ exp(x)": lambda x: float(np.log(np.sum(np.exp(_f64(x))))),
    "Σ x⁴/4 - x²": lambda x: float(np.sum(_f64(x) ** 4 / 4 - _f64(x) ** 2)),
    "(Σ x)·(Σ x²)": lambda x: float(np.sum(_f64(x)) * np.sum(_f64(x) ** 2)),
}


def numerical_gradient_of_grader(name):
    """A stand-in numerical_gradient run in the grader: central differences of FUNCTIONS[name]."""
    fn = FUNCTIONS[name]

    def numerical_gradient(f, x, h=1e-4):
        x = np.array(x, dtype=np.float64)
        grad = np.zeros_like(x)
        for idx in np.ndindex(x.shape):
            saved = x[idx]
            x[idx] = saved + h
            plus = fn(x)
            x[idx] = saved - h
            grad[idx] = (plus - fn(x)) / (2 * h)
            x[idx] = saved
        return grad

    return SimpleNamespace(numerical_gradient=numerical_gradient)


@pytest.mark.hint(CENTRAL_HINT)
@settings(max_examples=20)
@given(x=s.float_arrays(shape=s.shapes(1, 3, max_side=3), low=-2, high=2),
       name=st.sampled_from(sorted(FUNCTIONS)))
def test_numerical_gradient_matches_reference(student, reference, x, name):
    """numerical_gradient agrees with the reference on smooth functions, for x of any shape."""
    f = FUNCTIONS[name]
    expected = reference.numerical_gradient(f, x.copy())
    expect_close(student.numerical_gradient(f, x.copy()), expected,
                 f"numerical_gradient({name}, x)", rtol=1e-7, atol=1e-7)


@pytest.mark.hint("x <- x - lr * numerical_gradient(f, x), `steps` times, from a copy of init_x; "
                  "return only the final x.")
@settings(max_examples=20)
@given(x=s.float_arrays(shape=s.shapes(1, 2, max_side=3), low=-2, high=2),
       name=st.sampled_from(sorted(FUNCTIONS)), lr=s.floats(0.001, 0.1), steps=st.integers(0, 12))
def test_gradient_descent_matches_reference(student, reference, x, name, lr, steps):
    """gradient_descent agrees with the reference on smooth functions (given an exact central difference)."""
    f = FUNCTIONS[name]
    expected = reference.gradient_descent(f, x.copy(), lr, steps)
    got = student.with_reference(numerical_gradient_of_grader(name), "numerical_gradient") \
        .gradient_descent(f, x.copy(), lr, steps)
    expect_close(got, expected, f"gradient_descent({name}, x, lr={lr:g}, steps={steps})",
                 rtol=1e-7, atol=1e-9)

