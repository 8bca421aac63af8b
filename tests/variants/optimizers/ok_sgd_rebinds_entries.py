"""Correct: SGD replaces each dict entry (params[key] = params[key] - lr * g); accepted as in place."""


class SGD:
    def __init__(self, lr=0.01):
        self.lr = lr

    def update(self, params, grads):
        for key in params:
            params[key] = params[key] - self.lr * grads[key]
