"""Returns (x, history) like the textbook's later gradient_descent, where only x is asked for."""
import numpy as np

CAUGHT_BY = ["gradient_descent_function_2_example", "gradient_descent_on_a_quadratic",
             "gradient_descent_matches_reference"]
MISTAKE = "Your gradient_descent returns (x, history) instead of only the final x: return just x."
PASSES = ["works_for_any_shape", "numerical_gradient_matches_reference"]


def gradient_descent(f, init_x, lr, steps):
    x = np.array(init_x, dtype=np.float64)
    history = []
    for _ in range(steps):
        history.append(x.copy())
        x -= lr * numerical_gradient(f, x)  # noqa: F821 (the reference's, above the variant)
    return x, np.array(history)
