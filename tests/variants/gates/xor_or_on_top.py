"""XOR with OR as the output unit: OR(NAND(x1, x2), OR(x1, x2)) is 1 for (0, 0) too."""

CAUGHT_BY = ["XOR_truth_table", "XOR_is_AND_of_NAND_and_OR", "XOR_on_reference_gates"]
MISTAKE = "Your XOR uses OR as the output unit, so XOR(0, 0) is 1: combine the hidden units with AND, as AND(NAND(x1, x2), OR(x1, x2))."
PASSES = ["AND_truth_table", "NAND_truth_table", "OR_truth_table"]


def XOR(x1, x2):
    return OR(NAND(x1, x2), OR(x1, x2))
