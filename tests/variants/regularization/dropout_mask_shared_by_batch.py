"""One mask per feature shared by every sample of the batch: whole columns are dropped together.

With a few hundred columns instead of 100 000 independent units, the share dropped
also strays far from the ratio.
"""
import numpy as np

CAUGHT_BY = ["units_dropped_independently", "dropped_fraction_matches_ratio[0.5]", "train_keeps_or_rescales"]
MISTAKE = "Your dropout draws one mask per feature and shares it across the batch, so whole columns drop together: draw the mask with x's full shape, rng.random(x.shape)."


def dropout(x, ratio, train, rng):
    x = np.asarray(x)
    if not train:
        return x.copy()
    return x * (rng.random(x.shape[-1:]) >= ratio) / (1.0 - ratio)
