"""Xavier as Keras' glorot_normal: N(0, 2 / (n_in + n_out)), averaging fan-in and fan-out, not the course's
N(0, 1 / n_in)."""
import numpy as np

CAUGHT_BY = ["xavier_std", "draws_look_normal[xavier_init]", "matches_reference_distribution[xavier_init]"]
MISTAKE = "Your xavier_init uses standard deviation sqrt(2 / (n_in + n_out)) (Keras' glorot_normal): use sqrt(1 / n_in), from the number of inputs only."
PASSES = ["he_std", "shape_and_dtype"]


def xavier_init(n_in, n_out, rng):
    return rng.normal(0.0, np.sqrt(2.0 / (n_in + n_out)), size=(n_in, n_out))
