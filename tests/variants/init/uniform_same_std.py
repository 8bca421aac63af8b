"""A uniform distribution with the right standard deviation (±sqrt(3) std): right spread, wrong shape of law."""
import numpy as np

CAUGHT_BY = ["draws_look_normal[he_init]"]
MISTAKE = "Your he_init draws from a uniform distribution (with the right spread) instead of a normal one: draw with rng.normal(0.0, np.sqrt(2 / n_in), size=(n_in, n_out))."
PASSES = ["he_std", "same_seed_same_weights", "uses_the_given_rng", "matches_reference_distribution[he_init]"]


def he_init(n_in, n_out, rng):
    limit = np.sqrt(3.0) * np.sqrt(2.0 / n_in)
    return rng.uniform(-limit, limit, size=(n_in, n_out))
