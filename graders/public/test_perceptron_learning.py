"""Public self-checks for perceptron_learning: it learns AND, OR and NAND, and gives up on XOR (seed 001)."""
import itertools

import numpy as np

from graders.expect import as_array, expect_shape, expect_true

CORNERS = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
TABLES = {
    "AND": np.array([0, 0, 0, 1]),
    "OR": np.array([0, 1, 1, 1]),
    "NAND": np.array([1, 1, 1, 0]),
    "XOR": np.array([0, 1, 1, 0]),
}
SEEDS = (0, 1, 2)
RULE_HINT = ("For each sample: out = 1 if w·x + b > 0 else 0; w += lr * (t - out) * x; b += lr * (t - out). "
             "Update the bias too, and threshold the output before taking the error.")


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
    """The unit (w, b) outputs y on every row of X (1 where X @ w + b > 0)."""
    out = (X @ w + b > 0).astype(int)
    expect_true(np.array_equal(out, y), f"{what}: the learned unit does not classify every sample right",
                expected=y, got=f"{out} with w={w}, b={b:.6g}", hint=RULE_HINT)


def expect_learns(student, X, y, name):
    """For every seed, training converges and the learned (w, b) classify the table."""
    for seed in SEEDS:
        w, b, converged = train(student, X, y, lr=0.1, epochs=100, seed=seed)
        what = f"train_perceptron on the {name} table (lr=0.1, epochs=100, rng seed {seed})"
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


def test_learns_three_input_AND(student):
    """Learns AND of three inputs (8 rows, d = 3): w has one weight per input."""
    X = np.array(list(itertools.product([0.0, 1.0], repeat=3)))
    y = X.all(axis=1).astype(int)
    expect_learns(student, X, y, "three-input AND")


def test_XOR_does_not_converge(student):
    """On XOR no single unit is right everywhere, so converged must be False."""
    for seed in SEEDS:
        _, _, converged = train(student, CORNERS, TABLES["XOR"], lr=0.1, epochs=100, seed=seed)
        expect_true(not converged, f"train_perceptron on XOR (rng seed {seed}) reported converged=True",
                    expected="converged=False: no straight line separates XOR", got="converged=True",
                    hint="Report converged=True only after an epoch in which no sample at all was misclassified.")


def test_same_seed_same_result(student):
    """Two runs with generators of the same seed learn the same w and b."""
    w1, b1, _ = train(student, CORNERS, TABLES["OR"], lr=0.1, epochs=100, seed=7)
    w2, b2, _ = train(student, CORNERS, TABLES["OR"], lr=0.1, epochs=100, seed=7)
    expect_true(np.array_equal(w1, w2) and b1 == b2, "two runs with the same rng seed learned different weights",
                expected=f"w={w1}, b={b1:.6g}", got=f"w={w2}, b={b2:.6g}",
                hint="Draw the initial weights and the shuffling from rng (rng.normal, rng.permutation), "
                     "never from np.random.")
