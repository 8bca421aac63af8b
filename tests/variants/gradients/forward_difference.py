"""Forward difference (f(x + h) - f(x)) / h: its error grows like h, so it is off by ~1e-4."""
import numpy as np

CAUGHT_BY = ["cubic_is_precise", "sine_gradient", "x_is_restored", "uses_the_given_h", "works_for_any_shape",
             "numerical_gradient_matches_reference"]
MISTAKE = "Your numerical_gradient uses the forward difference (f(x + h) - f(x)) / h, whose error grows like h: use the central difference (f(x + h) - f(x - h)) / (2 * h)."
PASSES = ["gradient_descent_on_a_quadratic", "gradient_descent_matches_reference"]


def numerical_gradient(f, x, h=1e-4):
    grad = np.zeros(x.shape, dtype=np.float64)
    fx = f(x)
    for idx in np.ndindex(x.shape):
        saved = x[idx]
        x[idx] = saved + h
        grad[idx] = (f(x) - fx) / h
        x[idx] = saved
    return grad
