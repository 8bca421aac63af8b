"""Momentum adds lr * g to the velocity (v = momentum * v + lr * g; w += v): it climbs the loss."""
import numpy as np

CAUGHT_BY = ["momentum_first_steps", "all_converge_on_a_quadratic", "momentum_matches_reference"]
MISTAKE = "Your Momentum adds lr * g to the velocity, so it climbs the loss: use v = momentum * v - lr * g, then w += v."
PASSES = ["update_is_in_place", "state_kept_per_key", "nesterov_first_steps"]


class Momentum:
    def __init__(self, lr=0.01, momentum=0.9):
        self.lr, self.momentum = lr, momentum
        self.v = {}

    def update(self, params, grads):
        for key in params:
            if key not in self.v:
                self.v[key] = np.zeros_like(params[key])
            self.v[key] = self.momentum * self.v[key] + self.lr * grads[key]
            params[key] += self.v[key]
