"""Dropout that saves memory by scaling x in place (x *= mask): the caller's activations are overwritten."""
import numpy as np

CAUGHT_BY = ["input_not_modified"]
PASSES = ["eval_is_identity", "train_keeps_or_rescales", "expectation_preserved",
          "dropout_train_matches_reference_in_law"]


def dropout(x, ratio, train, rng):
    if not train:
        return x
    x *= rng.random(x.shape) >= ratio
    x /= 1.0 - ratio
    return x
