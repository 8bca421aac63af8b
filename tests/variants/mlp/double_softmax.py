"""build_mlp ends in nn.Softmax, as the seed's network does: nn.CrossEntropyLoss then applies softmax twice."""
import torch.nn as nn

CAUGHT_BY = ["returns_logits_not_probabilities"]
PASSES = ["zero_grad_every_step", "validates_with_dropout_off", "predict_uses_eval_mode"]


def build_mlp(input_size, hidden_sizes, output_size, activation="relu", dropout=0.0):
    layers = []
    sizes = [input_size, *hidden_sizes]
    for n_in, n_out in zip(sizes[:-1], sizes[1:]):
        layers += [nn.Linear(n_in, n_out), ACTIVATIONS[activation]()]
        if dropout > 0:
            layers.append(nn.Dropout(dropout))
    layers += [nn.Linear(sizes[-1], output_size), nn.Softmax(dim=-1)]
    return nn.Sequential(*layers)
