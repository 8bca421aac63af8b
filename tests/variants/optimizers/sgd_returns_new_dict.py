"""SGD builds and returns a new dict: the caller's params never change."""
CAUGHT_BY = ["sgd_course_notes_example", "sgd_step_by_hand", "update_is_in_place", "all_converge_on_a_quadratic",
             "sgd_matches_reference"]
MISTAKE = "Your SGD.update builds and returns a new dict, so the caller's params never change: update in place with params[key] -= lr * grads[key] and return None."
PASSES = ["momentum_first_steps", "adam_first_steps"]


class SGD:
    def __init__(self, lr=0.01):
        self.lr = lr

    def update(self, params, grads):
        return {key: params[key] - self.lr * grads[key] for key in params}
