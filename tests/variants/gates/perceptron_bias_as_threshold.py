"""perceptron compares w·x against b (the theta form of course notes 000) while the gates pass b = -theta."""
import numpy as np

CAUGHT_BY = ["perceptron_course_notes_example", "perceptron_is_a_threshold_of_w_dot_x_plus_b",
             "AND_truth_table", "XOR_truth_table", "perceptron_matches_reference"]
MISTAKE = "Your perceptron fires when np.dot(w, x) > b, treating b as the threshold: b is the bias (b = -theta), so fire when np.dot(w, x) + b > 0."
PASSES = ["AND_is_one_perceptron", "NAND_is_one_perceptron", "OR_is_one_perceptron",
          "XOR_is_AND_of_NAND_and_OR", "XOR_on_reference_gates"]


def perceptron(x, w, b):
    return 1 if np.dot(w, x) > b else 0
