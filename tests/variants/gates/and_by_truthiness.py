"""AND as `if x1 and x2`: right on 0 and 1, but any two non-zero inputs (-1, -1) give 1: not a perceptron."""

CAUGHT_BY = ["AND_is_one_perceptron"]
PASSES = ["AND_truth_table", "XOR_truth_table", "NAND_is_one_perceptron", "OR_is_one_perceptron",
          "XOR_is_AND_of_NAND_and_OR"]


def AND(x1, x2):
    if x1 and x2:
        return 1
    return 0
