"""Never shuffles: the split takes the first 80% as given, and the batches come in the order given.

With data sorted by label the validation part holds only the last digits, which the network
never sees, and each epoch ends on a run of batches of one class.
"""
import torch.nn.functional as F

CAUGHT_BY = ["split_is_shuffled_80_20", "learns_every_class_from_sorted_data", "mnist_quick_accuracy"]
MISTAKE = "Your split_train_valid and train_epoch never shuffle, so sorted data gives skewed splits and one-class batches: use torch.randperm for the split and a new order every epoch."
CAUGHT_ON_GPU = ["mnist_gpu_accuracy"]
PASSES = ["zero_grad_every_step", "returns_logits_not_probabilities"]


def split_train_valid(x, y, valid_fraction=0.2, generator=None):
    n_train = int(x.shape[0] * (1 - valid_fraction))
    return x[:n_train], y[:n_train], x[n_train:], y[n_train:]


def train_epoch(model, optimizer, x, y, batch_size, generator=None, schedule=None, label_smoothing=0.0):
    total = 0.0
    for start in range(0, x.shape[0], batch_size):
        xb, yb = x[start:start + batch_size], y[start:start + batch_size]
        loss = F.cross_entropy(model(xb), yb)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        total += loss.item() * len(xb)
    return total / x.shape[0]
