"""Survivors divided by ratio instead of the keep probability 1 - ratio (and ratio 0 divides by zero)."""
import numpy as np

CAUGHT_BY = ["eval_is_identity", "train_keeps_or_rescales", "expectation_preserved", "ratio_zero_keeps_everything",
             "dropout_train_matches_reference_in_law"]
MISTAKE = "Your dropout divides the survivors by ratio instead of by the keep probability: divide by (1 - ratio)."
PASSES = ["dropped_fraction_matches_ratio[0.1]", "units_dropped_independently"]


def dropout(x, ratio, train, rng):
    x = np.asarray(x)
    if not train:
        return x.copy()
    return x * (rng.random(x.shape) >= ratio) / ratio
