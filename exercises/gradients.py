"""Numerical differentiation and gradient descent (course notes 003: 편미분, 경사 하강법; 000: 6.3)."""
import numpy as np


def numerical_gradient(f, x, h=1e-4):
    """The gradient of f at x by central differences, one element of x at a time.

    For every element x_i (whatever the shape of x):

        df/dx_i  ~  (f(x with x_i + h) - f(x with x_i - h)) / (2 * h)

    Args:
        f: a function taking an array shaped like x and returning one number
           (a loss); call it as f(x).
        x: float64 array of any shape: (n,), (rows, cols), (a, b, c), ...
           Changes x while it works and puts it back: when the function returns,
           every element holds its original value again, up to float64 rounding
           (putting a saved value back is exact; x[idx] += h ... x[idx] -= h
           leaves a rounding error near 1e-16 * (|x[idx]| + h), which is fine).
           Keep x float64 (don't convert it): the difference quotient divides
           the rounding of x + h and of f(x + h) - f(x - h) by 2*h, so with
           float32's 7 digits the gradient would be off by about 1e-3.
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
    its default h, on a float64 array x.

    Args:
        f: a function taking an array shaped like init_x and returning one number.
        init_x: float64 array of any shape: the starting point. Does not change
            init_x: work on a copy.
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
