"""BatchNorm.forward never updates running_mean and running_var: evaluation normalises with zeros."""
import numpy as np

CAUGHT_BY = ["running_statistics", "eval_uses_running_statistics", "training_matches_reference",
             "evaluation_matches_reference"]
PASSES = ["train_output_is_standardised", "gradient_check"]


class BatchNorm(BatchNorm):  # noqa: F821 (the reference's, above the variant)
    def forward(self, x, train_flg=True):
        if self.running_mean is None:
            self.running_mean, self.running_var = np.zeros(x.shape[1]), np.zeros(x.shape[1])
        if not train_flg:
            return self.gamma * (x - self.running_mean) / np.sqrt(self.running_var + self.eps) + self.beta
        mu, var = x.mean(axis=0), x.var(axis=0)
        self.std = np.sqrt(var + self.eps)
        self.xn = (x - mu) / self.std
        return self.gamma * self.xn + self.beta
