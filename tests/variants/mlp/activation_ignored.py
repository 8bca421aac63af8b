"""build_mlp hard-codes the seed's nn.ReLU and forgets the dropout: the `activation` and `dropout` arguments do nothing."""
import torch.nn as nn

CAUGHT_BY = ["builds_the_layers_asked_for"]
MISTAKE = "Your build_mlp always uses nn.ReLU and never adds nn.Dropout, ignoring activation and dropout: use ACTIVATIONS[activation]() and add nn.Dropout(dropout) when dropout > 0."
PASSES = ["returns_logits_not_probabilities", "zero_grad_every_step", "early_stopping_restores_best_weights"]


def build_mlp(input_size, hidden_sizes, output_size, activation="relu", dropout=0.0):
    layers, width = [], input_size
    for size in hidden_sizes:
        layers += [nn.Linear(width, size), nn.ReLU()]
        width = size
    return nn.Sequential(*layers, nn.Linear(width, output_size))
