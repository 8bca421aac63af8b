"""Adam without bias correction: m and v start at 0, so the first steps are the wrong size."""
import numpy as np

CAUGHT_BY = ["adam_first_steps", "zero_gradient_is_safe", "adam_matches_reference"]
MISTAKE = "Your Adam skips the bias correction, so the first steps have the wrong size: step with m_hat = m / (1 - beta1**t) and v_hat = v / (1 - beta2**t)."
PASSES = ["sgd_step_by_hand", "update_is_in_place", "state_kept_per_key"]


class Adam:
    def __init__(self, lr=0.001, beta1=0.9, beta2=0.999):
        self.lr, self.beta1, self.beta2 = lr, beta1, beta2
        self.m, self.v = {}, {}

    def update(self, params, grads):
        for key in params:
            if key not in self.m:
                self.m[key] = np.zeros_like(params[key])
                self.v[key] = np.zeros_like(params[key])
            self.m[key] = self.beta1 * self.m[key] + (1 - self.beta1) * grads[key]
            self.v[key] = self.beta2 * self.v[key] + (1 - self.beta2) * grads[key] ** 2
            params[key] -= self.lr * self.m[key] / (np.sqrt(self.v[key]) + 1e-8)
