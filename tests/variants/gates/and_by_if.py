"""AND tests the inputs with if/else instead of calling perceptron: not a perceptron at all."""

CAUGHT_BY = ["AND_is_one_perceptron"]
PASSES = ["AND_truth_table", "XOR_truth_table", "NAND_is_one_perceptron"]


def AND(x1, x2):
    if x1 == 1 and x2 == 1:
        return 1
    return 0
