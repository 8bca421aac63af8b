"""The course notes' network (001, part 8): nn.Sequential of Linear and LeakyReLU layers ending in
nn.Softmax(dim=-1), trained with nn.CrossEntropyLoss, which applies softmax itself: softmax twice.

Adapted to build_mlp's arguments: the layer sizes, activation (the notes' LeakyReLU is
activation="leaky_relu") and dropout asked for, then the notes' final nn.Softmax(dim=-1).
The doubled softmax squeezes the loss into a narrow band, so its gradients shrink and training
slows to a crawl (93.9% on the quick MNIST check, below its threshold).
"""
import torch.nn as nn

CAUGHT_BY = ["returns_logits_not_probabilities"]
MISTAKE = "Your build_mlp ends in nn.Softmax although cross-entropy applies softmax itself, so training stalls: end with the last nn.Linear and return logits."
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
