"""Correct: the gate listings of course notes 001 (AND_gate, NAND_gate, OR_gate: w1, w2, b and
x[0]*w1 + x[1]*w2 + b inline, no perceptron call) and its XOR cell (NAND and OR outputs
collected in new_input_data, then AND on them).

Adapted to the kit's API without changing the math: the notes' gates take the pair x, the
kit's take x1, x2 (so x = [x1, x2] first); the notes' XOR loops over the four input rows,
the kit's XOR handles one row (the loop body).
"""


def AND(x1, x2):
    x = [x1, x2]
    w1 = 0.5
    w2 = 0.5
    b = -0.7
    result = x[0] * w1 + x[1] * w2 + b
    if result <= 0:
        return 0
    else:
        return 1


def NAND(x1, x2):
    x = [x1, x2]
    w1 = -0.5
    w2 = -0.5
    b = 0.7
    result = x[0] * w1 + x[1] * w2 + b
    if result <= 0:
        return 0
    else:
        return 1


def OR(x1, x2):
    x = [x1, x2]
    w1 = 0.6
    w2 = 0.6
    b = -0.5
    result = x[0] * w1 + x[1] * w2 + b
    if result <= 0:
        return 0
    else:
        return 1


def XOR(x1, x2):
    new_input_data = []  # AND's inputs
    s1 = NAND(x1, x2)  # NAND's output
    s2 = OR(x1, x2)  # OR's output
    new_input_data.append(s1)
    new_input_data.append(s2)
    result = AND(new_input_data[0], new_input_data[1])
    return result
