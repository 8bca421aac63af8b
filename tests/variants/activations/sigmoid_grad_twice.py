"""sigmoid_grad applies the sigmoid twice: sigmoid(s) * (1 - sigmoid(s)) with s = sigmoid(x).

The student read seed 001's o * (1 - o) as "sigmoid of the output" and fed the
already-squashed value through the sigmoid again.
"""
CAUGHT_BY = ["sigmoid_grad_course_notes_values", "sigmoid_grad_matches_slope", "matches_reference[sigmoid_grad]"]
MISTAKE = "Your sigmoid_grad applies the sigmoid twice, sigmoid(s) * (1 - sigmoid(s)) with s = sigmoid(x): return s * (1 - s) directly."
PASSES = ["sigmoid_course_notes_values", "shapes_and_dtypes"]


def sigmoid_grad(x):
    s = sigmoid(x)
    return sigmoid(s) * (1.0 - sigmoid(s))
