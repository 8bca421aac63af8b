"""Learning a perceptron's weights from examples with the perceptron rule (course notes 001)."""
import numpy as np


def train_perceptron(X, y, lr, epochs, rng):
    """Learn w, b with the perceptron rule, one sample at a time.

    For each sample (x, t) of an epoch (in the given order, or in an order shuffled by
    ``rng``):
        out = 1 if w·x + b > 0 else 0
        w  += lr * (t - out) * x
        b  += lr * (t - out)
    so only mistakes change the weights. Start from small random weights (e.g.
    rng.normal(0, 0.01, d)) or zeros, and b = 0. Training stops after the first
    epoch without a single mistake (converged), or after ``epochs`` epochs.

    This is the perceptron rule, not the gradient descent on a sigmoid's cross-entropy
    of course notes 001's single-layer PyTorch model: that rule moves w on every sample,
    by ever smaller steps as the sigmoid nears its target, and needs thousands of steps
    (the notes run 10001) where the perceptron rule needs a few epochs: with lr = 0.1
    and 100 epochs it has not learned AND.

    Args:
        X: float (or int) array of shape (n, d): the inputs, one per row.
        y: int array of shape (n,): the targets, each 0 or 1.
        lr: float > 0: the learning rate.
        epochs: int >= 0: the most passes over the data.
        rng: numpy Generator (np.random.default_rng(seed)): the only source of
             randomness (initial weights, the order of each epoch), so the same seed
             gives the same result whatever numpy's global random state is.

    Returns:
        (w, b, converged):
            w: float array of shape (d,): the learned weights.
            b: float: the learned bias.
            converged: bool: True if an epoch made no mistakes (then w·x + b > 0 exactly
                for the samples with target 1), False if ``epochs`` ran out first:
                always when no line separates the 1s from the 0s (XOR, XNOR, an input
                given twice with both targets), and for epochs = 0.

    Does not change `X` or `y`. Computing in float32 is fine.

    Hint: keep w a float array even when X holds ints (np.zeros_like(X[0]) would be an
    int array that cannot take the fractional updates). Count the mistakes of the whole
    epoch, not just the last sample's. The output fires only when w·x + b > 0 (as in
    gates.perceptron and the course notes' listings; the "≥ 0" of course notes 001's
    formula would make w = 0, b = 0 fire on every input). Use rng (rng.normal,
    rng.permutation), never np.random.*, so the result depends only on the seed.
    """
    ### BEGIN SOLUTION
    X = np.asarray(X, dtype=np.float64)
    y = np.asarray(y, dtype=np.float64)
    w = rng.normal(0.0, 0.01, size=X.shape[1])
    b = 0.0
    for _ in range(epochs):
        mistakes = 0
        for i in rng.permutation(len(X)):
            error = y[i] - (1.0 if X[i] @ w + b > 0 else 0.0)
            if error != 0:
                w += lr * error * X[i]
                b += lr * error
                mistakes += 1
        if mistakes == 0:
            return w, float(b), True
    return w, float(b), False
    ### END SOLUTION
