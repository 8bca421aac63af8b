"""Logic gates from perceptrons: AND, NAND, OR as one unit each, XOR from two layers (course notes 000, 001, 004)."""
import numpy as np


def perceptron(x, w, b):
    """One perceptron (a linear threshold unit): fires when w·x + b is above 0.

    y = 1 if w·x + b > 0 else 0

    Args:
        x: 1-D array of shape (d,): the inputs (ints or floats).
        w: 1-D array of shape (d,): one weight per input.
        b: float: the bias (the threshold moved to the left side, b = -theta).

    Returns:
        int: 1 or 0, a Python int or a numpy integer (not True/False: convert a
        comparison with int(...)).

    Does not change `x` or `w`. Computing in float32 is fine.

    Hint: the comparison is strict, as in the course notes' listings: a sum of exactly 0
    gives 0 ("if tmp <= 0: return 0"). Use np.dot(w, x) (or np.sum(w * x)) so any number
    of inputs d works, not just two.
    """
    # YOUR CODE HERE
    raise NotImplementedError()


def AND(x1, x2):
    """The AND gate as ONE perceptron: 1 only when both inputs are 1.

    Args:
        x1, x2: numbers (int, float or numpy scalar). The truth table is about 0 and 1,
            but the gate is also called with real inputs around and between them
            (x1, x2 anywhere in [-1, 2], e.g. AND(0.3, 1.7)): there it must answer what
            its perceptron answers, 1 on one side of the line w·x + b = 0 and 0 on the
            other.

    Returns:
        int: 1 or 0, the answer of one fixed perceptron (w of shape (2,), b) on
        x = (x1, x2).

    Does not change its arguments.

    Hint: pick w and b so that of the four corners only (1, 1) gives w·x + b > 0, e.g.
    course notes 001's w = [0.5, 0.5], b = -0.7. Call perceptron(np.array([x1, x2]), w, b),
    or compute the sum yourself as the course notes do (np.sum(w * x) + b, or
    x1*w1 + x2*w2 compared with a threshold theta): any of these is one perceptron.
    Testing the inputs (if x1 == 1 and x2 == 1) gives the right table on 0 and 1 but is
    not a perceptron on the inputs between them.
    """
    # YOUR CODE HERE
    raise NotImplementedError()


def NAND(x1, x2):
    """The NAND gate (not AND) as ONE perceptron: 0 only when both inputs are 1.

    Args:
        x1, x2: numbers (int, float or numpy scalar), 0 and 1 for the truth table and
            also real inputs in [-1, 2], where it must answer what its perceptron answers
            (see AND).

    Returns:
        int: 1 or 0, the answer of one fixed perceptron (w of shape (2,), b) on
        x = (x1, x2).

    Does not change its arguments.

    Hint: flip the sign of every AND parameter (course notes 001): w = [-0.5, -0.5],
    b = 0.7. Copying AND's weights unchanged gives AND again, unless you also swap the
    answers (course notes 004: 1 when tmp <= 0, else 0; or 1 - AND(x1, x2)): that is one
    perceptron too, the same line with w and b negated.
    """
    # YOUR CODE HERE
    raise NotImplementedError()


def OR(x1, x2):
    """The OR gate as ONE perceptron: 1 when at least one input is 1.

    Args:
        x1, x2: numbers (int, float or numpy scalar), 0 and 1 for the truth table and
            also real inputs in [-1, 2], where it must answer what its perceptron answers
            (see AND).

    Returns:
        int: 1 or 0, the answer of one fixed perceptron (w of shape (2,), b) on
        x = (x1, x2).

    Does not change its arguments.

    Hint: a single 1 must already push w·x + b above 0, and (0, 0) must not: course notes
    001 use w = [0.6, 0.6], b = -0.5; course notes 004 use w = [1.0, 1.0], b = -0.5. Check
    the edge: w = [0.5, 0.5] with b = -0.5 gives exactly 0 for (1, 0), which is not > 0.
    """
    # YOUR CODE HERE
    raise NotImplementedError()


def XOR(x1, x2):
    """The XOR gate as a two-layer perceptron: AND(NAND(x1, x2), OR(x1, x2)).

    Args:
        x1, x2: 0 or 1 (int, float or numpy scalar).

    Returns:
        int: 1 when exactly one input is 1, else 0.

    Does not change its arguments.

    Hint: no single perceptron computes XOR (no straight line separates its 1s from
    its 0s). Build it from your gates as in course notes 001 and 004: s1 = NAND(x1, x2),
    s2 = OR(x1, x2), then y = AND(s1, s2). Comparing the inputs (x1 != x2) gives the
    right table but is not the two-layer network.
    """
    # YOUR CODE HERE
    raise NotImplementedError()
