"""RMSprop with eps inside the square root, sqrt(h + 1e-8): no nan, but for gradients near 1e-8
the step is about 1e-4 * lr instead of about lr / (sqrt(1 - decay_rate) + 1)."""
import numpy as np

CAUGHT_BY = ["rmsprop_first_steps", "rmsprop_matches_reference"]
MISTAKE = "Your RMSprop puts eps inside the square root, sqrt(h + 1e-8), which shrinks the steps for tiny gradients: add it outside, dividing by (np.sqrt(h) + 1e-8)."
PASSES = ["zero_gradient_is_safe", "all_converge_on_a_quadratic", "state_kept_per_key"]


class RMSprop:
    def __init__(self, lr=0.01, decay_rate=0.99):
        self.lr, self.decay_rate = lr, decay_rate
        self.h = {}

    def update(self, params, grads):
        for key in params:
            if key not in self.h:
                self.h[key] = np.zeros_like(params[key])
            self.h[key] = self.decay_rate * self.h[key] + (1 - self.decay_rate) * grads[key] * grads[key]
            params[key] -= self.lr * grads[key] / np.sqrt(self.h[key] + 1e-8)
