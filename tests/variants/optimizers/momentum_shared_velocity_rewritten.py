"""Same mistake as momentum_shared_velocity, written another way: a single self.velocity array, made
with np.zeros from the first parameter's shape, carried from one name to the next over params.items()."""
import numpy as np

CAUGHT_BY = ["state_kept_per_key", "momentum_matches_reference"]
MISTAKE = "Your Momentum keeps one velocity array shared by all parameters, mixing their steps: keep a dict self.v with one zeros array per name, created on the first update."
PASSES = ["momentum_first_steps", "sgd_step_by_hand"]


class Momentum:
    def __init__(self, lr=0.01, momentum=0.9):
        self.lr = lr
        self.momentum = momentum
        self.velocity = None

    def update(self, params, grads):
        for name, w in params.items():
            if self.velocity is None:
                self.velocity = np.zeros(w.shape, dtype=w.dtype)
            step = self.momentum * self.velocity - self.lr * grads[name]
            self.velocity = step
            w += step
