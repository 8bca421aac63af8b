"""entropy_bits with np.log: nats, not bits (a fair coin gives 0.693 instead of 1)."""
import numpy as np

CAUGHT_BY = ["entropy_closed_forms", "entropy_with_zeros", "cross_entropy_bits_gibbs", "entropy_matches_reference"]
MISTAKE = "Your entropy_bits uses np.log (nats) instead of np.log2 (bits): use log2, so a fair coin gives 1 bit."
PASSES = ["entropy_per_row", "entropy_adds_up"]


def entropy_bits(p):
    p = np.asarray(p, dtype=float)
    safe = np.where(p > 0, p, 1.0)
    return -np.sum(p * np.log(safe), axis=-1)
