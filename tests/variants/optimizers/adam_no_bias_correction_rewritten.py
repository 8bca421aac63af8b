"""Same mistake as adam_no_bias_correction, written another way: moments fetched with dict.get (zeros
by default), no step counter at all, and the step taken from the raw m and v without bias correction."""
import numpy as np

CAUGHT_BY = ["adam_first_steps", "zero_gradient_is_safe", "adam_matches_reference"]
MISTAKE = "Your Adam skips the bias correction, so the first steps have the wrong size: step with m_hat = m / (1 - beta1**t) and v_hat = v / (1 - beta2**t)."
PASSES = ["sgd_step_by_hand", "update_is_in_place", "state_kept_per_key"]


class Adam:
    def __init__(self, lr=0.001, beta1=0.9, beta2=0.999):
        self.lr = lr
        self.beta1 = beta1
        self.beta2 = beta2
        self.m = {}
        self.v = {}

    def update(self, params, grads):
        for name in params:
            g = grads[name]
            m = self.m.get(name, np.zeros_like(params[name]))
            v = self.v.get(name, np.zeros_like(params[name]))
            m = self.beta1 * m + (1 - self.beta1) * g
            v = self.beta2 * v + (1 - self.beta2) * np.square(g)
            self.m[name] = m
            self.v[name] = v
            params[name] -= self.lr * m / (np.sqrt(v) + 1e-8)
