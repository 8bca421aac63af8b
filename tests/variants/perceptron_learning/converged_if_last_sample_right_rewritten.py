"""Same mistake as converged_if_last_sample_right (convergence decided from the last sample of
the epoch only), written another way: a while loop over the epochs, the order drawn into a
variable, and the prediction kept in its own variable."""
import numpy as np

CAUGHT_BY = ["XOR_and_XNOR_not_converged", "contradictory_data_not_converged"]
MISTAKE = "Your train_perceptron decides convergence from the last sample of the epoch only: count the mistakes of the whole epoch and stop only when there were none."


def train_perceptron(X, y, lr, epochs, rng):
    X = np.asarray(X, dtype=float)
    n_features = X.shape[1]
    w = rng.normal(0.0, 0.01, size=n_features)
    b = 0.0
    epoch = 0
    while epoch < epochs:
        order = rng.permutation(len(X))
        for i in order:
            prediction = 1 if X[i] @ w + b > 0 else 0
            error = y[i] - prediction
            w += lr * error * X[i]
            b += lr * error
        last_sample_right = error == 0
        if last_sample_right:
            return w, b, True
        epoch += 1
    return w, b, False
