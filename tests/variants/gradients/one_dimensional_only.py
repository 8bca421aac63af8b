"""The textbook's 1-D loop `for idx in range(x.size)`: x[idx] is a whole row when x is 2-D."""
import numpy as np

CAUGHT_BY = ["works_for_any_shape", "numerical_gradient_matches_reference"]
MISTAKE = "Your numerical_gradient loops over range(x.size) with x[idx], which only works for 1-D x (for 2-D x, x[idx] is a whole row): loop over every element with np.ndindex(x.shape)."
PASSES = ["course_notes_partial_derivatives", "course_notes_chain_rule_example", "function_2_example",
          "product_gradient", "gradient_descent_function_2_example"]


def numerical_gradient(f, x, h=1e-4):
    grad = np.zeros_like(x)
    for idx in range(x.size):
        tmp_val = x[idx]
        x[idx] = tmp_val + h
        fxh1 = f(x)
        x[idx] = tmp_val - h
        fxh2 = f(x)
        grad[idx] = (fxh1 - fxh2) / (2 * h)
        x[idx] = tmp_val
    return grad
