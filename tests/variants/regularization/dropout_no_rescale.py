"""Dropout that zeroes units but does not rescale the survivors: the expected output shrinks to (1 - ratio) x."""
import numpy as np

CAUGHT_BY = ["eval_is_identity", "train_keeps_or_rescales", "expectation_preserved", "ratio_zero_keeps_everything",
             "dropout_eval_matches_reference", "dropout_train_matches_reference_in_law"]
MISTAKE = "Your dropout zeroes units but does not rescale the survivors, so the expected output shrinks: divide the kept units by the keep probability (1 - ratio)."
PASSES = ["dropped_fraction_matches_ratio[0.5]", "units_dropped_independently"]


def dropout(x, ratio, train, rng):
    x = np.asarray(x)
    if not train:
        return x.copy()
    return x * (rng.random(x.shape) >= ratio)
