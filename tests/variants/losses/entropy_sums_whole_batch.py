"""entropy_bits sums over every axis: a batch gets one number instead of one entropy per row."""
import numpy as np

CAUGHT_BY = ["entropy_per_row", "cross_entropy_bits_gibbs", "entropy_matches_reference"]
MISTAKE = "Your entropy_bits sums over every axis, so a batch gives one number instead of one entropy per row: sum with axis=-1."
PASSES = ["entropy_closed_forms", "entropy_with_zeros", "entropy_adds_up"]


def entropy_bits(p):
    p = np.asarray(p, dtype=float)
    safe = np.where(p > 0, p, 1.0)
    return -np.sum(p * np.log2(safe))
