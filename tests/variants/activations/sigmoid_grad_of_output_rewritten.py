"""Same mistake as sigmoid_grad_of_output (s * (1 - s) applied to the input x instead of to
sigmoid(x)), written another way: the student names x as if it were the output and uses a helper."""

CAUGHT_BY = ["sigmoid_grad_course_notes_values", "sigmoid_grad_matches_slope", "matches_reference[sigmoid_grad]"]
MISTAKE = "Your sigmoid_grad computes x * (1 - x) on the input x: take s = sigmoid(x) first, then return s * (1 - s)."


def sigmoid_grad(x):
    out = x  # taken for the sigmoid's output, as in the notes' y * (1 - y)
    one_minus_out = 1.0 - out
    return one_minus_out * out
