"""sigmoid_grad computes x * (1 - x): the formula for the sigmoid's output, applied to its input."""
CAUGHT_BY = ["sigmoid_grad_course_notes_values", "sigmoid_grad_matches_slope", "matches_reference[sigmoid_grad]"]
MISTAKE = "Your sigmoid_grad computes x * (1 - x) on the input x: take s = sigmoid(x) first, then return s * (1 - s)."


def sigmoid_grad(x):
    return x * (1.0 - x)
