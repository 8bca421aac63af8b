"""OR mixes parameters of the course notes: AND's w = [0.5, 0.5] with OR's b = -0.5 gives exactly 0 for (1, 0)."""
import numpy as np

CAUGHT_BY = ["OR_truth_table", "OR_is_one_perceptron", "XOR_truth_table"]
MISTAKE = "Your OR uses w = [0.5, 0.5] with b = -0.5, so a single 1 gives a sum of exactly 0, which does not fire: raise the bias, e.g. b = -0.2 (or use w = [1.0, 1.0], b = -0.5)."
PASSES = ["AND_truth_table", "NAND_truth_table", "XOR_is_AND_of_NAND_and_OR", "XOR_on_reference_gates"]


def OR(x1, x2):
    return perceptron(np.array([x1, x2]), np.array([0.5, 0.5]), -0.5)
