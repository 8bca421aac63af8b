"""Public self-checks for perceptron_learning: it learns every truth table a single unit can
compute, gives up on XOR and XNOR, and depends on its rng only (course notes 001)."""
import itertools

import numpy as np
import pytest

from graders.testing.expect import as_array, expect_shape, expect_true, tolerance

CORNERS = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
#: The 16 boolean functions of two inputs, by their outputs on (0,0), (0,1), (1,0), (1,1).
TABLE_NAMES = {
    (0, 0, 0, 0): "FALSE", (0, 0, 0, 1): "AND", (0, 0, 1, 0): "x1 AND NOT x2", (0, 0, 1, 1): "x1",
    (0, 1, 0, 0): "NOT x1 AND x2", (0, 1, 0, 1): "x2", (0, 1, 1, 0): "XOR", (0, 1, 1, 1): "OR",
    (1, 0, 0, 0): "NOR", (1, 0, 0, 1): "XNOR", (1, 0, 1, 0): "NOT x2", (1, 0, 1, 1): "x1 OR NOT x2",
    (1, 1, 0, 0): "NOT x1", (1, 1, 0, 1): "NOT x1 OR x2", (1, 1, 1, 0): "NAND", (1, 1, 1, 1): "TRUE",
}
TABLES = {name: np.array(outputs) for outputs, name in TABLE_NAMES.items()}
#: No line separates the 1s from the 0s of these two; all 14 others are one unit's.
NOT_SEPARABLE = ("XOR", "XNOR")
SEPARABLE = tuple(name for name in TABLES if name not in NOT_SEPARABLE)
SEEDS = (0, 1, 2)
RULE_HINT = ("For each sample: out = 1 if w·x + b > 0 else 0; w += lr * (t - out) * x; b += lr * (t - out). "
             "Update the bias too, threshold the output (strictly: > 0) before taking the error, and report "
             "converged=True only after an epoch without a single mistake. (The perceptron rule, not gradient "
             "descent on a sigmoid's cross-entropy: that needs thousands of steps.)")
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


def train(student, X, y, lr, epochs, seed):
    """Run the student's train_perceptron with a fresh Generator seeded ``seed``; returns (w, b, converged)."""
    result = student.train_perceptron(X, y, lr, epochs, np.random.default_rng(seed))
    return unpack(result, X.shape[1])


def unpack(result, d):
    """(w float array (d,), b float, converged bool) from what train_perceptron returned."""
    expect_true(isinstance(result, (tuple, list)) and len(result) == 3,
                "train_perceptron should return a tuple (w, b, converged)", got=result)
    w = expect_shape(result[0], (d,), "the learned w (one weight per input)")
    b = as_array(result[1], "the learned b")
    expect_true(b.size == 1, "the learned b should be one number", got=b)
    converged = result[2]
    expect_true(isinstance(converged, (bool, np.bool_)), "converged should be True or False", got=converged)
    return w.astype(float), float(b.reshape(-1)[0]), bool(converged)


def expect_separates(X, y, w, b, what):
    """The unit (w, b) outputs y on every row of X: w·x + b > 0 exactly where y is 1.

    A score within rounding of 0 (relative to the size of its terms w_i x_i and b) counts as
    either side: the learner may have summed it in another order, or in float32. A score of
    exactly 0 from terms that are all 0 (w = 0, b = 0) is 0: it does not fire."""
    expect_true(bool(np.all(np.isfinite(w))) and np.isfinite(b), f"{what}: the learned w and b should be finite",
                got=f"w={w}, b={b}", hint=RULE_HINT)
    X = np.asarray(X, dtype=float)
    score = X @ w + b
    band = tolerance(steps=X.shape[1] + 1).rtol * (np.abs(X * w).sum(axis=1) + abs(b))
    right = ((score > 0) == (np.asarray(y) == 1)) | ((np.abs(score) <= band) & (band > 0))
    out = (score > 0).astype(int)
    expect_true(bool(np.all(right)), f"{what}: the learned unit does not classify every sample right",
                expected=np.asarray(y), got=f"{out} (w·x + b = {np.round(score, 6)}) with w={w}, b={b:.6g}",
                hint=RULE_HINT)


def expect_learns(student, X, y, name, seeds=SEEDS, lr=0.1, epochs=100):
    """For every seed, training converges and the learned (w, b) classify the table."""
    for seed in seeds:
        w, b, converged = train(student, X, y, lr=lr, epochs=epochs, seed=seed)
        what = f"train_perceptron on the {name} table (lr={lr}, epochs={epochs}, rng seed {seed})"
        expect_true(converged, f"{what} did not report converged=True",
                    got=f"converged=False with w={w}, b={b:.6g}", hint=RULE_HINT)
        expect_separates(X, y, w, b, what)


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
