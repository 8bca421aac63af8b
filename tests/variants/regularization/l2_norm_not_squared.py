"""Uses the norm ||W|| (np.linalg.norm) instead of its square: the penalty grows linearly with the weights."""
import numpy as np

CAUGHT_BY = ["l2_worked_example", "l2_properties", "l2_matches_reference"]
MISTAKE = "Your l2_penalty uses the norm np.linalg.norm(w) instead of its square: sum the squared weights, np.sum(w ** 2)."


def l2_penalty(weights, lam):
    return float(0.5 * lam * sum(np.linalg.norm(w) for w in weights))
