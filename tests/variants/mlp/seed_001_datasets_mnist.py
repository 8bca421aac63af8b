"""The course notes' loader (001, part 8): datasets.MNIST(root='MNIST_data', train=True, download=True),
and training on what it loads instead of on the images and labels train() was given.

Adapted without torchvision and without a network (neither is there when grading): train()
reads the same MNIST files, shipped in the submission's data/ folder, and trains on them.
Wrong because train() must learn the data it is handed: the grader renames MNIST's classes
(every 0 labelled 3, ...) and keeps the test set, so this network predicts the real digits,
not the labels it was given.
"""
import gzip
from pathlib import Path

import numpy as np
import torch

CAUGHT_BY = ["uses_only_the_data_given", "mnist_quick_accuracy"]
MISTAKE = "Your train loads MNIST's own training files instead of learning from the x_train and y_train it is given: train only on the images and labels passed to train."
DATA = "mnist"   # the kit's tests copy MNIST's files into the submission's data/ folder
ONLY = ["uses_only_the_data_given", "mnist_quick_accuracy"]

_train_on = train


def _read_idx(name, header_bytes):
    with gzip.open(Path(__file__).with_name("data") / name) as file:
        return np.frombuffer(file.read(), dtype=np.uint8, offset=header_bytes)


def train(model, x_train, y_train, config=None):
    images = torch.from_numpy(_read_idx("train-images-idx3-ubyte.gz", 16).reshape(-1, 28, 28).copy())
    labels = torch.from_numpy(_read_idx("train-labels-idx1-ubyte.gz", 8).astype(np.int64))
    return _train_on(model, images, labels, config)
