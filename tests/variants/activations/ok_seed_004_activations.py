"""Correct: the listings of the course notes, part 004 (the neural-network chapter).

step: `step_function(x)` = `np.array(x > 0, dtype=np.int)`; np.int was removed in
NumPy 1.24, so `dtype=int` (the same type), which gives an int array of 0 and 1.
sigmoid: `return 1/(1 + np.exp(-x))`; relu: `return np.maximum(0,x)`.
"""
import numpy as np


def step(x):
    return np.array(x > 0, dtype=int)


def sigmoid(x):
    return 1/(1 + np.exp(-x))


def relu(x):
    return np.maximum(0,x)
