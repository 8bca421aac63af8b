"""cross_entropy_bits with p and q swapped: sum(q * log2(1 / p)), the log of the true distribution."""
import numpy as np

CAUGHT_BY = ["cross_entropy_bits_closed_forms", "cross_entropy_bits_gibbs", "cross_entropy_bits_matches_reference"]
MISTAKE = "Your cross_entropy_bits swaps p and q, computing -sum(q * log2(p)): weight by the true p and take the log of the prediction q, -sum(p * log2(q)), counting terms with p = 0 as 0."
PASSES = ["entropy_closed_forms", "entropy_adds_up"]


def cross_entropy_bits(p, q):
    p, q = np.asarray(p, dtype=float), np.asarray(q, dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        return -np.sum(q * np.log2(p), axis=-1)
