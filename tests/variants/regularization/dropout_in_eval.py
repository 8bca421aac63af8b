"""Ignores the train flag: units are dropped at prediction time too."""
import numpy as np

CAUGHT_BY = ["eval_is_identity", "dropout_eval_matches_reference"]
MISTAKE = "Your dropout ignores the train flag and drops units at prediction time too: when train is False, return x unchanged (a copy)."
PASSES = ["train_keeps_or_rescales", "expectation_preserved", "dropout_train_matches_reference_in_law"]


def dropout(x, ratio, train, rng):
    x = np.asarray(x)
    return x * (rng.random(x.shape) >= ratio) / (1.0 - ratio)
