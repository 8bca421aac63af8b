"""AND as `if x1 and x2`: right on 0 and 1, but any two non-zero inputs (-1, -1) give 1: not a perceptron."""

CAUGHT_BY = ["AND_is_one_perceptron"]
MISTAKE = "Your AND tests truthiness with if x1 and x2, so any two non-zero inputs give 1: return perceptron(np.array([x1, x2]), w, b) with e.g. w = [0.5, 0.5], b = -0.7."
PASSES = ["AND_truth_table", "XOR_truth_table", "NAND_is_one_perceptron", "OR_is_one_perceptron",
          "XOR_is_AND_of_NAND_and_OR"]


def AND(x1, x2):
    if x1 and x2:
        return 1
    return 0
