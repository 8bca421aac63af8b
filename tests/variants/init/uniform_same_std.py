"""A uniform distribution with the right standard deviation (±sqrt(3) std): right spread, wrong shape of law."""
import numpy as np

CAUGHT_BY = ["draws_look_normal[he_init]"]
PASSES = ["he_std", "same_seed_same_weights", "uses_the_given_rng", "matches_reference_distribution[he_init]"]


def he_init(n_in, n_out, rng):
    limit = np.sqrt(3.0) * np.sqrt(2.0 / n_in)
    return rng.uniform(-limit, limit, size=(n_in, n_out))
