"""What the gates task's public and hidden suites share (the hidden suite never imports the public one)."""
from graders.testing.expect import expect_integer, expect_true

CORNERS = ((0, 0), (0, 1), (1, 0), (1, 1))

PERCEPTRON_HINT = "Return 1 if np.dot(w, x) + b > 0 else 0, as an int (int(...) of a comparison, not True/False)."


def perceptron_answer(got, what, hint=PERCEPTRON_HINT):
    """``got`` is an int 0 or 1; returns it."""
    value = expect_integer(got, what, hint)
    expect_true(value in (0, 1), f"{what} should be 0 or 1", got=value, hint=hint)
    return value
