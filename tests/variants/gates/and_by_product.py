"""AND as x1 * x2: the right table on 0 and 1, but AND(0.5, 0.5) = 0.25 is no perceptron's answer."""

CAUGHT_BY = ["AND_is_one_perceptron"]
PASSES = ["AND_truth_table", "XOR_truth_table", "NAND_is_one_perceptron", "OR_is_one_perceptron"]


def AND(x1, x2):
    return x1 * x2
