"""XOR written as x1 != x2: the right table, but not the two-layer network of NAND, OR and AND."""

CAUGHT_BY = ["XOR_is_AND_of_NAND_and_OR"]
MISTAKE = "Your XOR compares the inputs (x1 != x2) instead of building the two-layer network: return AND(NAND(x1, x2), OR(x1, x2))."
PASSES = ["XOR_truth_table", "XOR_on_reference_gates", "AND_is_one_perceptron"]


def XOR(x1, x2):
    return int(x1 != x2)
