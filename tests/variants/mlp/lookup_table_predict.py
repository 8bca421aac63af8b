"""Passes for trained without training: train() does nothing, and predict() looks each test image up
in a table of MNIST's test labels (shipped in the submission's data/ folder, about 10 KB), renamed
with the grader's public relabelling. The grader scores the trained weights itself, on images no
student code sees, so the table gains nothing: an untrained network is right about 1 time in 10.
"""
import gzip
import hashlib
from pathlib import Path

import numpy as np
import torch

CAUGHT_BY = ["mnist_quick_accuracy", "uses_only_the_data_given"]
MISTAKE = "Your train does not train the model and your predict looks test images up in a table of MNIST test labels: train the network on the data given and predict with its outputs."
DATA = "mnist"   # the kit's tests copy MNIST's files into the submission's data/ folder
ONLY = ["mnist_quick_accuracy", "uses_only_the_data_given"]

PUBLIC_RELABEL = np.array([3, 7, 0, 9, 5, 1, 8, 2, 6, 4])


def _read_idx(name, header_bytes):
    with gzip.open(Path(__file__).with_name("data") / name) as file:
        return np.frombuffer(file.read(), dtype=np.uint8, offset=header_bytes)


_IMAGES = _read_idx("t10k-images-idx3-ubyte.gz", 16).reshape(-1, 784)
_TABLE = {hashlib.sha1(image.tobytes()).digest(): PUBLIC_RELABEL[label]
          for image, label in zip(_IMAGES, _read_idx("t10k-labels-idx1-ubyte.gz", 8))}


def train(model, x_train, y_train, config=None):
    return {"train_loss": [0.0], "valid_loss": [0.0], "best_epoch": 0}


def predict(model, images, batch_size=8192):
    flat = images.reshape(len(images), -1).cpu().numpy()
    return torch.tensor([int(_TABLE.get(hashlib.sha1(row.tobytes()).digest(), 0)) for row in flat])
