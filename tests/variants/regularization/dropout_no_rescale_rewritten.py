"""Same mistake as dropout_no_rescale, written another way: copies x first, draws which units to drop
(u < ratio) and multiplies by the negated mask, never dividing the survivors by (1 - ratio)."""
import numpy as np

CAUGHT_BY = ["eval_is_identity", "train_keeps_or_rescales", "expectation_preserved", "ratio_zero_keeps_everything",
             "dropout_eval_matches_reference", "dropout_train_matches_reference_in_law"]
MISTAKE = "Your dropout zeroes units but does not rescale the survivors, so the expected output shrinks: divide the kept units by the keep probability (1 - ratio)."
PASSES = ["dropped_fraction_matches_ratio[0.5]", "units_dropped_independently"]


def dropout(x, ratio, train, rng):
    out = np.array(x)
    if train:
        dropped = rng.random(out.shape) < ratio
        out = out * ~dropped
    return out
