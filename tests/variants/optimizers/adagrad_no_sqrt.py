"""AdaGrad divides by h itself instead of sqrt(h): the first step is lr / g instead of about lr."""
import numpy as np

CAUGHT_BY = ["adagrad_first_steps", "zero_gradient_is_safe", "adagrad_matches_reference"]
MISTAKE = "Your AdaGrad divides by h instead of its square root, so the first step is about lr / g instead of about lr: divide by (np.sqrt(h) + 1e-8)."
PASSES = ["state_kept_per_key", "update_is_in_place"]


class AdaGrad:
    def __init__(self, lr=0.01):
        self.lr = lr
        self.h = {}

    def update(self, params, grads):
        for key in params:
            if key not in self.h:
                self.h[key] = np.zeros_like(params[key])
            self.h[key] += grads[key] * grads[key]
            params[key] -= self.lr * grads[key] / (self.h[key] + 1e-8)
