"""Momentum with one velocity array for all parameters: W1's and b1's steps get mixed."""
import numpy as np

CAUGHT_BY = ["state_kept_per_key", "momentum_matches_reference"]
MISTAKE = "Your Momentum keeps one velocity array shared by all parameters, mixing their steps: keep a dict self.v with one zeros array per name, created on the first update."
PASSES = ["momentum_first_steps", "sgd_step_by_hand"]


class Momentum:
    def __init__(self, lr=0.01, momentum=0.9):
        self.lr, self.momentum = lr, momentum
        self.v = None

    def update(self, params, grads):
        for key in params:
            if self.v is None:
                self.v = np.zeros_like(params[key])
            self.v = self.momentum * self.v - self.lr * grads[key]
            params[key] += self.v
