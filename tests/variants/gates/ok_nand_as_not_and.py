"""Correct: NAND as 1 - AND(x1, x2). AND's unit with its answers swapped is 1 exactly where
w·x + b <= 0, which is itself one perceptron (w and b negated, the line the same), the same
math as the NAND listing of course notes 004."""


def NAND(x1, x2):
    return 1 - AND(x1, x2)
