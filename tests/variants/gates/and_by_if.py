"""AND tests the inputs with if/else instead of calling perceptron: not a perceptron at all."""

CAUGHT_BY = ["AND_is_one_perceptron"]
MISTAKE = "Your AND tests the inputs with if x1 == 1 and x2 == 1 instead of being one perceptron: return perceptron(np.array([x1, x2]), w, b) with e.g. w = [0.5, 0.5], b = -0.7."
PASSES = ["AND_truth_table", "XOR_truth_table", "NAND_is_one_perceptron"]


def AND(x1, x2):
    if x1 == 1 and x2 == 1:
        return 1
    return 0
