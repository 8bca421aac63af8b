"""The textbook's `x = init_x`: x -= ... then changes the caller's array too."""
CAUGHT_BY = ["gradient_descent_function_2_example", "gradient_descent_on_a_quadratic",
             "gradient_descent_matches_reference"]
MISTAKE = "Your gradient_descent sets x = init_x without copying, so x -= ... also changes the caller's array: start from a copy, x = np.array(init_x, dtype=np.float64)."
PASSES = ["course_notes_partial_derivatives", "works_for_any_shape", "x_is_restored"]


def gradient_descent(f, init_x, lr, steps):
    x = init_x
    for _ in range(steps):
        x -= lr * numerical_gradient(f, x)  # noqa: F821 (the reference's, above the variant)
    return x
