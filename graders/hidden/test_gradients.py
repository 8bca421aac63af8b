"""Hidden graders for gradients: the student's functions against the reference on hypothesis inputs."""
from types import SimpleNamespace

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from graders.testing import strategies as s
from graders.testing.expect import expect_close, tolerance
from graders.testing.gradients import numerical_gradient
from graders.testing.shared.gradients import H, quotient_tolerance

CENTRAL_HINT = ("Central difference: (f(x + h) - f(x - h)) / (2 * h) for every element of x, "
                "each element restored before the next.")


def _f64(x) -> np.ndarray:
    return np.asarray(x, dtype=np.float64)


# Smooth functions with no closed form the student could special-case; each takes any shape.
# name: (f, the size of f's terms at x, for the rounding of f(x ± h); x is within [-2, 2]).
FUNCTIONS = {
    "Σ sin(x)·x": (lambda x: float(np.sum(np.sin(_f64(x)) * _f64(x))), lambda x: float(np.sum(np.abs(x) + H))),
    "log Σ exp(x)": (lambda x: float(np.log(np.sum(np.exp(_f64(x))))), lambda x: float(np.max(np.abs(x)) + x.size)),
    "Σ x⁴/4 - x²": (lambda x: float(np.sum(_f64(x) ** 4 / 4 - _f64(x) ** 2)),
                    lambda x: float(np.sum((np.abs(x) + H) ** 4 / 4 + (np.abs(x) + H) ** 2))),
    "(Σ x)·(Σ x²)": (lambda x: float(np.sum(_f64(x)) * np.sum(_f64(x) ** 2)),
                     lambda x: float(np.sum(np.abs(x) + H) * np.sum((np.abs(x) + H) ** 2))),
}

# Functions gradient descent runs on, from x in [-2, 2] with lr <= 0.1, where every step's
# Jacobian 1 - lr·f'' has |1 - lr·f''| <= 1 + lr·mu (mu: the most negative curvature f'' on the
# way; lr·max f'' <= 2) and |x| stays below 2 + lr·steps·G (G: the largest |f'|).
# name: (f, mu, G).
DESCENT = {
    "Σ sin(x)·x": (FUNCTIONS["Σ sin(x)·x"][0], 2.7, 2.0),
    "log Σ exp(x)": (FUNCTIONS["log Σ exp(x)"][0], 0.0, 1.0),
    "Σ x⁴/4 - x²": (FUNCTIONS["Σ x⁴/4 - x²"][0], 2.0, 4.0),
    "Σ √(1 + x²)": (lambda x: float(np.sum(np.sqrt(1 + _f64(x) ** 2))), 0.0, 1.0),
}


def numerical_gradient_of_grader(fn):
    """A stand-in numerical_gradient run in the grader: central differences of fn (whatever f it is given),
    named as the student's function is (a timeout's message names the function it was still in)."""
    def stand_in(f, x, h=H):
        return numerical_gradient(fn, np.array(x, dtype=np.float64), h)

    stand_in.__name__ = "numerical_gradient"
    return SimpleNamespace(numerical_gradient=stand_in)


@pytest.mark.hint(CENTRAL_HINT)
@settings(max_examples=12)  # twice the 6 examples its slowest-caught buggy variant needs
@given(x=s.float_arrays(shape=s.shapes(1, 3, max_side=3), low=-2, high=2),
       name=st.sampled_from(sorted(FUNCTIONS)))
def test_numerical_gradient_matches_reference(student, reference, x, name):
    """numerical_gradient agrees with the reference on smooth functions, for x of any shape."""
    f, terms = FUNCTIONS[name]
    expected = reference.numerical_gradient(f, x.copy())
    # x may be changed while it works (and restored): that is checked in the public checks.
    got = student.with_in_place(1).numerical_gradient(f, x.copy())
    expect_close(got, expected, f"numerical_gradient({name}, x)",
                 tol=quotient_tolerance(H, terms(x), 2 * x.size), hint=CENTRAL_HINT)


@pytest.mark.hint("x <- x - lr * numerical_gradient(f, x), `steps` times, from a copy of init_x; "
                  "return only the final x.")
@given(x=s.float_arrays(shape=s.shapes(1, 2, max_side=3), low=-2, high=2),
       name=st.sampled_from(sorted(DESCENT)), lr=s.floats(0.001, 0.1), steps=st.integers(0, 12))
def test_gradient_descent_matches_reference(student, reference, x, name, lr, steps):
    """gradient_descent agrees with the reference on smooth functions (given an exact central difference)."""
    f, mu, G = DESCENT[name]
    expected = reference.gradient_descent(f, x.copy(), lr, steps)
    got = student.with_reference(numerical_gradient_of_grader(f), "numerical_gradient") \
        .gradient_descent(f, x.copy(), lr, steps)
    # Each step rounds once; negative curvature amplifies an earlier step's rounding by up to 1 + lr·mu.
    tol = tolerance(steps=steps + 1, condition=(1 + lr * mu) ** steps, scale=2 + lr * steps * G)
    expect_close(got, expected, f"gradient_descent({name}, x, lr={lr:g}, steps={steps})", tol=tol)
