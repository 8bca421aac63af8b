"""Keeps a unit with probability ratio (rng.random < ratio) instead of dropping it with that probability."""
import numpy as np

CAUGHT_BY = ["dropped_fraction_matches_ratio[0.1]", "dropped_fraction_matches_ratio[0.8]", "expectation_preserved",
             "dropout_train_matches_reference_in_law"]
PASSES = ["eval_is_identity", "train_keeps_or_rescales", "dropped_fraction_matches_ratio[0.5]"]


def dropout(x, ratio, train, rng):
    x = np.asarray(x)
    if not train:
        return x.copy()
    return x * (rng.random(x.shape) < ratio) / (1.0 - ratio)
