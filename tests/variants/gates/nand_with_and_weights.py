"""NAND copied from AND without flipping the signs: NAND is AND, so XOR breaks too."""
import numpy as np

CAUGHT_BY = ["NAND_truth_table", "NAND_is_one_perceptron", "XOR_truth_table"]
MISTAKE = "Your NAND uses AND's parameters w = [0.5, 0.5], b = -0.7, so it computes AND: flip every sign, w = [-0.5, -0.5], b = 0.7."
PASSES = ["AND_truth_table", "OR_truth_table", "AND_is_one_perceptron", "XOR_is_AND_of_NAND_and_OR",
          "XOR_on_reference_gates"]


def NAND(x1, x2):
    return perceptron(np.array([x1, x2]), np.array([0.5, 0.5]), -0.7)
