"""`torch.cuda.is_available` without the call: a function is always truthy, so pick_device() is always CUDA.

On a machine without a GPU the default device is then one that does not exist.
"""
import torch

CAUGHT_BY = ["picks_cuda_when_available"]
MISTAKE = "Your pick_device tests torch.cuda.is_available without calling it, and a function is always truthy, so it always picks CUDA: call torch.cuda.is_available()."
PASSES = ["zero_grad_every_step", "returns_logits_not_probabilities", "early_stopping_restores_best_weights"]


def pick_device(device=None):
    if device is not None:
        return torch.device(device)
    return torch.device("cuda" if torch.cuda.is_available else "cpu")
