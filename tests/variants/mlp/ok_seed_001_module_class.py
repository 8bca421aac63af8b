"""The course notes' Architecture1(nn.Module) (001, part 9, "reducing the model's complexity"):
fc1, relu, fc2 (and the three-layer fc1, relu, fc2, relu, fc3), one activation module reused
between the Linear layers, instead of nn.Sequential.

Adapted to build_mlp's arguments without changing its math: one fcN per consecutive pair of
[input_size, *hidden_sizes, output_size] (the notes' classes are the cases [hidden_size] and
[hidden_size, hidden_size]), the activation asked for in the notes' `relu` slot (their nn.ReLU
is activation="relu"), and an nn.Dropout after each hidden activation when dropout > 0 (their
class has none; their page on dropout comes after it).
"""
import torch.nn as nn


class Architecture1(nn.Module):
    def __init__(self, input_size, hidden_sizes, num_classes, activation="relu", dropout=0.0):
        super(Architecture1, self).__init__()
        sizes = [input_size, *hidden_sizes, num_classes]
        self.n_layers = len(sizes) - 1
        for i in range(self.n_layers):
            setattr(self, f"fc{i + 1}", nn.Linear(sizes[i], sizes[i + 1]))
        self.relu = ACTIVATIONS[activation]()
        self.dropout = nn.Dropout(dropout) if dropout > 0 else None

    def forward(self, x):
        out = x
        for i in range(1, self.n_layers):
            out = getattr(self, f"fc{i}")(out)
            out = self.relu(out)
            if self.dropout is not None:
                out = self.dropout(out)
        return getattr(self, f"fc{self.n_layers}")(out)


def build_mlp(input_size, hidden_sizes, output_size, activation="relu", dropout=0.0):
    return Architecture1(input_size, hidden_sizes, output_size, activation, dropout)
