"""SGD scales grads in place (grads[key] *= lr) to save an array: the caller's gradients change."""
CAUGHT_BY = ["update_is_in_place"]
PASSES = ["sgd_seed_example", "sgd_step_by_hand", "sgd_matches_reference", "all_converge_on_a_quadratic"]


class SGD:
    def __init__(self, lr=0.01):
        self.lr = lr

    def update(self, params, grads):
        for key in params:
            grads[key] *= self.lr
            params[key] -= grads[key]
