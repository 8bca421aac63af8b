"""Draws with np.random.randn (numpy's global state) and ignores the rng it is given."""
import numpy as np

CAUGHT_BY = ["same_seed_same_weights", "uses_the_given_rng"]
MISTAKE = "Your init functions draw with np.random.randn (numpy's global state) and ignore the rng argument: draw from the rng you are given, e.g. rng.normal(0.0, std, size=(n_in, n_out))."
PASSES = ["xavier_std", "he_std", "shape_and_dtype", "draws_look_normal[xavier_init]",
          "matches_reference_distribution[he_init]"]


def xavier_init(n_in, n_out, rng):
    return np.random.randn(n_in, n_out) * np.sqrt(1.0 / n_in)


def he_init(n_in, n_out, rng):
    return np.random.randn(n_in, n_out) * np.sqrt(2.0 / n_in)
