"""Correct: the XOR listing of course notes 004 ("XOR 게이트 구현하기"): AND and OR with
tmp = np.sum(w*x) + b inline, NAND with AND's weights and bias but the answers swapped (1 when
tmp <= 0, else 0: one perceptron, with w and b negated), and XOR = AND(NAND, OR) via s1, s2, y.

Taken as is: the notes' functions already have the kit's signatures.
"""
import numpy as np


def AND(x1, x2):
    x = np.array([x1, x2])
    w = np.array([0.5, 0.5])
    b = -0.7
    tmp = np.sum(w * x) + b
    if tmp <= 0:
        return 0
    else:
        return 1


def OR(x1, x2):
    x = np.array([x1, x2])
    w = np.array([1.0, 1.0])
    b = -0.5
    tmp = np.sum(w * x) + b
    if tmp <= 0:
        return 0
    else:
        return 1


def NAND(x1, x2):
    x = np.array([x1, x2])
    w = np.array([0.5, 0.5])
    b = -0.7
    tmp = np.sum(w * x) + b
    if tmp <= 0:
        return 1
    else:
        return 0


def XOR(x1, x2):
    s1 = NAND(x1, x2)
    s2 = OR(x1, x2)
    y = AND(s1, s2)
    return y
