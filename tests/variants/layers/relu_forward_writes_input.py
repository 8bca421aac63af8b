"""Relu.forward sets out = x (the same array, no copy), so out[mask] = 0 zeroes the caller's x.

The docstring says forward does not change x, so every call of it fails."""
CAUGHT_BY = ["relu_forward_values", "relu_gradient_check", "relu_matches_reference"]
MISTAKE = "Your Relu.forward sets out = x and then out[mask] = 0, which zeroes the caller's x: work on a copy, out = x.copy(), or use np.maximum(x, 0)."
PASSES = ["affine_gradient_check", "sigmoid_gradient_check", "softmax_loss_gradient_check"]


class Relu:
    def __init__(self):
        self.mask = None

    def forward(self, x):
        self.mask = x <= 0
        out = x
        out[self.mask] = 0
        return out

    def backward(self, dout):
        dx = dout.copy()
        dx[self.mask] = 0
        return dx
