"""Never puts x[idx] back: x is left shifted by -h, and later partials are taken at the wrong point."""
import numpy as np

CAUGHT_BY = ["course_notes_partial_derivatives", "x_is_restored", "product_gradient",
             "gradient_descent_function_2_example", "numerical_gradient_matches_reference"]
MISTAKE = "Your numerical_gradient never puts x[idx] back, leaving each element at saved - h: set x[idx] = saved after the two calls to f, before the next index."
PASSES = ["works_for_any_shape", "cubic_is_precise", "sine_gradient", "course_notes_chain_rule_example",
          "gradient_descent_on_a_quadratic", "gradient_descent_matches_reference"]


def numerical_gradient(f, x, h=1e-4):
    grad = np.zeros(x.shape, dtype=np.float64)
    for idx in np.ndindex(x.shape):
        saved = x[idx]
        x[idx] = saved + h
        f_plus = f(x)
        x[idx] = saved - h
        f_minus = f(x)
        grad[idx] = (f_plus - f_minus) / (2 * h)
    return grad
