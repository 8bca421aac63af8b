"""Batch normalisation: each of a layer's outputs standardised over the batch, then scaled and shifted.

A BatchNorm layer sits between an Affine layer and its activation. In training it
standardises every column of its input with that batch's mean and variance and keeps
running averages of them; in evaluation (prediction) it uses those running averages, so
that one sample's output does not depend on the rest of its batch.

What may change: the layer keeps what it needs on ``self``; forward never changes x,
backward never changes dout. Any float dtype may be used for the arithmetic (float32 is
fine): results are compared with a tolerance.
"""
import numpy as np


class BatchNorm:
    """out = gamma * (x - mu) / sqrt(var + eps) + beta, column by column.

    Attributes:
        gamma, beta: float arrays of shape (D,): the scale and shift, one per column.
        momentum: float in [0, 1): how much of the running statistics a training forward keeps.
        eps: float > 0, added to the variance inside the square root.
        running_mean, running_var: None until the first forward, then float arrays of shape (D,).
        dgamma, dbeta: after backward, dL/dgamma and dL/dbeta, float64 arrays of shape (D,).
    """

    def __init__(self, gamma, beta, momentum=0.9, eps=1e-7):
        self.gamma = gamma
        self.beta = beta
        self.momentum = momentum
        self.eps = eps
        self.running_mean = None
        self.running_var = None
        self.xn = None    # the normalised batch (x - mu) / std, for backward
        self.std = None   # sqrt(var + eps) of the batch, shape (D,)
        self.dgamma = None
        self.dbeta = None

    def forward(self, x, train_flg=True):
        """The normalised, scaled and shifted batch.

        Training (train_flg=True): mu and var are each column's mean and variance over the N
        rows (the variance of the batch itself, dividing by N), and then
            running_mean = momentum * running_mean + (1 - momentum) * mu
            running_var = momentum * running_var + (1 - momentum) * var
        Evaluation (train_flg=False): mu and var are running_mean and running_var, which do not
        change. Before the first forward both are None: they start as zeros of shape (D,).

        Args:
            x: float array of shape (N, D), one sample per row.
            train_flg: bool, True in training, False in evaluation.

        Returns:
            float64 array of shape (N, D). Keeps what backward needs on self; does not change x.

        Hint: np.mean(x, axis=0) and np.var(x, axis=0) are per column (np.var divides by N,
        as it should here; ddof=1 would divide by N - 1). eps goes inside the square root,
        sqrt(var + eps), not sqrt(var) + eps. The new batch gets the (1 - momentum) share.
        """
        ### BEGIN SOLUTION
        x = np.asarray(x, dtype=np.float64)
        if self.running_mean is None:
            self.running_mean, self.running_var = np.zeros(x.shape[1]), np.zeros(x.shape[1])
        if not train_flg:
            return self.gamma * (x - self.running_mean) / np.sqrt(self.running_var + self.eps) + self.beta
        mu = x.mean(axis=0)
        var = np.mean((x - mu) ** 2, axis=0)
        self.std = np.sqrt(var + self.eps)
        self.xn = (x - mu) / self.std
        self.running_mean = self.momentum * self.running_mean + (1 - self.momentum) * mu
        self.running_var = self.momentum * self.running_var + (1 - self.momentum) * var
        return self.gamma * self.xn + self.beta
        ### END SOLUTION

    def backward(self, dout):
        """Gradients of the loss after a training forward: returns dx, sets self.dgamma and self.dbeta.

        With xn = (x - mu) / std, std = sqrt(var + eps) and dxn = gamma * dout:
            dbeta = sum of dout over the batch,  dgamma = sum of xn * dout over the batch,
            dx = (dxn - mean(dxn) - xn * mean(dxn * xn)) / std   (means over the batch, axis 0)

        Args:
            dout: float array of shape (N, D): dL/d(out) from the layer above.

        Returns:
            dx: float64 array of shape (N, D). Also sets self.dgamma and self.dbeta (D,).
            Does not change dout.

        Hint: mu and var depend on every row of x, so dx is not just dxn / std: the two mean
        terms are the gradient through mu and var. dgamma multiplies dout by the normalised
        xn, not by x and not by 1.
        """
        ### BEGIN SOLUTION
        dout = np.asarray(dout, dtype=np.float64)
        self.dbeta = dout.sum(axis=0)
        self.dgamma = np.sum(self.xn * dout, axis=0)
        dxn = self.gamma * dout
        return (dxn - dxn.mean(axis=0) - self.xn * np.mean(dxn * self.xn, axis=0)) / self.std
        ### END SOLUTION
