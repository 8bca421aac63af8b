"""Sets h = 1e-4 inside the function, ignoring the h it is given."""
import numpy as np

CAUGHT_BY = ["uses_the_given_h"]
MISTAKE = "Your numerical_gradient overwrites h with 1e-4 inside the function, ignoring the h it is given: remove that line and use the h argument."
PASSES = ["course_notes_partial_derivatives", "works_for_any_shape", "x_is_restored", "cubic_is_precise",
          "numerical_gradient_matches_reference", "gradient_descent_function_2_example"]


def numerical_gradient(f, x, h=1e-4):
    h = 1e-4
    grad = np.zeros(x.shape, dtype=np.float64)
    for idx in np.ndindex(x.shape):
        saved = x[idx]
        x[idx] = saved + h
        f_plus = f(x)
        x[idx] = saved - h
        f_minus = f(x)
        x[idx] = saved
        grad[idx] = (f_plus - f_minus) / (2 * h)
    return grad
