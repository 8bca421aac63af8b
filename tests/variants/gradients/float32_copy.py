"""Works on a float32 copy of x: x + h is rounded to float32, so the step is only ~1e-3 accurate."""
import numpy as np

CAUGHT_BY = ["course_notes_partial_derivatives", "works_for_any_shape", "x_is_restored", "cubic_is_precise",
             "sine_gradient", "numerical_gradient_matches_reference"]
MISTAKE = "Your numerical_gradient works on a float32 copy of x, so rounding x + h makes the gradient off by about 1e-3: keep x float64, change it in place and restore each element."
PASSES = ["gradient_descent_on_a_quadratic", "gradient_descent_matches_reference"]


def numerical_gradient(f, x, h=1e-4):
    x = x.astype(np.float32)
    grad = np.zeros_like(x)
    for idx in np.ndindex(x.shape):
        saved = x[idx]
        x[idx] = saved + h
        f_plus = f(x)
        x[idx] = saved - h
        f_minus = f(x)
        x[idx] = saved
        grad[idx] = (f_plus - f_minus) / (2 * h)
    return grad
