"""RMSprop with the decay on the wrong term: h = (1 - decay_rate) * h + decay_rate * g * g."""
import numpy as np

CAUGHT_BY = ["rmsprop_first_steps", "zero_gradient_is_safe", "rmsprop_matches_reference"]
MISTAKE = "Your RMSprop swaps the weights of its moving average, h = (1 - decay_rate) * h + decay_rate * g * g: use h = decay_rate * h + (1 - decay_rate) * g * g."
PASSES = ["state_kept_per_key", "update_is_in_place"]


class RMSprop:
    def __init__(self, lr=0.01, decay_rate=0.99):
        self.lr, self.decay_rate = lr, decay_rate
        self.h = {}

    def update(self, params, grads):
        for key in params:
            if key not in self.h:
                self.h[key] = np.zeros_like(params[key])
            self.h[key] = (1 - self.decay_rate) * self.h[key] + self.decay_rate * grads[key] ** 2
            params[key] -= self.lr * grads[key] / (np.sqrt(self.h[key]) + 1e-8)
