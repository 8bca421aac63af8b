"""xavier_init scaled by the number of outputs: std sqrt(1 / n_out) instead of sqrt(1 / n_in)."""
import numpy as np

CAUGHT_BY = ["xavier_std", "same_seed_same_weights", "uses_the_given_rng",
             "matches_reference_distribution[xavier_init]"]
MISTAKE = "Your xavier_init uses standard deviation sqrt(1 / n_out) instead of sqrt(1 / n_in): scale by the number of inputs n_in."
PASSES = ["he_std", "shape_and_dtype"]


def xavier_init(n_in, n_out, rng):
    return rng.normal(0.0, np.sqrt(1.0 / n_out), size=(n_in, n_out))
