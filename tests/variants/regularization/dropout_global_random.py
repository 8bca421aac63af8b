"""Draws the mask with np.random.rand (numpy's global state) and ignores the rng it is given."""
import numpy as np

CAUGHT_BY = ["same_seed_same_mask", "uses_the_given_rng"]
MISTAKE = "Your dropout draws the mask with np.random.rand (numpy's global state) and ignores the rng argument: draw it with rng.random(x.shape)."
PASSES = ["eval_is_identity", "train_keeps_or_rescales", "expectation_preserved",
          "dropout_train_matches_reference_in_law"]


def dropout(x, ratio, train, rng):
    x = np.asarray(x)
    if not train:
        return x.copy()
    return x * (np.random.rand(*x.shape) >= ratio) / (1.0 - ratio)
