"""Adam that counts t inside the loop over names: with two parameters t grows by 2 per update,
so the bias correction of every name but the first is wrong."""
import numpy as np

CAUGHT_BY = ["adam_first_steps", "state_kept_per_key", "adam_matches_reference"]
MISTAKE = "Your Adam increments t once per parameter name inside the loop, so t grows by more than 1 per update: increment t once per call to update, before the loop over names."
PASSES = ["zero_gradient_is_safe", "all_converge_on_a_quadratic"]


class Adam:
    def __init__(self, lr=0.001, beta1=0.9, beta2=0.999):
        self.lr, self.beta1, self.beta2 = lr, beta1, beta2
        self.t = 0
        self.m, self.v = {}, {}

    def update(self, params, grads):
        for key in params:
            self.t += 1
            if key not in self.m:
                self.m[key] = np.zeros_like(params[key])
                self.v[key] = np.zeros_like(params[key])
            self.m[key] = self.beta1 * self.m[key] + (1 - self.beta1) * grads[key]
            self.v[key] = self.beta2 * self.v[key] + (1 - self.beta2) * grads[key] ** 2
            m_hat = self.m[key] / (1 - self.beta1 ** self.t)
            v_hat = self.v[key] / (1 - self.beta2 ** self.t)
            params[key] -= self.lr * m_hat / (np.sqrt(v_hat) + 1e-8)
