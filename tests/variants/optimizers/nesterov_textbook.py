"""Nesterov from a well-known textbook listing: multiplies the *new* v by momentum**2."""
import numpy as np

CAUGHT_BY = ["nesterov_first_steps", "nesterov_matches_reference"]
MISTAKE = "Your Nesterov multiplies the new velocity by momentum**2: after v = momentum * v - lr * g, update w += momentum * v - lr * g."
PASSES = ["momentum_first_steps", "state_kept_per_key", "update_is_in_place"]


class Nesterov:
    def __init__(self, lr=0.01, momentum=0.9):
        self.lr, self.momentum = lr, momentum
        self.v = {}

    def update(self, params, grads):
        for key in params:
            if key not in self.v:
                self.v[key] = np.zeros_like(params[key])
            self.v[key] *= self.momentum
            self.v[key] -= self.lr * grads[key]
            params[key] += self.momentum * self.momentum * self.v[key]
            params[key] -= (1 + self.momentum) * self.lr * grads[key]
