"""entropy_bits straight from the formula: 0 * log2(0) = 0 * -inf = nan for any zero probability."""
import numpy as np

CAUGHT_BY = ["entropy_with_zeros", "entropy_matches_reference"]
MISTAKE = "Your entropy_bits computes p * log2(p) for every entry, so a zero probability gives 0 * -inf = nan: take the log only where p > 0 and count the other terms as 0."
PASSES = ["entropy_closed_forms", "entropy_per_row", "entropy_adds_up"]


def entropy_bits(p):
    p = np.asarray(p, dtype=float)
    return -np.sum(p * np.log2(p), axis=-1)
