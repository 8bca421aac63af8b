"""The original dropout of course notes 000: survivors are not rescaled in training, and the outputs are scaled
down by the keep probability at prediction time. This kit's dropout is inverted: scaled in training, identity in
evaluation."""
import numpy as np

CAUGHT_BY = ["eval_is_identity", "train_keeps_or_rescales", "expectation_preserved",
             "dropout_eval_matches_reference", "dropout_train_matches_reference_in_law"]
MISTAKE = "Your dropout does not rescale in training and scales by (1 - ratio) at prediction: divide the survivors by (1 - ratio) in training and return x unchanged in evaluation."
PASSES = ["dropped_fraction_matches_ratio[0.5]", "units_dropped_independently"]


def dropout(x, ratio, train, rng):
    x = np.asarray(x)
    if not train:
        return x * (1.0 - ratio)
    return x * (rng.random(x.shape) >= ratio)
