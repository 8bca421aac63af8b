"""AND as x1 * x2: the right table on 0 and 1, but AND(0.5, 0.5) = 0.25 is no perceptron's answer."""

CAUGHT_BY = ["AND_is_one_perceptron"]
MISTAKE = "Your AND returns x1 * x2, which is not a perceptron's 0/1 answer for inputs between 0 and 1: return perceptron(np.array([x1, x2]), w, b) with e.g. w = [0.5, 0.5], b = -0.7."
PASSES = ["AND_truth_table", "XOR_truth_table", "NAND_is_one_perceptron", "OR_is_one_perceptron"]


def AND(x1, x2):
    return x1 * x2
