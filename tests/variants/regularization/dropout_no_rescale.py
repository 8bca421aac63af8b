"""Dropout that zeroes units but does not rescale the survivors: the expected output shrinks to (1 - ratio) x."""
import numpy as np

CAUGHT_BY = ["train_keeps_or_rescales", "expectation_preserved", "dropout_train_matches_reference_in_law"]
PASSES = ["eval_is_identity", "dropped_fraction_matches_ratio[0.5]", "units_dropped_independently",
          "uses_the_given_rng"]


def dropout(x, ratio, train, rng):
    x = np.asarray(x)
    if not train:
        return x.copy()
    return x * (rng.random(x.shape) >= ratio)
