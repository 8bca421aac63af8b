"""BatchNorm.forward ignores train_flg: evaluation normalises with the batch's own mean and variance."""
import numpy as np

CAUGHT_BY = ["eval_uses_running_statistics", "evaluation_matches_reference"]
PASSES = ["train_output_is_standardised", "running_statistics", "gradient_check", "training_matches_reference"]


class BatchNorm(BatchNorm):  # noqa: F821 (the reference's, above the variant)
    def forward(self, x, train_flg=True):
        if self.running_mean is None:
            self.running_mean, self.running_var = np.zeros(x.shape[1]), np.zeros(x.shape[1])
        mu, var = x.mean(axis=0), x.var(axis=0)
        if train_flg:
            self.running_mean = self.momentum * self.running_mean + (1 - self.momentum) * mu
            self.running_var = self.momentum * self.running_var + (1 - self.momentum) * var
        self.std = np.sqrt(var + self.eps)
        self.xn = (x - mu) / self.std
        return self.gamma * self.xn + self.beta
