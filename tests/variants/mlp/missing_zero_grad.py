"""Forgets optimizer.zero_grad(): every step uses the sum of all gradients so far."""
import torch
import torch.nn.functional as F

CAUGHT_BY = ["zero_grad_every_step", "mnist_quick_accuracy"]
MISTAKE = "Your train_epoch never calls optimizer.zero_grad(), so gradients add up across steps: call it before each loss.backward()."
CAUGHT_ON_GPU = ["mnist_gpu_accuracy"]
PASSES = ["returns_logits_not_probabilities", "validates_with_dropout_off", "early_stopping_waits_patience_epochs"]


def train_epoch(model, optimizer, x, y, batch_size, generator=None, schedule=None, label_smoothing=0.0):
    order = torch.randperm(x.shape[0], generator=generator, device=x.device)
    total = 0.0
    for start in range(0, x.shape[0], batch_size):
        idx = order[start:start + batch_size]
        loss = F.cross_entropy(model(x[idx]), y[idx])
        loss.backward()
        optimizer.step()
        total += loss.item() * len(idx)
    return total / x.shape[0]
