"""Keeps a unit with probability ratio (rng.random < ratio) instead of dropping it with that probability."""
import numpy as np

CAUGHT_BY = ["eval_is_identity", "train_keeps_or_rescales", "dropped_fraction_matches_ratio[0.1]",
             "dropped_fraction_matches_ratio[0.8]", "expectation_preserved", "ratio_zero_keeps_everything",
             "dropout_eval_matches_reference", "dropout_train_matches_reference_in_law"]
MISTAKE = "Your dropout keeps each unit with probability ratio (rng.random(...) < ratio) instead of dropping it with that probability: use keep = rng.random(x.shape) >= ratio."
PASSES = ["dropped_fraction_matches_ratio[0.5]", "same_seed_same_mask", "uses_the_given_rng"]


def dropout(x, ratio, train, rng):
    x = np.asarray(x)
    if not train:
        return x.copy()
    return x * (rng.random(x.shape) < ratio) / (1.0 - ratio)
