"""Correct, with a loop: the weight matrix filled one row (one input node) at a time."""
import math

import numpy as np


def xavier_init(n_in, n_out, rng):
    weights = np.empty((n_in, n_out))
    for i in range(n_in):
        weights[i] = rng.normal(0.0, math.sqrt(1.0 / n_in), size=n_out)
    return weights


def he_init(n_in, n_out, rng):
    weights = np.empty((n_in, n_out))
    for i in range(n_in):
        weights[i] = rng.normal(0.0, math.sqrt(2.0 / n_in), size=n_out)
    return weights
