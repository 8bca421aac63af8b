"""Activation functions and their derivatives (course notes 001, 003 and 004).

Every function works elementwise on a numpy array of any shape and returns a new array
of the same shape. None of them changes its argument (no x[x < 0] = 0). The derivatives
are taken with respect to the input x. Computing in float32 is fine: the checks allow
float32 rounding.
"""
import numpy as np


def step(x):
    """Step function: 1 where x > 0, 0 where x <= 0 (so step(0) = 0).

    h(x) = 1 (x > 0), 0 (x <= 0), as step_function in the course notes, part 004
    (written there with dtype=np.int, which NumPy 1.24 removed: dtype=int does the same).

    Args:
        x: float array of any shape. Does not change `x`.

    Returns:
        array of the same shape holding 0 and 1 as numbers (float or int dtype),
        not True/False.

    Hint: `x > 0` compares every element at once but gives a bool array; turn it
    into numbers with .astype(np.float64) (or dtype=int). Mind the value at 0.
    """
    # YOUR CODE HERE
    raise NotImplementedError()


def sigmoid(x):
    """Sigmoid (logistic) function 1 / (1 + exp(-x)).

    Args:
        x: float array of any shape (float32 or float64), any finite values (the
           checks go up to ±1e6). Does not change `x`.

    Returns:
        float array of the same shape with values in [0, 1]; sigmoid(0) = 0.5 and
        sigmoid(-x) = 1 - sigmoid(x). Never nan or inf.

    The course notes' 1 / (1 + np.exp(-x)) (parts 001 and 004) is right: for x below
    about -709 (-88 for float32 x) numpy warns "overflow encountered in exp", but
    1 / (1 + inf) = 0 is the right value, and warnings are not graded. What is
    graded is the values: exp(x) / (1 + exp(x)) gives inf / inf = nan for x = 1000.

    Hint: e = exp(-|x|) never overflows: sigmoid is 1 / (1 + e) for x >= 0 and
    e / (1 + e) for x < 0, with no warning at all.
    """
    # YOUR CODE HERE
    raise NotImplementedError()


def tanh(x):
    """Hyperbolic tangent (exp(x) - exp(-x)) / (exp(x) + exp(-x)).

    Args:
        x: float array of any shape, any finite values. Does not change `x`.

    Returns:
        float array of the same shape with values in [-1, 1]; tanh is odd:
        tanh(-x) = -tanh(x). Never nan or inf.

    Hint: the formula with exp gives inf / inf = nan for x = 1000; np.tanh (as in
    the course notes, part 001) does not.
    """
    # YOUR CODE HERE
    raise NotImplementedError()


def relu(x):
    """ReLU: max(0, x) elementwise.

    Args:
        x: float array of any shape. Does not change `x`.

    Returns:
        float array of the same shape: x where x > 0, 0 elsewhere.

    Hint: np.maximum(0, x) is elementwise; np.max(x) would be one number.
    """
    # YOUR CODE HERE
    raise NotImplementedError()


def leaky_relu(x, alpha=0.01):
    """Leaky ReLU: x where x > 0, alpha * x where x <= 0.

    The course notes, part 001, write it max(a * x, x) with a module-level a = 0.1 for
    the plot; here the slope is the argument alpha, whose default is the usual 0.01.

    Args:
        x: float array of any shape. Does not change `x`.
        alpha: slope for negative inputs, 0 <= alpha < 1 (default 0.01).

    Returns:
        float array of the same shape.

    Hint: only the negative inputs are scaled by alpha; positive ones pass unchanged.
    """
    # YOUR CODE HERE
    raise NotImplementedError()


def identity(x):
    """Identity function: returns its input's values (output layer for regression).

    Args:
        x: float array of any shape. Does not change `x`.

    Returns:
        float array of the same shape and values as x.

    Hint: nothing to compute: the identity is not its derivative (that is identity_grad).
    """
    # YOUR CODE HERE
    raise NotImplementedError()


def sigmoid_grad(x):
    """Derivative of the sigmoid with respect to its input x: s * (1 - s), s = sigmoid(x).

    Args:
        x: float array of any shape: the input of the sigmoid (not its output).
           Does not change `x`.

    Returns:
        float array of the same shape, values in [0, 0.25]; sigmoid_grad(0) = 0.25.

    Hint: take the sigmoid of x once, s = sigmoid(x), then s * (1 - s). The course
    notes, part 001, write the derivative with the output o = sigmoid(z): o * (1 - o);
    here you get z.
    """
    # YOUR CODE HERE
    raise NotImplementedError()


def tanh_grad(x):
    """Derivative of tanh with respect to its input x: 1 - tanh(x)**2.

    Args:
        x: float array of any shape: the input of tanh. Does not change `x`.

    Returns:
        float array of the same shape, values in [0, 1]; tanh_grad(0) = 1.

    Hint: square tanh(x), then subtract it from 1.
    """
    # YOUR CODE HERE
    raise NotImplementedError()


def relu_grad(x):
    """Derivative of ReLU with respect to x: 1 where x > 0, 0 where x <= 0.

    ReLU has a kink at 0 where the derivative does not exist; by convention
    relu_grad(0) = 0 (the same as for negative x).

    Args:
        x: float array of any shape. Does not change `x`.

    Returns:
        float array of the same shape holding 0.0 and 1.0 (numbers, not True/False).

    Hint: `x > 0` is the right test (not >=), but it is a bool array: convert it
    with .astype(np.float64).
    """
    # YOUR CODE HERE
    raise NotImplementedError()


def leaky_relu_grad(x, alpha=0.01):
    """Derivative of leaky ReLU with respect to x: 1 where x > 0, alpha where x <= 0.

    At the kink, leaky_relu_grad(0) = alpha by convention (0 belongs to the
    negative side, as in leaky_relu).

    Args:
        x: float array of any shape. Does not change `x`.
        alpha: slope for negative inputs (default 0.01, as in leaky_relu).

    Returns:
        float array of the same shape holding 1.0 and alpha.

    Hint: np.where(x > 0, 1.0, alpha) gives a float array of the right shape.
    """
    # YOUR CODE HERE
    raise NotImplementedError()


def identity_grad(x):
    """Derivative of the identity with respect to x: 1 everywhere.

    Args:
        x: float array of any shape. Does not change `x`.

    Returns:
        float array of the same shape, every entry 1.0.

    Hint: the slope of f(x) = x is 1 at every x; np.ones_like(x, dtype=float) gives
    an array of x's shape (a bare 1 has no shape).
    """
    # YOUR CODE HERE
    raise NotImplementedError()
