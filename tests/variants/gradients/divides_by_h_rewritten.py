"""Same mistake as divides_by_h (the central difference divided by h, not 2h), written another way:
a loop over flat positions with np.unravel_index and the textbook's names fxh1, fxh2."""
import numpy as np

CAUGHT_BY = ["course_notes_partial_derivatives", "course_notes_chain_rule_example", "function_2_example",
             "works_for_any_shape", "x_is_restored", "sine_gradient", "cubic_is_precise", "uses_the_given_h",
             "product_gradient", "gradient_descent_function_2_example", "numerical_gradient_matches_reference"]
MISTAKE = "Your numerical_gradient divides the central difference by h instead of 2 * h, so every gradient is twice too large: use (f(x + h) - f(x - h)) / (2 * h)."
PASSES = ["gradient_descent_on_a_quadratic", "gradient_descent_matches_reference"]


def numerical_gradient(f, x, h=1e-4):
    grad = np.zeros(np.shape(x), dtype=np.float64)
    for position in range(x.size):
        idx = np.unravel_index(position, x.shape)
        tmp_val = x[idx]
        x[idx] = tmp_val + h
        fxh1 = f(x)
        x[idx] = tmp_val - h
        fxh2 = f(x)
        x[idx] = tmp_val
        diff = fxh1 - fxh2
        grad[idx] = diff / h
    return grad
