"""BatchNorm.forward takes the sample variance, np.var(x, axis=0, ddof=1) (dividing by N - 1), not the batch's."""
import numpy as np

CAUGHT_BY = ["train_output_is_standardised", "small_variance_forward", "gradient_check", "running_statistics",
             "eval_uses_running_statistics", "training_matches_reference", "evaluation_matches_reference",
             "small_variance_matches_reference"]


class BatchNorm(BatchNorm):  # noqa: F821 (the reference's, above the variant)
    def forward(self, x, train_flg=True):
        if self.running_mean is None:
            self.running_mean, self.running_var = np.zeros(x.shape[1]), np.zeros(x.shape[1])
        if not train_flg:
            return self.gamma * (x - self.running_mean) / np.sqrt(self.running_var + self.eps) + self.beta
        mu, var = np.mean(x, axis=0), np.var(x, axis=0, ddof=1)
        self.running_mean = self.momentum * self.running_mean + (1 - self.momentum) * mu
        self.running_var = self.momentum * self.running_var + (1 - self.momentum) * var
        self.std = np.sqrt(var + self.eps)
        self.xn = (x - mu) / self.std
        return self.gamma * self.xn + self.beta
