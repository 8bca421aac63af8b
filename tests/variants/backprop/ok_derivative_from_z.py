"""Correct, another formula: the sigmoid derivative from the net input z, exp(-z) / (1 + exp(-z))^2,
instead of o (1 - o); E_total as half a dot product; the step through np.subtract."""
import numpy as np


def _net_inputs(x, W1, W2):
    z1 = np.dot(W1, x)
    h = 1.0 / (1.0 + np.exp(-z1))
    z2 = np.dot(W2, h)
    return z1, h, z2


def _dsigmoid(z):
    e = np.exp(-np.abs(z))          # symmetric in z, and no overflow for large |z|
    return e / (1.0 + e) ** 2


def forward(x, W1, W2):
    _, h, z2 = _net_inputs(x, W1, W2)
    return h, 1.0 / (1.0 + np.exp(-z2))


def total_error(o, t):
    diff = np.subtract(t, o)
    return float(np.dot(diff, diff) / 2)


def output_layer_grads(x, t, W1, W2):
    _, h, z2 = _net_inputs(x, W1, W2)
    o = 1.0 / (1.0 + np.exp(-z2))
    delta = (o - np.asarray(t)) * _dsigmoid(z2)
    return delta[:, None] * h[None, :]


def hidden_layer_grads(x, t, W1, W2):
    z1, h, z2 = _net_inputs(x, W1, W2)
    o = 1.0 / (1.0 + np.exp(-z2))
    delta = (o - np.asarray(t)) * _dsigmoid(z2)
    delta_h = np.dot(delta, W2) * _dsigmoid(z1)
    return delta_h[:, None] * np.asarray(x)[None, :]


def backprop_step(x, t, W1, W2, lr):
    g1, g2 = hidden_layer_grads(x, t, W1, W2), output_layer_grads(x, t, W1, W2)
    return np.subtract(W1, lr * g1), np.subtract(W2, lr * g2)
