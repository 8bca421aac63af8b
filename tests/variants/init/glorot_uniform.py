"""Xavier as Keras' glorot_uniform: uniform on ±sqrt(6 / (n_in + n_out)), not the course's normal N(0, 1/n_in)."""
import numpy as np

CAUGHT_BY = ["xavier_std", "draws_look_normal[xavier_init]", "matches_reference_distribution[xavier_init]"]
MISTAKE = "Your xavier_init draws uniformly on +-sqrt(6 / (n_in + n_out)) (Keras' glorot_uniform): draw from a normal distribution with standard deviation sqrt(1 / n_in)."
PASSES = ["shape_and_dtype", "he_std"]


def xavier_init(n_in, n_out, rng):
    limit = np.sqrt(6.0 / (n_in + n_out))
    return rng.uniform(-limit, limit, size=(n_in, n_out))
