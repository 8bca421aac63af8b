"""BatchNorm.backward sets dgamma = dout.sum(axis=0), leaving out the normalised xn it multiplies."""
import numpy as np

CAUGHT_BY = ["gradient_check", "training_matches_reference", "small_variance_matches_reference"]
PASSES = ["train_output_is_standardised", "running_statistics"]


class BatchNorm(BatchNorm):  # noqa: F821 (the reference's, above the variant)
    def backward(self, dout):
        self.dbeta = np.sum(dout, axis=0)
        self.dgamma = np.sum(dout, axis=0)
        dxn = self.gamma * dout
        return (dxn - dxn.mean(axis=0) - self.xn * np.mean(dxn * self.xn, axis=0)) / self.std
