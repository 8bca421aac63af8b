"""Steps along the gradient (x += lr * grad): gradient ascent, away from the minimum."""
import numpy as np

CAUGHT_BY = ["gradient_descent_function_2_example", "gradient_descent_on_a_quadratic",
             "gradient_descent_matches_reference"]
MISTAKE = "Your gradient_descent adds lr * grad (x += ...), climbing away from the minimum: step against the gradient with x -= lr * grad."
PASSES = ["works_for_any_shape"]


def gradient_descent(f, init_x, lr, steps):
    x = np.array(init_x, dtype=np.float64)
    for _ in range(steps):
        x += lr * numerical_gradient(f, x)  # noqa: F821 (the reference's, above the variant)
    return x
