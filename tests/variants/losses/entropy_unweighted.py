"""entropy_bits sums the information log2(1 / p_i) of each outcome without weighting it by p_i."""
import numpy as np

CAUGHT_BY = ["entropy_closed_forms", "entropy_with_zeros", "entropy_per_row", "entropy_adds_up",
             "cross_entropy_bits_gibbs", "entropy_matches_reference"]
MISTAKE = "Your entropy_bits sums log2(1 / p_i) without weighting each term by p_i: compute sum(p_i * log2(1 / p_i)) over the last axis."


def entropy_bits(p):
    p = np.asarray(p, dtype=float)
    safe = np.where(p > 0, p, 1.0)
    return np.sum(np.log2(1 / safe), axis=-1)
