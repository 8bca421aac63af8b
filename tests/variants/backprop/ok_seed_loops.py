"""Correct: the chain rule of course notes 001 ("5. 역전파", steps 1 and 2), weight by weight.

The notes have no code listing for backpropagation; they write every net input and
derivative out per weight (z1 = W1 x1 + W2 x2, dE/dW5 = dE/do1 * do1/dz3 * dz3/dW5, ...).
This is those formulas as loops over units, generalised from 2-2-2 to any layer sizes, with
Python floats and math.exp; it doubles as the loops-instead-of-vectorisation alternative."""
import math

import numpy as np


def _sig(z):
    return 1.0 / (1.0 + math.exp(-z))


def forward(x, W1, W2):
    h = [_sig(sum(W1[j][i] * x[i] for i in range(len(x)))) for j in range(len(W1))]
    o = [_sig(sum(W2[k][j] * h[j] for j in range(len(h)))) for k in range(len(W2))]
    return np.array(h), np.array(o)


def total_error(o, t):
    return float(sum(0.5 * (t[k] - o[k]) ** 2 for k in range(len(o))))


def _deltas(x, t, W1, W2):
    h, o = forward(x, W1, W2)
    d_out = [(o[k] - t[k]) * o[k] * (1 - o[k]) for k in range(len(o))]
    d_hid = [sum(d_out[k] * W2[k][j] for k in range(len(o))) * h[j] * (1 - h[j]) for j in range(len(h))]
    return h, d_out, d_hid


def output_layer_grads(x, t, W1, W2):
    h, d_out, _ = _deltas(x, t, W1, W2)
    return np.array([[d_out[k] * h[j] for j in range(len(h))] for k in range(len(d_out))])


def hidden_layer_grads(x, t, W1, W2):
    _, _, d_hid = _deltas(x, t, W1, W2)
    return np.array([[d_hid[j] * x[i] for i in range(len(x))] for j in range(len(d_hid))])


def backprop_step(x, t, W1, W2, lr):
    g1, g2 = hidden_layer_grads(x, t, W1, W2), output_layer_grads(x, t, W1, W2)
    return np.array(W1) - lr * g1, np.array(W2) - lr * g2
