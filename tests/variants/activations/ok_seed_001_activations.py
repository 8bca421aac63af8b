"""Correct: the listings of the course notes, part 001 (section 7, non-linear activation functions).

sigmoid: `return 1/(1+np.exp(-x))` (numpy warns "overflow encountered in exp" for x below
about -709, but 1 / (1 + inf) = 0 is right); tanh: the plot's `np.tanh(x)`; relu:
`return np.maximum(0, x)`; leaky_relu: `a = 0.1` at module level and
`return np.maximum(a*x, x)`, adapted to the kit's argument `alpha` (default 0.01) in place
of the module-level a. max(alpha * x, x) is leaky ReLU for 0 <= alpha <= 1.
"""
import numpy as np


def sigmoid(x):
    return 1/(1+np.exp(-x))


def tanh(x):
    return np.tanh(x)


def relu(x):
    return np.maximum(0, x)


def leaky_relu(x, alpha=0.01):
    return np.maximum(alpha*x, x)
