"""perceptron returns the comparison itself (a numpy bool), not the int 1 or 0 the docstring asks for."""
import numpy as np

CAUGHT_BY = ["perceptron_course_notes_example", "perceptron_zero_sum_gives_0",
             "perceptron_is_a_threshold_of_w_dot_x_plus_b", "perceptron_matches_reference",
             "perceptron_integer_inputs"]
MISTAKE = "Your perceptron returns the comparison itself (a numpy bool) instead of the int 1 or 0: return 1 if np.dot(w, x) + b > 0 else 0."
PASSES = ["AND_truth_table", "NAND_truth_table", "OR_truth_table", "XOR_truth_table",
          "AND_is_one_perceptron", "NAND_is_one_perceptron", "OR_is_one_perceptron",
          "XOR_is_AND_of_NAND_and_OR", "XOR_on_reference_gates"]


def perceptron(x, w, b):
    return np.dot(w, x) + b > 0
