"""Weight initialisation: Xavier for sigmoid/tanh layers, He for ReLU layers (course notes 003)."""
import numpy as np


def xavier_init(n_in, n_out, rng):
    """Xavier initialisation: weights drawn from a normal distribution N(0, 1 / n_in).

    The standard deviation is sqrt(1 / n_in), n_in being the number of nodes of the
    previous layer (the inputs of this layer), so that the signal keeps its scale
    through sigmoid or tanh layers.

    Args:
        n_in: int >= 1: number of inputs (nodes of the previous layer).
        n_out: int >= 1: number of outputs (nodes of this layer).
        rng: numpy random Generator (np.random.default_rng(seed)) to draw from.

    Returns:
        float64 array of shape (n_in, n_out), so that x @ W works for x of shape
        (N, n_in); mean 0, standard deviation sqrt(1 / n_in). Draws from `rng`
        (which advances it) and changes nothing else.

    Hint: draw with the rng you are given, e.g. rng.normal(loc, scale, size) or
    rng.standard_normal(size) * scale, never with np.random.* (its global state
    makes results depend on everything else that ran). scale is the standard
    deviation sqrt(1 / n_in), not the variance 1 / n_in. Some libraries' Xavier
    (Keras' glorot_normal, glorot_uniform) uses 2 / (n_in + n_out): not this one.
    """
    # YOUR CODE HERE
    raise NotImplementedError()


def he_init(n_in, n_out, rng):
    """He initialisation: weights drawn from a normal distribution N(0, 2 / n_in).

    Course notes 003: "He 초기화는 루트(2/n)를 표준편차로 하는 정규분포를 사용" - a normal
    distribution with standard deviation sqrt(2 / n), n = n_in. The factor 2 makes
    up for ReLU zeroing half of its inputs.

    Args:
        n_in: int >= 1: number of inputs (nodes of the previous layer).
        n_out: int >= 1: number of outputs (nodes of this layer).
        rng: numpy random Generator to draw from.

    Returns:
        float64 array of shape (n_in, n_out); mean 0, standard deviation sqrt(2 / n_in).
        Draws from `rng` (which advances it) and changes nothing else.

    Hint: the same as xavier_init with a standard deviation sqrt(2) times larger.
    """
    # YOUR CODE HERE
    raise NotImplementedError()
