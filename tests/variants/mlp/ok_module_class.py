"""Correct: build_mlp as an nn.Module subclass with an nn.ModuleList, instead of nn.Sequential."""
import torch.nn as nn


class MLP(nn.Module):
    def __init__(self, sizes, activation, dropout):
        super().__init__()
        self.hidden = nn.ModuleList(nn.Linear(a, b) for a, b in zip(sizes[:-2], sizes[1:-1]))
        self.act = ACTIVATIONS[activation]()
        self.drop = nn.ModuleList(nn.Dropout(dropout) for _ in self.hidden) if dropout > 0 else None
        self.out = nn.Linear(sizes[-2], sizes[-1])

    def forward(self, x):
        for i, layer in enumerate(self.hidden):
            x = self.act(layer(x))
            if self.drop is not None:
                x = self.drop[i](x)
        return self.out(x)


def build_mlp(input_size, hidden_sizes, output_size, activation="relu", dropout=0.0):
    return MLP([input_size, *hidden_sizes, output_size], activation, dropout)
