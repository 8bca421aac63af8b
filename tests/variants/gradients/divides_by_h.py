"""Central difference divided by h instead of 2h: every gradient comes out twice too large."""
import numpy as np

CAUGHT_BY = ["course_notes_partial_derivatives", "course_notes_chain_rule_example", "function_2_example",
             "works_for_any_shape", "x_is_restored", "sine_gradient", "cubic_is_precise", "uses_the_given_h",
             "product_gradient", "gradient_descent_function_2_example", "numerical_gradient_matches_reference"]
MISTAKE = "Your numerical_gradient divides the central difference by h instead of 2 * h, so every gradient is twice too large: use (f(x + h) - f(x - h)) / (2 * h)."
PASSES = ["gradient_descent_on_a_quadratic", "gradient_descent_matches_reference"]


def numerical_gradient(f, x, h=1e-4):
    grad = np.zeros(x.shape, dtype=np.float64)
    for idx in np.ndindex(x.shape):
        saved = x[idx]
        x[idx] = saved + h
        f_plus = f(x)
        x[idx] = saved - h
        f_minus = f(x)
        x[idx] = saved
        grad[idx] = (f_plus - f_minus) / h
    return grad
