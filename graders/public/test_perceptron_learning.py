"""Public self-checks for perceptron_learning: it learns every truth table a single unit can
compute, gives up on XOR and XNOR, and depends on its rng only (course notes 001)."""
import itertools

import numpy as np
import pytest

from graders.testing.expect import expect_true
from graders.testing.shared.perceptron_learning import (
    CORNERS,
    RULE_HINT,
    SEEDS,
    TABLES,
    expect_learns,
    expect_separates,
    train,
)

#: No line separates the 1s from the 0s of these two; all 14 others are one unit's.
NOT_SEPARABLE = ("XOR", "XNOR")
SEPARABLE = tuple(name for name in TABLES if name not in NOT_SEPARABLE)
RNG_HINT = ("Draw the initial weights and the shuffling from rng (rng.normal, rng.permutation), never from "
            "np.random.* or a new default_rng(): the result must depend on the seed only.")


def _order_matters_problem():
    """20 points in [-1, 1]² (an evenly spread sequence, rounded to 3 decimals) at least 0.1 from the
    line 0.6 x1 - 0.8 x2 + 0.1 = 0, labelled by its side: the perceptron rule ends at different
    weights for different sample orders."""
    g = 1.324717957244746  # the plastic number: the R2 sequence frac(0.5 + k/g), frac(0.5 + k/g²)
    k = np.arange(1, 61)
    X = (2 * np.stack([(0.5 + k / g) % 1.0, (0.5 + k / g**2) % 1.0], axis=1) - 1).round(3)
    score = X @ np.array([0.6, -0.8]) + 0.1
    keep = np.abs(score) >= 0.1
    return X[keep][:20], (score[keep][:20] > 0).astype(np.int64)


ORDER_X, ORDER_Y = _order_matters_problem()


def test_learns_AND(student):
    """Learns the AND table: converged=True, and the learned w, b output 0, 0, 0, 1."""
    expect_learns(student, CORNERS, TABLES["AND"], "AND")


def test_learns_OR(student):
    """Learns the OR table: converged=True, and the learned w, b output 0, 1, 1, 1."""
    expect_learns(student, CORNERS, TABLES["OR"], "OR")


def test_learns_NAND(student):
    """Learns the NAND table: converged=True, and the learned w, b output 1, 1, 1, 0."""
    expect_learns(student, CORNERS, TABLES["NAND"], "NAND")


def test_learns_every_linearly_separable_table(student):
    """Learns each of the 14 two-input truth tables one unit can compute (all but XOR and XNOR):
    converged=True, and the learned w, b output the table."""
    for name in SEPARABLE:
        expect_learns(student, CORNERS, TABLES[name], f"{name} {tuple(TABLES[name].tolist())}")


def test_learns_three_input_AND(student):
    """Learns AND of three inputs (8 rows, d = 3): w has one weight per input."""
    X = np.array(list(itertools.product([0.0, 1.0], repeat=3)))
    y = X.all(axis=1).astype(int)
    expect_learns(student, X, y, "three-input AND")


def test_XOR_and_XNOR_not_converged(student):
    """Learns OR, but reports converged=False on XOR and XNOR: no straight line separates them."""
    for seed in SEEDS:
        expect_learns(student, CORNERS, TABLES["OR"], "OR", seeds=(seed,))
        for name in NOT_SEPARABLE:
            _, _, converged = train(student, CORNERS, TABLES[name], lr=0.1, epochs=100, seed=seed)
            expect_true(not converged,
                        f"train_perceptron on {name} {tuple(TABLES[name].tolist())} (rng seed {seed}) "
                        "reported converged=True", expected=f"converged=False: no straight line separates {name}",
                        got="converged=True",
                        hint="Report converged=True only after an epoch in which no sample at all was misclassified.")


@pytest.mark.hint(RNG_HINT)
def test_same_seed_same_result(student):
    """Two runs with generators of the same seed learn the same w and b, whatever numpy's global random
    state is (on 20 points where the order of the samples changes the weights learned)."""
    remote_np, results = student.numpy(), []
    for global_seed in (1, 2):
        remote_np.random.seed(global_seed)
        w, b, converged = train(student, ORDER_X, ORDER_Y, lr=1.0, epochs=200, seed=7)
        what = f"train_perceptron on 20 separable points (lr=1, epochs=200, rng seed 7, np.random.seed({global_seed}))"
        expect_true(converged, f"{what} did not converge", got=f"converged=False with w={w}, b={b:.6g}",
                    hint=RULE_HINT)
        expect_separates(ORDER_X, ORDER_Y, w, b, what)
        results.append((w, b))
    (w1, b1), (w2, b2) = results
    expect_true(np.array_equal(w1, w2) and b1 == b2,
                "two runs with the same rng seed learned different weights when numpy's global random state "
                "differed", expected=f"w={w1}, b={b1:.6g}", got=f"w={w2}, b={b2:.6g}", hint=RNG_HINT)
