"""Dropout that saves memory by scaling x in place (x *= mask): the caller's activations are overwritten."""
import numpy as np

CAUGHT_BY = ["eval_is_identity", "train_keeps_or_rescales", "dropped_fraction_matches_ratio[0.1]",
             "dropped_fraction_matches_ratio[0.5]", "dropped_fraction_matches_ratio[0.8]",
             "units_dropped_independently", "expectation_preserved", "ratio_zero_keeps_everything",
             "same_seed_same_mask", "uses_the_given_rng", "dropout_eval_matches_reference",
             "dropout_train_matches_reference_in_law"]
MISTAKE = "Your dropout changes x in place (x *= mask, x /= 1 - ratio) and returns x itself, overwriting the caller's activations: return a new array, e.g. x * keep / (1 - ratio)."
PASSES = ["l2_worked_example", "l2_sums_over_all_arrays", "l2_properties", "l2_matches_reference"]


def dropout(x, ratio, train, rng):
    if not train:
        return x
    x *= rng.random(x.shape) >= ratio
    x /= 1.0 - ratio
    return x
