"""Correct, in float32: every function casts its inputs to float32 and computes there (the
results are handed back as float64, as documented); only the tolerances tell it apart."""
import numpy as np

F32 = np.float32


def _sig32(z):
    return F32(1) / (F32(1) + np.exp(-z))


def forward(x, W1, W2):
    h = _sig32(np.asarray(W1, F32) @ np.asarray(x, F32))
    o = _sig32(np.asarray(W2, F32) @ h)
    return h.astype(np.float64), o.astype(np.float64)


def total_error(o, t):
    diff = np.asarray(t, F32) - np.asarray(o, F32)
    return float(F32(0.5) * np.sum(diff * diff))


def _deltas32(x, t, W1, W2):
    x, t, W1, W2 = (np.asarray(a, F32) for a in (x, t, W1, W2))
    h = _sig32(W1 @ x)
    o = _sig32(W2 @ h)
    delta_out = (o - t) * o * (F32(1) - o)
    delta_hidden = (W2.T @ delta_out) * h * (F32(1) - h)
    return x, h, delta_out, delta_hidden


def output_layer_grads(x, t, W1, W2):
    _, h, delta_out, _ = _deltas32(x, t, W1, W2)
    return np.outer(delta_out, h).astype(np.float64)


def hidden_layer_grads(x, t, W1, W2):
    x, _, _, delta_hidden = _deltas32(x, t, W1, W2)
    return np.outer(delta_hidden, x).astype(np.float64)


def backprop_step(x, t, W1, W2, lr):
    g1 = np.asarray(hidden_layer_grads(x, t, W1, W2), F32)
    g2 = np.asarray(output_layer_grads(x, t, W1, W2), F32)
    lr = F32(lr)
    return ((np.asarray(W1, F32) - lr * g1).astype(np.float64),
            (np.asarray(W2, F32) - lr * g2).astype(np.float64))
