"""Learning a perceptron's weights from examples with the perceptron rule (seed 001)."""
import numpy as np


def train_perceptron(X, y, lr, epochs, rng):
    """Learn w, b with the perceptron rule, one sample at a time.

    For each sample (x, t) of an epoch, in an order shuffled by ``rng``:
        out = 1 if w·x + b > 0 else 0
        w  += lr * (t - out) * x
        b  += lr * (t - out)
    so only mistakes change the weights. Start from small random weights (e.g.
    rng.normal(0, 0.01, d)) or zeros, and b = 0. Training stops after the first
    epoch without a single mistake (converged), or after ``epochs`` epochs.

    Args:
        X: float (or int) array of shape (n, d): the inputs, one per row.
        y: int array of shape (n,): the targets, each 0 or 1.
        lr: float > 0: the learning rate.
        epochs: int >= 0: the most passes over the data.
        rng: numpy Generator (np.random.default_rng(seed)): draws the initial weights
             and shuffles each epoch, so the same seed gives the same result.

    Returns:
        (w, b, converged):
            w: float64 array of shape (d,): the learned weights.
            b: float: the learned bias.
            converged: bool: True if an epoch made no mistakes (then w, b classify
                every sample right), False if ``epochs`` ran out first (always for
                XOR: no line separates it; also for epochs = 0).

    Hint: keep w a float array even when X holds ints (np.zeros_like(X[0]) would be an
    int array that cannot take the fractional updates). Count the mistakes of the whole
    epoch, not just the last sample's. Use rng (rng.normal, rng.permutation), never
    np.random.*, so the result depends only on the seed.
    """
    # YOUR CODE HERE
    raise NotImplementedError()
