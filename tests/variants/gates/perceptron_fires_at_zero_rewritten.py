"""Same mistake as perceptron_fires_at_zero (a sum of exactly 0 fires), written another way:
the weighted sum in a helper variable and the non-strict comparison turned into an int."""
import numpy as np

CAUGHT_BY = ["perceptron_zero_sum_gives_0", "perceptron_integer_inputs"]
MISTAKE = "Your perceptron tests >= 0, so a sum of exactly 0 fires: use the strict test np.dot(w, x) + b > 0."
PASSES = ["perceptron_course_notes_example", "AND_truth_table", "NAND_truth_table", "OR_truth_table",
          "XOR_truth_table", "perceptron_matches_reference"]


def perceptron(x, w, b):
    weighted_sum = np.dot(w, x) + b
    fires = weighted_sum >= 0
    return int(fires)
