"""Adam in the textbook's lr_t form with eps added to sqrt(v) unscaled: not the documented formula."""
import numpy as np

CAUGHT_BY = ["adam_first_steps", "adam_matches_reference"]
MISTAKE = "Your Adam uses the textbook lr_t form, adding eps 1e-7 to sqrt(v) instead of to sqrt(v_hat): compute m_hat and v_hat and step by lr * m_hat / (np.sqrt(v_hat) + 1e-8)."
PASSES = ["all_converge_on_a_quadratic", "zero_gradient_is_safe", "state_kept_per_key"]


class Adam:
    def __init__(self, lr=0.001, beta1=0.9, beta2=0.999):
        self.lr, self.beta1, self.beta2 = lr, beta1, beta2
        self.iter = 0
        self.m, self.v = {}, {}

    def update(self, params, grads):
        self.iter += 1
        lr_t = self.lr * np.sqrt(1.0 - self.beta2**self.iter) / (1.0 - self.beta1**self.iter)
        for key in params:
            if key not in self.m:
                self.m[key] = np.zeros_like(params[key])
                self.v[key] = np.zeros_like(params[key])
            self.m[key] += (1 - self.beta1) * (grads[key] - self.m[key])
            self.v[key] += (1 - self.beta2) * (grads[key] ** 2 - self.v[key])
            params[key] -= lr_t * self.m[key] / (np.sqrt(self.v[key]) + 1e-7)
