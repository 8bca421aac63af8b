"""Makes its own Generator with a fixed seed (for reproducibility) and ignores the rng it is given: every call
drops the same units."""
import numpy as np

CAUGHT_BY = ["uses_the_given_rng"]
MISTAKE = "Your dropout makes its own Generator with a fixed seed and ignores the rng argument, so every call drops the same units: draw the mask from the rng you are given."
PASSES = ["same_seed_same_mask", "train_keeps_or_rescales", "dropout_train_matches_reference_in_law"]


def dropout(x, ratio, train, rng):
    x = np.asarray(x)
    if not train:
        return x.copy()
    own = np.random.default_rng(0)
    return x * (own.random(x.shape) >= ratio) / (1.0 - ratio)
