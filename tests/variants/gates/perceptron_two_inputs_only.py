"""perceptron hard-codes two inputs as in course notes 001 (w[0]*x[0] + w[1]*x[1] + b)."""

CAUGHT_BY = ["perceptron_matches_reference", "perceptron_integer_inputs"]
MISTAKE = "Your perceptron hard-codes two inputs (x[0] * w[0] + x[1] * w[1]): use np.dot(w, x) + b so any number of inputs works."
PASSES = ["perceptron_course_notes_example", "perceptron_is_a_threshold_of_w_dot_x_plus_b", "AND_truth_table",
          "XOR_truth_table"]


def perceptron(x, w, b):
    result = x[0] * w[0] + x[1] * w[1] + b
    if result <= 0:
        return 0
    return 1
