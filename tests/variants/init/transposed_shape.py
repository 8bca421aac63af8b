"""Weights of shape (n_out, n_in), the PyTorch nn.Linear layout, instead of the documented (n_in, n_out)."""
import numpy as np

CAUGHT_BY = ["shape_and_dtype", "xavier_std", "he_std", "same_seed_same_weights", "uses_the_given_rng",
             "matches_reference_distribution[xavier_init]", "matches_reference_distribution[he_init]"]
MISTAKE = "Your init functions return weights of shape (n_out, n_in) instead of (n_in, n_out): draw with size=(n_in, n_out) so that x @ W works."


def xavier_init(n_in, n_out, rng):
    return rng.normal(0.0, np.sqrt(1.0 / n_in), size=(n_out, n_in))


def he_init(n_in, n_out, rng):
    return rng.normal(0.0, np.sqrt(2.0 / n_in), size=(n_out, n_in))
