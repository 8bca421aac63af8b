"""Correct: the forward passes written with the activation listings of course notes 001.

Notes 001, "7. 비선형 활성화 함수": `def sigmoid(x): return 1/(1+np.exp(-x))` and
`def relu(x): return np.maximum(0, x)` (notes 004, "신경망", list the same two functions).
Adapted to the kit's API: they become the forward passes of Sigmoid and Relu, which also
keep out and the mask for backward (the notes have no backward); the math is unchanged.
np.exp(-x) overflows to inf for x below about -709 (with a warning) and 1/(1+inf) is 0,
the right limit, so the listing stays correct."""
import numpy as np


def sigmoid(x):
    return 1/(1+np.exp(-x))


def relu(x):
    return np.maximum(0, x)


class Sigmoid:
    def __init__(self):
        self.out = None

    def forward(self, x):
        self.out = sigmoid(x)
        return self.out

    def backward(self, dout):
        return dout * self.out * (1.0 - self.out)


class Relu:
    def __init__(self):
        self.mask = None

    def forward(self, x):
        self.mask = x <= 0
        return relu(x)

    def backward(self, dout):
        return np.where(self.mask, 0.0, dout)
