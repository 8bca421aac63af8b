"""Correct, drawn differently: standard normals scaled by the std; He draws (n_out, n_in) and transposes."""
import numpy as np


def xavier_init(n_in, n_out, rng):
    return rng.standard_normal((n_in, n_out)) / np.sqrt(n_in)


def he_init(n_in, n_out, rng):
    return (rng.standard_normal((n_out, n_in)) * np.sqrt(2.0 / n_in)).T
