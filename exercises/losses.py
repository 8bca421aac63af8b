"""Loss functions and entropy: MSE, cross-entropy error, binary cross-entropy, bits (course notes 000, 001, 003)."""
import numpy as np

EPS = 1e-7  # added inside every log of a predicted probability, so log(0) never happens


def mean_squared_error(y, t):
    """Sum-of-squares error with the 1/2 of course notes 001: E = 1/2 * sum((y - t)**2), batch-averaged.

    One sample (1-D y): E = 1/2 * sum_k (y_k - t_k)**2.
    A batch (2-D y of shape (N, K), one sample per row): the mean over the N samples
    of the per-sample error, E = 1/2 * sum((y - t)**2) / N. With K = 1 this is
    the J = 1/(2m) * sum (h - y)**2 of course notes 000.

    Args:
        y: float array of shape (K,) or (N, K): the network's outputs.
        t: float array of the same shape: the targets (e.g. one-hot labels).

    Returns:
        float: the error (a Python float or a numpy scalar), >= 0.
        Does not change `y` or `t`; float32 arithmetic is fine.

    Hint: the 1/2 is part of the definition (it cancels the 2 of the derivative).
    Divide by the batch size y.shape[0] only for 2-D input, not by the number of
    elements.
    """
    # YOUR CODE HERE
    raise NotImplementedError()


def cross_entropy_error(y, t):
    """Cross-entropy error E = -sum_k t_k log(y_k + eps), batch-averaged, eps = 1e-7.

    The log is the natural log (course notes 003 speak of log2 when they explain why a
    wrong guess costs so much; in bits, that is cross_entropy_bits below). eps keeps
    log(0) from happening: a predicted probability of exactly 0 for the true class
    costs -log(1e-7) = 16.118..., not inf.

    Args:
        y: float array of shape (K,) or (N, K): predicted probabilities (rows of softmax).
        t: the targets, in either form:
           - one-hot: float array of the same shape as y;
           - label indices: int array of shape (N,) for a batch, or an int for 1-D y,
             the index of the true class of each sample.

    Returns:
        float: the mean over the N samples of each sample's error (N = 1 for 1-D y).
        Does not change `y` or `t`; float32 arithmetic is fine.

    Hint: t is one-hot when it has the shape of y, labels when it has one axis less.
    For labels pick each row's probability of its true class with
    y[np.arange(N), t]. Divide by the number of samples N, not by N * K.
    PyTorch's nn.CrossEntropyLoss (course notes 001) is not this function: it takes
    scores and applies softmax itself; y here is already a probability.
    """
    # YOUR CODE HERE
    raise NotImplementedError()


def binary_cross_entropy(p, t):
    """Binary cross-entropy (nn.BCELoss in course notes 001, with eps), averaged over all elements.

    E = -mean( t * log(p + eps) + (1 - t) * log(1 - p + eps) ),  eps = 1e-7, natural log.

    Args:
        p: float array of any shape: predicted probabilities of class 1, in [0, 1]
           (0 and 1 included).
        t: float array of the same shape holding 0 and 1: the true classes.

    Returns:
        float: the mean error over every element; finite even where p is exactly 0 or 1.
        Does not change `p` or `t`; float32 arithmetic is fine.

    Hint: both logs need the eps: p = 1 with t = 0 would otherwise be log(0), and
    0 * log(0) is nan in numpy, not 0. Average with np.mean over all elements.
    PyTorch's nn.BCELoss (course notes 001) limits each log to >= -100 instead of
    adding eps, so its loss differs from this one where p is 0 or 1 or very close.
    """
    # YOUR CODE HERE
    raise NotImplementedError()


def entropy_bits(p):
    """Shannon entropy in bits over the last axis: H(p) = sum_i p_i * log2(1 / p_i).

    As in course notes 000. Terms with p_i = 0 count 0 (0 * log 0 = 0, the limit), so
    H([1, 0]) = 0 and H([0.5, 0.5]) = 1 bit.

    Args:
        p: float array of shape (K,) or (..., K): probability distributions along the
           last axis (non-negative, each summing to 1); zeros allowed.

    Returns:
        float for 1-D p; for p of shape (..., K) a float array of shape (...), one
        entropy per distribution. Values in [0, log2(K)].
        Does not change `p`; float32 arithmetic is fine.

    Hint: log2, not the natural log. numpy computes 0 * log2(0) as 0 * -inf = nan:
    take the log only where p > 0 (np.where, or a mask) and count the rest as 0.
    """
    # YOUR CODE HERE
    raise NotImplementedError()


def cross_entropy_bits(p, q):
    """Cross-entropy in bits over the last axis: H(p, q) = sum_i p_i * log2(1 / q_i).

    As in course notes 000: p is the true distribution (the weights), q the predicted one
    (inside the log). Terms with p_i = 0 count 0 whatever q_i is; q_i must be > 0
    wherever p_i > 0 (otherwise the cross-entropy is infinite). H(p, p) = H(p).

    Args:
        p: float array of shape (K,) or (..., K): true distributions along the last axis.
        q: float array of the same shape: predicted distributions.

    Returns:
        float for 1-D input; for shape (..., K) a float array of shape (...).
        Always >= entropy_bits(p) (Gibbs' inequality).
        Does not change `p` or `q`; float32 arithmetic is fine.

    Hint: the log is of q, weighted by p; not the other way round. Skip the terms
    with p_i = 0 as in entropy_bits.
    """
    # YOUR CODE HERE
    raise NotImplementedError()
