"""Correct, with other formulas: sigmoid and tanh through each other, heaviside, seed 001's max form."""
import numpy as np


def step(x):
    return np.heaviside(x, 0.0)


def sigmoid(x):
    return 0.5 * (1.0 + np.tanh(0.5 * np.asarray(x)))


def tanh(x):
    x = np.asarray(x)
    e = np.exp(-2.0 * np.abs(x))
    return np.sign(x) * (1.0 - e) / (1.0 + e)


def relu(x):
    return x * (np.asarray(x) > 0)


def leaky_relu(x, alpha=0.01):
    return np.maximum(alpha * np.asarray(x), x)


def identity(x):
    return np.asarray(x) + 0.0


def sigmoid_grad(x):
    t = np.tanh(0.5 * np.asarray(x))
    return 0.25 * (1.0 - t) * (1.0 + t)


def tanh_grad(x):
    s = sigmoid(2.0 * np.asarray(x))
    return 4.0 * s * (1.0 - s)


def relu_grad(x):
    return np.heaviside(x, 0.0)


def leaky_relu_grad(x, alpha=0.01):
    return np.where(np.asarray(x) > 0, 1.0, alpha)
