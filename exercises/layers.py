"""Layers with a forward and a backward pass: Affine, Sigmoid, Relu, SoftmaxWithLoss.

Every layer is an object. ``forward`` computes the layer's output and keeps what the
backward pass will need; ``backward(dout)`` takes dL/d(output) and returns dL/d(input)
by the chain rule (and, for Affine, stores dL/dW and dL/db). A network is a list of
layers: forward runs through it in order, backward in reverse.

What may change: a layer keeps what it needs on ``self``; forward never changes x (or t),
and backward never changes dout, except Relu.backward, which may write into dout. Any
float dtype may be used for the arithmetic (float32 is fine): results are compared with
a tolerance.

The forward example of course notes 003 is two of these layers: x = (1, 1) through
Affine(W = [[0.8, 0.4, 0.3], [0.2, 0.9, 0.5]], b = 0) gives (1.0, 1.3, 0.8), and Sigmoid
gives (0.73, 0.79, 0.69).
"""
import numpy as np


class Affine:
    """A fully connected layer: out = x @ W + b.

    Attributes:
        W: float array of shape (D_in, D_out): column j holds the weights into output j.
        b: float array of shape (D_out,).
        dW: after backward, dL/dW, float64 array of shape (D_in, D_out).
        db: after backward, dL/db, float64 array of shape (D_out,).
    """

    def __init__(self, W, b):
        self.W = W
        self.b = b
        self.x = None
        self.dW = None
        self.db = None

    def forward(self, x):
        """out = x @ W + b for a batch of N rows.

        Args:
            x: float array of shape (N, D_in), one sample per row.

        Returns:
            float64 array of shape (N, D_out). Keeps x for the backward pass (on self);
            does not change x.

        Hint: x @ W has shape (N, D_out); b of shape (D_out,) broadcasts over the rows.
        """
        # YOUR CODE HERE
        raise NotImplementedError()

    def backward(self, dout):
        """Gradients of the loss: returns dx and stores self.dW and self.db.

        dx = dout @ W.T,  dW = x.T @ dout,  db = sum of dout over the batch (axis 0)

        Args:
            dout: float array of shape (N, D_out): dL/d(out) from the layer above.

        Returns:
            dx: float64 array of shape (N, D_in). Also sets self.dW (D_in, D_out) and
            self.db (D_out,). Does not change dout.

        Hint: every gradient is a product with dout, the gradient from the layer above;
        check the shapes: dW must have W's shape (D_in, D_out), so it is
        x.T @ dout, not dout.T @ x. b was added to every row, so its gradient is the
        sum of dout over the rows (axis=0), not dout itself.
        """
        # YOUR CODE HERE
        raise NotImplementedError()


class Sigmoid:
    """The sigmoid activation as a layer: out = 1 / (1 + exp(-x)), elementwise."""

    def __init__(self):
        self.out = None

    def forward(self, x):
        """out = 1 / (1 + exp(-x)).

        Args:
            x: float array of any shape.

        Returns:
            float64 array of the same shape, values in (0, 1). Keeps out for backward
            (on self); does not change x.

        Hint: keep the output, not the input: the derivative is written with it.
        """
        # YOUR CODE HERE
        raise NotImplementedError()

    def backward(self, dout):
        """dx = dout * out * (1 - out), where out is the forward pass's output.

        Args:
            dout: float array of the forward output's shape.

        Returns:
            float64 array of the same shape. Does not change dout.

        Hint: sigmoid'(x) = sigmoid(x) (1 - sigmoid(x)) = out (1 - out), and the chain
        rule multiplies it by dout: returning out (1 - out) alone ignores the layer above.
        Using x in place of out, x (1 - x), is a different (wrong) function.
        """
        # YOUR CODE HERE
        raise NotImplementedError()


class Relu:
    """The ReLU activation as a layer: out = max(0, x), elementwise."""

    def __init__(self):
        self.mask = None

    def forward(self, x):
        """out = x where x > 0, else 0.

        Args:
            x: float array of any shape.

        Returns:
            float64 array of the same shape. Keeps a mask of where x <= 0 for the backward
            pass (on self); does not change x.

        Hint: out = x then out[mask] = 0 would write zeros into the caller's x (they are
        the same array); work on a copy (x.copy(), or np.maximum(x, 0)).
        """
        # YOUR CODE HERE
        raise NotImplementedError()

    def backward(self, dout):
        """dx = dout where the forward input x was > 0, else 0.

        Args:
            dout: float array of the forward input's shape.

        Returns:
            float64 array of the same shape. May change dout in place (the only backward
            here that may): dout[self.mask] = 0 followed by return dout is fine.

        Hint: the mask comes from the forward pass's input x, not from dout: a unit that
        was off (x <= 0) passes no gradient back, whatever the sign of dout. Where the unit
        was on, dx is dout itself (not 1).
        """
        # YOUR CODE HERE
        raise NotImplementedError()


class SoftmaxWithLoss:
    """Softmax of the scores followed by the mean cross-entropy loss, as one layer."""

    def __init__(self):
        self.y = None   # softmax output, (N, K)
        self.t = None   # targets as one-hot rows, (N, K)
        self.loss = None

    def forward(self, x, t):
        """The mean cross-entropy of softmax(x) against the targets t.

        y = softmax(x) row by row,  L = -(1/N) sum_n sum_k t[n, k] log y[n, k]

        Args:
            x: float array of shape (N, K): scores for N samples and K classes.
            t: the targets, either one-hot rows, float array of shape (N, K), or class
               labels, int array of shape (N,) with values in 0..K-1.

        Returns:
            The loss L as a float (a mean over the N samples). Keeps y and t (as one-hot)
            for backward (on self); does not change x or t. A small constant inside the
            log, log(y + 1e-7) as some textbooks write it, is allowed (at most 1e-7).

        Hint: subtract each row's max before exp (softmax(x) = softmax(x - c)), or
        scores like 1000 overflow. With labels, log y[np.arange(N), t] picks each row's
        target entry. Divide by N: the loss is a mean over the batch. Work on
        x - x.max(...), a new array: x -= ... would change the caller's scores.
        """
        # YOUR CODE HERE
        raise NotImplementedError()

    def backward(self, dout=1):
        """dL/dx = dout * (y - t) / N.

        Args:
            dout: float, dL_total/dL; 1 when this loss is the end of the network.

        Returns:
            float64 array of shape (N, K), dL_total/dx.

        Hint: the gradient of the mean loss carries the 1/N of the mean, and the chain
        rule multiplies it by dout: a backward that ignores dout (as some textbooks write
        it) is right only for dout = 1. With label targets, turn t into one-hot rows first (in
        forward), so y - t works.
        """
        # YOUR CODE HERE
        raise NotImplementedError()
