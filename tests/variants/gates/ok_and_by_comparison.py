"""Correct: AND as int(x1 + x2 > 1.5), a comparison that is one perceptron (w = [1, 1], b = -1.5)."""


def AND(x1, x2):
    return int(x1 + x2 > 1.5)
