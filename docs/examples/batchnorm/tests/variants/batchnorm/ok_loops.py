"""Correct, with loops: per column, the mean, then the variance in a second pass, then every entry, in Python floats."""
import math

import numpy as np


class BatchNorm(BatchNorm):  # noqa: F821 (the reference's, above the variant)
    def forward(self, x, train_flg=True):
        n, d = x.shape
        if self.running_mean is None:
            self.running_mean, self.running_var = np.zeros(d), np.zeros(d)
        if train_flg:
            self.xn, self.std = np.zeros((n, d)), np.zeros(d)
        out = np.zeros((n, d))
        for j in range(d):
            mu, var = self.running_mean[j], self.running_var[j]
            if train_flg:
                mu = sum(float(x[i, j]) for i in range(n)) / n
                var = sum((float(x[i, j]) - mu) ** 2 for i in range(n)) / n
                self.running_mean[j] = self.momentum * self.running_mean[j] + (1 - self.momentum) * mu
                self.running_var[j] = self.momentum * self.running_var[j] + (1 - self.momentum) * var
                self.std[j] = math.sqrt(var + self.eps)
            for i in range(n):
                xn = (float(x[i, j]) - mu) / math.sqrt(var + self.eps)
                if train_flg:
                    self.xn[i, j] = xn
                out[i, j] = self.gamma[j] * xn + self.beta[j]
        return out

    def backward(self, dout):
        n, d = dout.shape
        dx, self.dgamma, self.dbeta = np.zeros((n, d)), np.zeros(d), np.zeros(d)
        for j in range(d):
            dxn = [self.gamma[j] * float(dout[i, j]) for i in range(n)]
            mean_dxn = sum(dxn) / n
            mean_dxn_xn = sum(dxn[i] * self.xn[i, j] for i in range(n)) / n
            for i in range(n):
                self.dbeta[j] += dout[i, j]
                self.dgamma[j] += self.xn[i, j] * dout[i, j]
                dx[i, j] = (dxn[i] - mean_dxn - self.xn[i, j] * mean_dxn_xn) / self.std[j]
        return dx
