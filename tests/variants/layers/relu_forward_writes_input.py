"""Relu.forward sets out = x (the same array, no copy), so out[mask] = 0 zeroes the caller's x."""
CAUGHT_BY = ["relu_forward_keeps_input"]
PASSES = ["relu_forward_values", "relu_gradient_check", "relu_matches_reference"]


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
