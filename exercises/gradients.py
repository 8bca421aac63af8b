"""Numerical differentiation and gradient descent (seed 003: 편미분, 경사 하강법; seed 000: 6.3)."""
import numpy as np


def numerical_gradient(f, x, h=1e-4):
    """The gradient of f at x by central differences, one element of x at a time.

    For every element x_i (whatever the shape of x):

        df/dx_i  ~  (f(x with x_i + h) - f(x with x_i - h)) / (2 * h)

    Args:
        f: a function taking an array shaped like x and returning one number
           (a loss); call it as f(x).
        x: float64 array of any shape: (n,), (rows, cols), (a, b, c), ...
           You may change its elements while you work, but every element must
           hold its original value again when the function returns.
        h: the step, a small float (default 1e-4). Use the h you are given.

    Returns:
        float64 array of the same shape as x: element i is df/dx_i.

    Hint: loop over every index of x, not just the first axis: np.ndindex(x.shape)
    (or np.nditer with multi_index) gives index tuples for any number of axes.
    Save x[idx], set it to saved + h, call f, set it to saved - h, call f, and put
    saved back before the next index. The central difference divides by 2*h;
    (f(x + h) - f(x)) / h is less precise (its error grows like h, not h**2).
    """
    # YOUR CODE HERE
    raise NotImplementedError()


def gradient_descent(f, init_x, lr, steps):
    """Minimise f by gradient descent from init_x: x <- x - lr * grad f(x), steps times.

    The gradient is the numerical one: call your numerical_gradient(f, x) with
    its default h.

    Args:
        f: a function taking an array shaped like init_x and returning one number.
        init_x: float64 array of any shape: the starting point. It must not be
            changed: work on a copy.
        lr: the learning rate (float > 0).
        steps: how many updates to make (int >= 0).

    Returns:
        float64 array shaped like init_x: x after `steps` updates (only the final
        x, no history). With steps = 0 it equals init_x.

    Hint: `x = init_x` does not copy: x -= ... would then change the caller's
    array. Start from x = np.array(init_x, dtype=np.float64) (a copy), and step
    *against* the gradient (minus sign).
    """
    # YOUR CODE HERE
    raise NotImplementedError()
