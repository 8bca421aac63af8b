"""Correct: a sum-form perceptron (np.sum(w * x) + b, as in course notes 004), OR with the notes'
(b, w1, w2) = (-0.5, 1.0, 1.0), AND and NAND with w = ±[1, 1], b = ∓1.5, keyword arguments, and OR
before NAND in XOR."""
import numpy as np


def perceptron(x, w, b):
    tmp = np.sum(w * x) + b
    if tmp <= 0:
        return 0
    return 1


def AND(x1, x2):
    return perceptron(np.array([x1, x2]), np.array([1.0, 1.0]), -1.5)


def NAND(x1, x2):
    return perceptron(x=np.array([x1, x2]), w=np.array([-1.0, -1.0]), b=1.5)


def OR(x1, x2):
    x = np.array([x1, x2])
    w = np.array([1.0, 1.0])
    b = -0.5
    return perceptron(x, w, b)


def XOR(x1, x2):
    s2 = OR(x1, x2)
    s1 = NAND(x1, x2)
    return AND(s1, s2)
