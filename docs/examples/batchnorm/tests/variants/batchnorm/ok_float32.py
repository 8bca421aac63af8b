"""Correct, in float32: the layer computes in float32 and hands dx, dgamma and dbeta back as float64;
only the tolerances tell it apart."""
import numpy as np

F32 = np.float32


class BatchNorm(BatchNorm):  # noqa: F821 (the reference's, above the variant)
    def forward(self, x, train_flg=True):
        x, eps, m = np.asarray(x, F32), F32(self.eps), F32(self.momentum)
        gamma, beta = np.asarray(self.gamma, F32), np.asarray(self.beta, F32)
        if self.running_mean is None:
            self.running_mean, self.running_var = np.zeros(x.shape[1], F32), np.zeros(x.shape[1], F32)
        if not train_flg:
            return (gamma * (x - self.running_mean) / np.sqrt(self.running_var + eps) + beta).astype(np.float64)
        mu = x.mean(axis=0)
        var = np.mean((x - mu) ** 2, axis=0)
        self.running_mean = m * self.running_mean + (F32(1) - m) * mu
        self.running_var = m * self.running_var + (F32(1) - m) * var
        self.std = np.sqrt(var + eps)
        self.xn = (x - mu) / self.std
        return (gamma * self.xn + beta).astype(np.float64)

    def backward(self, dout):
        dout = np.asarray(dout, F32)
        self.dbeta, self.dgamma = dout.sum(axis=0).astype(np.float64), np.sum(self.xn * dout, axis=0).astype(np.float64)
        dxn = np.asarray(self.gamma, F32) * dout
        return ((dxn - dxn.mean(axis=0) - self.xn * np.mean(dxn * self.xn, axis=0)) / self.std).astype(np.float64)
