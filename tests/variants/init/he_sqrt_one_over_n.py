"""he_init with the Xavier scale sqrt(1 / n_in): the factor 2 for ReLU is forgotten."""
import numpy as np

CAUGHT_BY = ["he_std", "draws_look_normal[he_init]", "same_seed_same_weights", "uses_the_given_rng",
             "matches_reference_distribution[he_init]"]
MISTAKE = "Your he_init uses the Xavier standard deviation sqrt(1 / n_in), forgetting the factor 2 for ReLU: use standard deviation sqrt(2 / n_in)."
PASSES = ["xavier_std", "shape_and_dtype"]


def he_init(n_in, n_out, rng):
    return rng.normal(0.0, np.sqrt(1.0 / n_in), size=(n_in, n_out))
