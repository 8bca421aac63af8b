"""Backpropagation by hand: the 2-2-2 sigmoid network of the course notes, part 001, for any layer sizes.

The network has no biases and a sigmoid on every unit:

    h = sigmoid(W1 @ x)        hidden layer, W1 of shape (n_hidden, n_in)
    o = sigmoid(W2 @ h)        output layer, W2 of shape (n_out, n_hidden)
    E = sum_k 1/2 (t_k - o_k)^2

Row i of a weight matrix holds the weights *into* unit i. In the notes' numbering
W1 = [[w1, w2], [w3, w4]] and W2 = [[w5, w6], [w7, w8]]: w5 connects h1 to o1,
w6 connects h2 to o1, and so on.

The worked example of course notes 001 (learning rate 0.5): x = (0.1, 0.2), t = (0.4, 0.6),
W1 = [[0.3, 0.25], [0.4, 0.35]], W2 = [[0.45, 0.4], [0.7, 0.6]] gives
h = (0.51998934, 0.52747230), o = (0.60944600, 0.66384491), E_total = 0.02397190;
after one step W5+ = 0.43703857 ... W1+ = 0.29959556 ... and E_total = 0.02323634.

No function here changes its arguments: each returns new arrays. Any float dtype may be
used for the arithmetic (float32 is fine); the results are compared with a tolerance.
"""
import numpy as np


def sigmoid(a):
    """The logistic function 1 / (1 + exp(-a)), elementwise (given, not graded).

    Args:
        a: float array of any shape.

    Returns:
        float64 array of the same shape, values in (0, 1).
    """
    return 1.0 / (1.0 + np.exp(-np.asarray(a, dtype=np.float64)))


def forward(x, W1, W2):
    """The forward pass: hidden activations h and outputs o.

    h = sigmoid(W1 @ x),  o = sigmoid(W2 @ h)

    Args:
        x: float array of shape (n_in,): one input.
        W1: float array of shape (n_hidden, n_in); row i holds the weights into hidden unit i.
        W2: float array of shape (n_out, n_hidden); row k holds the weights into output unit k.

    Returns:
        A tuple (h, o): float64 arrays of shapes (n_hidden,) and (n_out,).
        Does not change x, W1 or W2.

    Hint: with row i holding the weights into unit i, the net input of every unit at once
    is the matrix-vector product W1 @ x (not x @ W1). The notes' z1 = w1*x1 + w2*x2 is
    the first entry of W1 @ x.
    """
    ### BEGIN SOLUTION
    h = sigmoid(np.asarray(W1, dtype=np.float64) @ np.asarray(x, dtype=np.float64))
    o = sigmoid(np.asarray(W2, dtype=np.float64) @ h)
    return h, o
    ### END SOLUTION


def total_error(o, t):
    """The squared error of the course notes 001, summed over the outputs.

    E_total = sum_k 1/2 (t_k - o_k)^2

    Args:
        o: float array of shape (n_out,): the network's outputs.
        t: float array of shape (n_out,): the targets.

    Returns:
        A float (E_total >= 0). Does not change o or t.

    Hint: it is a sum over the outputs, each term with the factor 1/2, not a mean.
    The 1/2 is there so that dE/do_k = -(t_k - o_k) has no factor 2.
    """
    ### BEGIN SOLUTION
    diff = np.asarray(t, dtype=np.float64) - np.asarray(o, dtype=np.float64)
    return float(0.5 * np.sum(diff ** 2))
    ### END SOLUTION


def output_layer_grads(x, t, W1, W2):
    """Backpropagation step 1: the gradient of E_total with respect to W2.

    dE/dW2[k, j] = dE/do_k * do_k/dz_k * dz_k/dW2[k, j]
                 = -(t_k - o_k) * o_k (1 - o_k) * h_j

    Args:
        x: float array of shape (n_in,).
        t: float array of shape (n_out,).
        W1: float array of shape (n_hidden, n_in).
        W2: float array of shape (n_out, n_hidden).

    Returns:
        float64 array of shape (n_out, n_hidden), the same shape as W2. For the notes'
        network, entry [0, 0] is dE/dW5 = 0.02592286. Does not change its arguments.

    Hint: run forward first. Three factors per weight, as in the notes: the error term
    -(t - o), the sigmoid derivative o * (1 - o), and the input h_j of that weight.
    np.outer(delta, h) puts them in W2's shape: row k belongs to output unit k.
    """
    ### BEGIN SOLUTION
    h, o = forward(x, W1, W2)
    delta_out = -(np.asarray(t, dtype=np.float64) - o) * o * (1.0 - o)
    return np.outer(delta_out, h)
    ### END SOLUTION


def hidden_layer_grads(x, t, W1, W2):
    """Backpropagation step 2: the gradient of E_total with respect to W1.

    dE/dh_j   = sum_k -(t_k - o_k) * o_k (1 - o_k) * W2[k, j]
    dE/dW1[j, i] = dE/dh_j * h_j (1 - h_j) * x_i

    Args:
        x: float array of shape (n_in,).
        t: float array of shape (n_out,).
        W1: float array of shape (n_hidden, n_in).
        W2: float array of shape (n_out, n_hidden).

    Returns:
        float64 array of shape (n_hidden, n_in), the same shape as W1. For the notes'
        network, entry [0, 0] is dE/dW1 = 0.00080888. Does not change its arguments.

    Hint: a hidden unit feeds every output, so dE/dh_j sums over the outputs; in matrix
    form that is W2.T @ delta_out. Then multiply by the hidden unit's own sigmoid
    derivative h * (1 - h), and the input of each weight is x (not h).
    """
    ### BEGIN SOLUTION
    h, o = forward(x, W1, W2)
    delta_out = -(np.asarray(t, dtype=np.float64) - o) * o * (1.0 - o)
    delta_hidden = (np.asarray(W2, dtype=np.float64).T @ delta_out) * h * (1.0 - h)
    return np.outer(delta_hidden, np.asarray(x, dtype=np.float64))
    ### END SOLUTION


def backprop_step(x, t, W1, W2, lr):
    """One gradient-descent step on both layers: W <- W - lr * dE/dW.

    Args:
        x: float array of shape (n_in,).
        t: float array of shape (n_out,).
        W1: float array of shape (n_hidden, n_in).
        W2: float array of shape (n_out, n_hidden).
        lr: float, the learning rate (the notes use 0.5).

    Returns:
        A tuple (W1_new, W2_new): new float64 arrays of the shapes of W1 and W2.
        Does not change its arguments: W1 and W2 stay as they were.

    Hint: compute both gradients from the old weights before changing anything: the
    notes' W1+ uses W5..W8, not W5+..W8+. Return new arrays (W1 - lr * g1) instead of
    updating W1 in place with -=, which would change the caller's arrays.
    """
    ### BEGIN SOLUTION
    grad_W1 = hidden_layer_grads(x, t, W1, W2)
    grad_W2 = output_layer_grads(x, t, W1, W2)
    W1 = np.asarray(W1, dtype=np.float64)
    W2 = np.asarray(W2, dtype=np.float64)
    return W1 - lr * grad_W1, W2 - lr * grad_W2
    ### END SOLUTION
