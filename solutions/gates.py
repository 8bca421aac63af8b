"""Logic gates from perceptrons: AND, NAND, OR as one unit each, XOR from two layers (seeds 000, 001, 004)."""
import numpy as np


def perceptron(x, w, b):
    """One perceptron (a linear threshold unit): fires when w·x + b is above 0.

    y = 1 if w·x + b > 0 else 0

    Args:
        x: 1-D array of shape (d,): the inputs (ints or floats).
        w: 1-D array of shape (d,): one weight per input.
        b: float: the bias (the threshold moved to the left side, b = -theta).

    Returns:
        int: 1 or 0 (a Python int or a numpy integer).

    Hint: the comparison is strict, as in the seeds: a sum of exactly 0 gives 0
    ("if tmp <= 0: return 0"). Use np.dot(w, x) (or np.sum(w * x)) so any number of
    inputs d works, not just two.
    """
    ### BEGIN SOLUTION
    total = np.dot(np.asarray(w), np.asarray(x)) + b
    return 1 if total > 0 else 0
    ### END SOLUTION


def AND(x1, x2):
    """The AND gate as ONE perceptron: 1 only when both inputs are 1.

    Args:
        x1, x2: 0 or 1 (int, float or numpy scalar).

    Returns:
        int: perceptron(np.array([x1, x2]), w, b) for this gate's own w (shape (2,)) and b.

    Hint: pick a weight vector w and a bias b so that only (1, 1) gives w·x + b > 0,
    e.g. seed 001's w = [0.5, 0.5], b = -0.7. Call perceptron(x, w, b) once and return
    its answer; do not test the inputs with if/else yourself.
    """
    ### BEGIN SOLUTION
    return perceptron(np.array([x1, x2]), np.array([0.5, 0.5]), -0.7)
    ### END SOLUTION


def NAND(x1, x2):
    """The NAND gate (not AND) as ONE perceptron: 0 only when both inputs are 1.

    Args:
        x1, x2: 0 or 1 (int, float or numpy scalar).

    Returns:
        int: perceptron(np.array([x1, x2]), w, b) for this gate's own w (shape (2,)) and b.

    Hint: flip the sign of every AND parameter (seed 004): w = [-0.5, -0.5], b = 0.7.
    Copying AND's weights unchanged gives AND again; computing 1 - AND(x1, x2) gives
    the right table but is not one perceptron.
    """
    ### BEGIN SOLUTION
    return perceptron(np.array([x1, x2]), np.array([-0.5, -0.5]), 0.7)
    ### END SOLUTION


def OR(x1, x2):
    """The OR gate as ONE perceptron: 1 when at least one input is 1.

    Args:
        x1, x2: 0 or 1 (int, float or numpy scalar).

    Returns:
        int: perceptron(np.array([x1, x2]), w, b) for this gate's own w (shape (2,)) and b.

    Hint: a single 1 must already push w·x + b above 0, and (0, 0) must not: seed 001
    uses w = [0.6, 0.6], b = -0.5; seed 004 uses w = [1.0, 1.0], b = -0.5. Check the
    edge: w = [0.5, 0.5] with b = -0.5 gives exactly 0 for (1, 0), which is not > 0.
    """
    ### BEGIN SOLUTION
    return perceptron(np.array([x1, x2]), np.array([0.5, 0.5]), -0.2)
    ### END SOLUTION


def XOR(x1, x2):
    """The XOR gate as a two-layer perceptron: AND(NAND(x1, x2), OR(x1, x2)).

    Args:
        x1, x2: 0 or 1 (int, float or numpy scalar).

    Returns:
        int: 1 when exactly one input is 1, else 0.

    Hint: no single perceptron computes XOR (no straight line separates its 1s from
    its 0s). Build it from your gates as in seeds 001 and 004: s1 = NAND(x1, x2),
    s2 = OR(x1, x2), then y = AND(s1, s2).
    """
    ### BEGIN SOLUTION
    s1 = NAND(x1, x2)
    s2 = OR(x1, x2)
    return AND(s1, s2)
    ### END SOLUTION
