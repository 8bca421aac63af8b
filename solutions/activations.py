"""Activation functions and their derivatives (seeds 001, 003 and 004).

Every function works elementwise on a numpy array of any shape and returns a new array
of the same shape, leaving its argument unchanged (no x[x < 0] = 0). The derivatives
are taken with respect to the input x.
"""
import numpy as np


def step(x):
    """Step function: 1 where x > 0, 0 where x <= 0 (so step(0) = 0).

    h(x) = 1 (x > 0), 0 (x <= 0), as in seed 004's step_function.

    Args:
        x: float array of any shape.

    Returns:
        array of the same shape holding 0 and 1 as numbers (float or int dtype),
        not True/False.

    Hint: `x > 0` compares every element at once but gives a bool array; turn it
    into numbers with .astype(np.float64) (or dtype=int). Mind the value at 0.
    """
    ### BEGIN SOLUTION
    return (np.asarray(x) > 0).astype(np.float64)
    ### END SOLUTION


def sigmoid(x):
    """Sigmoid (logistic) function 1 / (1 + exp(-x)), without overflow.

    Args:
        x: float array of any shape (float32 or float64), values as large as ±1000.

    Returns:
        float array of the same shape with values in [0, 1]; sigmoid(0) = 0.5 and
        sigmoid(-x) = 1 - sigmoid(x). No numpy overflow warning for any finite x.

    Hint: for x = -1000, exp(-x) = exp(1000) overflows (numpy warns "overflow
    encountered in exp"). Use exp(-|x|), which never overflows:
    for x >= 0, 1 / (1 + exp(-|x|)); for x < 0, exp(-|x|) / (1 + exp(-|x|)).
    np.where(cond, a, b) computes both a and b for every element, so both must be
    safe everywhere.
    """
    ### BEGIN SOLUTION
    x = np.asarray(x)
    e = np.exp(-np.abs(x))
    return np.where(x >= 0, 1.0 / (1.0 + e), e / (1.0 + e))
    ### END SOLUTION


def tanh(x):
    """Hyperbolic tangent (exp(x) - exp(-x)) / (exp(x) + exp(-x)).

    Args:
        x: float array of any shape, values as large as ±1000.

    Returns:
        float array of the same shape with values in [-1, 1]; tanh is odd:
        tanh(-x) = -tanh(x). Finite (no nan) for every finite x.

    Hint: the formula with exp gives inf / inf = nan for x = 1000; np.tanh does not.
    """
    ### BEGIN SOLUTION
    return np.tanh(x)
    ### END SOLUTION


def relu(x):
    """ReLU: max(0, x) elementwise.

    Args:
        x: float array of any shape.

    Returns:
        float array of the same shape: x where x > 0, 0 elsewhere.

    Hint: np.maximum(0, x) is elementwise; np.max(x) would be one number.
    """
    ### BEGIN SOLUTION
    return np.maximum(0, x)
    ### END SOLUTION


def leaky_relu(x, alpha=0.01):
    """Leaky ReLU: x where x > 0, alpha * x where x <= 0.

    Args:
        x: float array of any shape.
        alpha: slope for negative inputs, 0 <= alpha < 1 (default 0.01, the usual
            value; seed 001 plots it with 0.1).

    Returns:
        float array of the same shape.

    Hint: only the negative inputs are scaled by alpha; positive ones pass unchanged.
    """
    ### BEGIN SOLUTION
    x = np.asarray(x)
    return np.where(x > 0, x, alpha * x)
    ### END SOLUTION


def identity(x):
    """Identity function: returns its input unchanged (output layer for regression).

    Args:
        x: float array of any shape.

    Returns:
        float array of the same shape and values as x.

    Hint: nothing to compute: the identity is not the derivative (that would be 1).
    """
    ### BEGIN SOLUTION
    return np.array(x, copy=True)
    ### END SOLUTION


def sigmoid_grad(x):
    """Derivative of the sigmoid with respect to its input x: s * (1 - s), s = sigmoid(x).

    Args:
        x: float array of any shape: the input of the sigmoid (not its output).

    Returns:
        float array of the same shape, values in [0, 0.25]; sigmoid_grad(0) = 0.25.

    Hint: take the sigmoid of x once, s = sigmoid(x), then s * (1 - s). Seed 001
    writes the derivative with the output o = sigmoid(z): o * (1 - o); here you get z.
    """
    ### BEGIN SOLUTION
    s = sigmoid(x)
    return s * (1.0 - s)
    ### END SOLUTION


def tanh_grad(x):
    """Derivative of tanh with respect to its input x: 1 - tanh(x)**2.

    Args:
        x: float array of any shape: the input of tanh.

    Returns:
        float array of the same shape, values in [0, 1]; tanh_grad(0) = 1.

    Hint: square tanh(x), then subtract it from 1.
    """
    ### BEGIN SOLUTION
    t = np.tanh(x)
    return 1.0 - t * t
    ### END SOLUTION


def relu_grad(x):
    """Derivative of ReLU with respect to x: 1 where x > 0, 0 where x <= 0.

    ReLU has a kink at 0 where the derivative does not exist; by convention
    relu_grad(0) = 0 (the same as for negative x).

    Args:
        x: float array of any shape.

    Returns:
        float array of the same shape holding 0.0 and 1.0 (numbers, not True/False).

    Hint: `x > 0` is the right test (not >=), but it is a bool array: convert it
    with .astype(np.float64).
    """
    ### BEGIN SOLUTION
    return (np.asarray(x) > 0).astype(np.float64)
    ### END SOLUTION


def leaky_relu_grad(x, alpha=0.01):
    """Derivative of leaky ReLU with respect to x: 1 where x > 0, alpha where x <= 0.

    At the kink, leaky_relu_grad(0) = alpha by convention (0 belongs to the
    negative side, as in leaky_relu).

    Args:
        x: float array of any shape.
        alpha: slope for negative inputs (default 0.01, as in leaky_relu).

    Returns:
        float array of the same shape holding 1.0 and alpha.

    Hint: np.where(x > 0, 1.0, alpha) gives a float array of the right shape.
    """
    ### BEGIN SOLUTION
    return np.where(np.asarray(x) > 0, 1.0, float(alpha))
    ### END SOLUTION
