"""Shuffles with numpy's global np.random.permutation: config["seed"] never reaches it, so a
second run with the same seed draws other batches and ends elsewhere."""
import numpy as np
import torch
import torch.nn.functional as F

CAUGHT_BY = ["same_seed_same_history"]
MISTAKE = "Your train_epoch shuffles with numpy's global np.random.permutation, which the seed never reaches: use torch.randperm(n, generator=generator, device=x.device)."
PASSES = ["zero_grad_every_step", "validates_with_dropout_off", "learns_every_class_from_sorted_data"]


def train_epoch(model, optimizer, x, y, batch_size, generator=None, schedule=None, label_smoothing=0.0):
    order = torch.from_numpy(np.random.permutation(x.shape[0])).to(x.device)
    losses = []
    for batch in order.split(batch_size):
        optimizer.zero_grad()
        loss = F.cross_entropy(model(x[batch]), y[batch])
        loss.backward()
        optimizer.step()
        losses.append(loss.item() * len(batch))
    return sum(losses) / x.shape[0]
