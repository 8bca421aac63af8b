"""Correct: every function computes in float32 (the input cast to float32 first) and returns
float32 arrays."""
import numpy as np

F32 = np.float32


def step(x):
    return (np.asarray(x, dtype=F32) > 0).astype(F32)


def sigmoid(x):
    x = np.asarray(x, dtype=F32)
    e = np.exp(-np.abs(x))
    return np.where(x >= 0, F32(1) / (F32(1) + e), e / (F32(1) + e))


def tanh(x):
    return np.tanh(np.asarray(x, dtype=F32))


def relu(x):
    return np.maximum(F32(0), np.asarray(x, dtype=F32))


def leaky_relu(x, alpha=0.01):
    x = np.asarray(x, dtype=F32)
    return np.where(x > 0, x, F32(alpha) * x)


def identity(x):
    return np.array(x, dtype=F32)


def sigmoid_grad(x):
    s = sigmoid(x)
    return s * (F32(1) - s)


def tanh_grad(x):
    t = np.tanh(np.asarray(x, dtype=F32))
    return F32(1) - t * t


def relu_grad(x):
    return (np.asarray(x, dtype=F32) > 0).astype(F32)


def leaky_relu_grad(x, alpha=0.01):
    return np.where(np.asarray(x, dtype=F32) > 0, F32(1), F32(alpha))


def identity_grad(x):
    return np.ones(np.shape(x), dtype=F32)
