"""SGD scales grads in place (grads[key] *= lr) to save an array: the caller's gradients change,
which the docstring does not allow (every check that calls SGD.update fails)."""
CAUGHT_BY = ["sgd_course_notes_example", "sgd_step_by_hand", "update_is_in_place", "all_converge_on_a_quadratic",
             "sgd_matches_reference"]
MISTAKE = "Your SGD.update scales grads in place with grads[key] *= lr, changing the caller's gradients: leave grads alone and use params[key] -= lr * grads[key]."
PASSES = ["momentum_first_steps", "state_kept_per_key", "zero_gradient_is_safe"]


class SGD:
    def __init__(self, lr=0.01):
        self.lr = lr

    def update(self, params, grads):
        for key in params:
            grads[key] *= self.lr
            params[key] -= grads[key]
