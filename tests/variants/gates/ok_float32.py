"""Correct: every perceptron computed in float32 (the inputs cast inside)."""
import numpy as np


def perceptron(x, w, b):
    total = np.dot(np.asarray(w, dtype=np.float32), np.asarray(x, dtype=np.float32)) + np.float32(b)
    return int(total > 0)


def AND(x1, x2):
    return perceptron(np.array([x1, x2], dtype=np.float32), np.array([0.5, 0.5], dtype=np.float32), -0.7)


def NAND(x1, x2):
    return perceptron(np.array([x1, x2], dtype=np.float32), np.array([-0.5, -0.5], dtype=np.float32), 0.7)


def OR(x1, x2):
    return perceptron(np.array([x1, x2], dtype=np.float32), np.array([0.5, 0.5], dtype=np.float32), -0.2)
