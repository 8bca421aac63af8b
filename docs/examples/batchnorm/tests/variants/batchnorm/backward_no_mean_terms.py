"""BatchNorm.backward returns gamma * dout / std, as if mu and var did not depend on x."""
import numpy as np

CAUGHT_BY = ["gradient_check", "training_matches_reference", "small_variance_matches_reference"]
PASSES = ["train_output_is_standardised", "running_statistics"]


class BatchNorm(BatchNorm):  # noqa: F821 (the reference's, above the variant)
    def backward(self, dout):
        self.dbeta = np.sum(dout, axis=0)
        self.dgamma = np.sum(self.xn * dout, axis=0)
        return self.gamma * dout / self.std
