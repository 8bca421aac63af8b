"""BatchNorm.forward divides by np.sqrt(var) + eps instead of np.sqrt(var + eps).

The two differ by about eps / sqrt(var) relative, below float32 rounding unless a column's
variance is near eps: only the checks with such columns can see it."""
import numpy as np

CAUGHT_BY = ["small_variance_forward", "small_variance_matches_reference"]
PASSES = ["train_output_is_standardised", "gradient_check", "training_matches_reference"]


class BatchNorm(BatchNorm):  # noqa: F821 (the reference's, above the variant)
    def forward(self, x, train_flg=True):
        if self.running_mean is None:
            self.running_mean, self.running_var = np.zeros(x.shape[1]), np.zeros(x.shape[1])
        if not train_flg:
            return self.gamma * (x - self.running_mean) / (np.sqrt(self.running_var) + self.eps) + self.beta
        mu, var = x.mean(axis=0), x.var(axis=0)
        self.running_mean = self.momentum * self.running_mean + (1 - self.momentum) * mu
        self.running_var = self.momentum * self.running_var + (1 - self.momentum) * var
        self.std = np.sqrt(var) + self.eps
        self.xn = (x - mu) / self.std
        return self.gamma * self.xn + self.beta
