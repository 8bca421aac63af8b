"""Optimizers: SGD, Momentum, Nesterov, AdaGrad, RMSprop and Adam (course notes 003; course notes 001's W5 update).

Every optimizer has the same interface:

    opt = Adam(lr=0.001)
    opt.update(params, grads)     # once per training step

- params: dict name -> float64 numpy array (e.g. {"W1": (784, 50) array, "b1": (50,) array}).
- grads:  dict with the same names and shapes: the gradient of the loss for each parameter.

update() changes params in place and returns None: after the call, params[name] holds the
new values. Both `params[name] -= step` (the array itself changes) and
`params[name] = params[name] - step` (the dict entry is replaced) are accepted; building a
new dict and returning it is not (the caller's params would stay as they were). Does not
change grads (nor the arrays in it): `grads[name] *= lr` would change the caller's gradients.
Every call passes the same names.

The arrays may be computed in float32 (results are compared allowing for float32 rounding),
but use the hyperparameters as given, as Python floats: rounded to float32, a rate close to 1
such as decay_rate = 0.999 leaves 1 - decay_rate (and Adam's 1 - beta2**t) with only four or
five correct digits.

Optimizers with state (a velocity v, a sum of squares h, moments m and v) keep one state
array per name, shaped like that parameter and created as zeros on the first update, so
that "W1" and "b1" never share state. Below, g is grads[name], w is params[name], all
operations are elementwise, and eps is 1e-8 (course notes 003: "일반적으로 10^-8을 사용").
"""
import numpy as np


class SGD:
    """Stochastic gradient descent: w <- w - lr * g.

    Course notes 001's update of W5: 0.45 - 0.5 * 0.02592286 = 0.43703857 (lr = 0.5).

    Hint: params[key] -= self.lr * grads[key] changes the array in place.
    """

    def __init__(self, lr=0.01):
        # YOUR CODE HERE
        raise NotImplementedError()

    def update(self, params, grads):
        """One step for every name: params and grads map names to float64 arrays of equal shapes.

        Changes params in place (see the module docstring) and returns None; does not change grads.
        """
        # YOUR CODE HERE
        raise NotImplementedError()


class Momentum:
    """Momentum: a velocity v (per name, zeros at first) that remembers past steps.

        v <- momentum * v - lr * g
        w <- w + v

    Hint: keep a dict self.v = {} and create self.v[key] = np.zeros_like(params[key]) the first
    time you see key; one shared velocity for all names mixes their steps.
    """

    def __init__(self, lr=0.01, momentum=0.9):
        # YOUR CODE HERE
        raise NotImplementedError()

    def update(self, params, grads):
        """One step for every name: params and grads map names to float64 arrays of equal shapes.

        Changes params in place (see the module docstring) and returns None; does not change grads.
        """
        # YOUR CODE HERE
        raise NotImplementedError()


class Nesterov:
    """Nesterov accelerated gradient (NAG), in the form that uses the gradient at the current w.

        v <- momentum * v - lr * g
        w <- w + momentum * v - lr * g          (v is the new velocity)

    This is Sutskever's look-ahead update rewritten for the current weights; it equals
    w <- w - momentum * v_old + (1 + momentum) * v (CS231n) and PyTorch's SGD(nesterov=True).

    Hint: the first step moves w by -(1 + momentum) * lr * g. Be careful with forms that
    multiply the *new* v by momentum**2: they are a different (wrong) update.
    """

    def __init__(self, lr=0.01, momentum=0.9):
        # YOUR CODE HERE
        raise NotImplementedError()

    def update(self, params, grads):
        """One step for every name: params and grads map names to float64 arrays of equal shapes.

        Changes params in place (see the module docstring) and returns None; does not change grads.
        """
        # YOUR CODE HERE
        raise NotImplementedError()


class AdaGrad:
    """AdaGrad: each weight's step shrinks with the sum h of its squared gradients so far.

        h <- h + g * g
        w <- w - lr * g / (sqrt(h) + 1e-8)

    Hint: eps = 1e-8 goes outside the square root; without it a zero gradient gives 0/0 = nan.
    Don't forget the square root: the step should be about lr (not lr / g) on the first update.
    """

    def __init__(self, lr=0.01):
        # YOUR CODE HERE
        raise NotImplementedError()

    def update(self, params, grads):
        """One step for every name: params and grads map names to float64 arrays of equal shapes.

        Changes params in place (see the module docstring) and returns None; does not change grads.
        """
        # YOUR CODE HERE
        raise NotImplementedError()


class RMSprop:
    """RMSprop: like AdaGrad, but h is an exponential moving average of squared gradients.

        h <- decay_rate * h + (1 - decay_rate) * g * g
        w <- w - lr * g / (sqrt(h) + 1e-8)

    Hint: decay_rate (0.99) multiplies the old h; (1 - decay_rate) multiplies the new g * g.
    So the first step is lr * g / (sqrt(1 - decay_rate) * |g| + 1e-8): about 10 * lr.
    """

    def __init__(self, lr=0.01, decay_rate=0.99):
        # YOUR CODE HERE
        raise NotImplementedError()

    def update(self, params, grads):
        """One step for every name: params and grads map names to float64 arrays of equal shapes.

        Changes params in place (see the module docstring) and returns None; does not change grads.
        """
        # YOUR CODE HERE
        raise NotImplementedError()


class Adam:
    """Adam (Kingma & Ba): moving averages m of g and v of g*g, with bias correction.

    t counts the calls to update(), this one included (t = 1 on the first call); m and v
    are kept per name. For each name:

        m <- beta1 * m + (1 - beta1) * g
        v <- beta2 * v + (1 - beta2) * g * g
        m_hat = m / (1 - beta1**t)
        v_hat = v / (1 - beta2**t)
        w <- w - lr * m_hat / (sqrt(v_hat) + 1e-8)

    Hint: without the bias correction the first steps are far too small or too large
    (m and v start at 0). With it, a constant gradient moves every weight by almost
    exactly lr per step. eps is added to sqrt(v_hat), not to sqrt(v).
    """

    def __init__(self, lr=0.001, beta1=0.9, beta2=0.999):
        # YOUR CODE HERE
        raise NotImplementedError()

    def update(self, params, grads):
        """One step for every name: params and grads map names to float64 arrays of equal shapes.

        Changes params in place (see the module docstring) and returns None; does not change grads.
        """
        # YOUR CODE HERE
        raise NotImplementedError()
