"""NAND as 1 - AND(x1, x2): the right table, but two steps instead of one perceptron."""

CAUGHT_BY = ["NAND_is_one_perceptron"]
PASSES = ["NAND_truth_table", "XOR_truth_table", "AND_is_one_perceptron", "XOR_on_reference_gates"]


def NAND(x1, x2):
    return 1 - AND(x1, x2)
