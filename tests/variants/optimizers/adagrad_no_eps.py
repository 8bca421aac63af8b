"""AdaGrad without eps: a gradient that is 0 from the start gives 0 / 0 = nan."""
import numpy as np

CAUGHT_BY = ["zero_gradient_is_safe", "adagrad_first_steps", "adagrad_matches_reference"]
MISTAKE = "Your AdaGrad divides by sqrt(h) with no eps, so a gradient that is 0 from the start gives 0 / 0 = nan: divide by (np.sqrt(h) + 1e-8)."
PASSES = ["all_converge_on_a_quadratic", "state_kept_per_key"]


class AdaGrad:
    def __init__(self, lr=0.01):
        self.lr = lr
        self.h = {}

    def update(self, params, grads):
        for key in params:
            if key not in self.h:
                self.h[key] = np.zeros_like(params[key])
            self.h[key] += grads[key] * grads[key]
            params[key] -= self.lr * grads[key] / np.sqrt(self.h[key])
