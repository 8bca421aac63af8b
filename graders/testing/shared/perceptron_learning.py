"""What the perceptron_learning task's public and hidden suites share (the hidden suite never imports the public one)."""
import numpy as np

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

SEEDS = (0, 1, 2)

RULE_HINT = ("For each sample: out = 1 if w·x + b > 0 else 0; w += lr * (t - out) * x; b += lr * (t - out). "
             "Update the bias too, threshold the output (strictly: > 0) before taking the error, and report "
             "converged=True only after an epoch without a single mistake. (The perceptron rule, not gradient "
             "descent on a sigmoid's cross-entropy: that needs thousands of steps.)")


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
