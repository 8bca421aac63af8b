"""Makes its own Generator with a fixed seed inside the function: every call gives the same weights."""
import numpy as np

CAUGHT_BY = ["uses_the_given_rng"]
MISTAKE = "Your init functions make their own Generator with a fixed seed (default_rng(42)) and ignore the rng argument, so every call gives the same weights: draw from the rng you are given."
PASSES = ["same_seed_same_weights", "xavier_std", "he_std", "shape_and_dtype"]


def xavier_init(n_in, n_out, rng):
    rng = np.random.default_rng(42)
    return rng.normal(0.0, np.sqrt(1.0 / n_in), size=(n_in, n_out))


def he_init(n_in, n_out, rng):
    rng = np.random.default_rng(42)
    return rng.normal(0.0, np.sqrt(2.0 / n_in), size=(n_in, n_out))
