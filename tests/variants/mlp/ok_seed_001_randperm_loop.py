"""The course notes' MNIST practice (001, part 8), adapted to the kit's API without changing its math.

Listings, in the notes' order:
- the device: torch.device('cpu'), then 'cuda' if torch.cuda.is_available() (pick_device; a
  device given is used as is, as the API says);
- the scaling: x = data.float() / 255, then x.view(x.size(0), -1) (preprocess);
- the split: torch.randperm + torch.index_select, then x.split([train_cnt, valid_cnt])
  (split_train_valid; valid_cnt = N - train_cnt, the notes' int(N * 0.2) wherever their
  split runs at all, and the permutation draws from the generator given);
- the training loop: a torch.randperm + index_select shuffle every epoch, split(batch_size)
  batches, crit = nn.CrossEntropyLoss(), zero_grad / backward / step, the training loss as the
  mean of the batch losses; the validation in batches under torch.no_grad(); early stopping with
  `valid_loss <= lowest_loss` and `lowest_epoch + early_stop < i + 1`, and the notes'
  best_model = deepcopy(model.state_dict) (train);
- the accuracy: (y == torch.argmax(y_hat, dim=-1)).sum() / (number of images) (evaluate).

Adapted: the config's epochs, batch size, learning rate (Adam) and patience (early_stop; None
is the notes' 0, never) instead of the notes' globals; torch.manual_seed and a Generator
from config["seed"]; config["valid_data"] used when given; model.train() / model.eval() around
training and validation (the notes' network has no dropout, so there they change nothing);
`train_history += [train_loss]` for the notes' `+= train_loss` (a float added to a list is a
TypeError); the best weights loaded back, as train() must: model.load_state_dict(best_model()),
calling the copied method (it is bound to a deep copy of the model, so it gives that copy's
weights; seed_001_state_dict_method.py passes it uncalled); the notes' 10000 test images in
the accuracy is the number of images; .item() for a float; the outputs collected with
y_hat.append (their `y_hat += y_hat_i` is seed_001_prediction_rows.py).
"""
from copy import deepcopy

import numpy as np
import torch
import torch.nn as nn
import torch.optim as optim


def pick_device(device=None):
    if device is not None:
        return torch.device(device)
    device = torch.device('cpu')
    if torch.cuda.is_available():
        device = torch.device('cuda')
    return device


def preprocess(images):
    x = torch.as_tensor(images).float() / 255
    return x.view(x.size(0), -1)


def split_train_valid(x, y, valid_fraction=0.2, generator=None):
    ratio = [1 - valid_fraction, valid_fraction]
    train_cnt = int(x.size(0) * ratio[0])
    valid_cnt = x.size(0) - train_cnt
    cnts = [train_cnt, valid_cnt]

    indices = torch.randperm(x.size(0), generator=generator, device=x.device)
    x = torch.index_select(x, dim=0, index=indices)
    y = torch.index_select(y, dim=0, index=indices)

    x1 = list(x.split(cnts, dim=0))
    y1 = list(y.split(cnts, dim=0))
    return x1[0], y1[0], x1[1], y1[1]


def train(model, x_train, y_train, config=None):
    cfg = {**DEFAULT_CONFIG, **(config or {})}
    device = pick_device(cfg["device"])
    torch.manual_seed(cfg["seed"])
    generator = torch.Generator(device=device).manual_seed(cfg["seed"])

    x = preprocess(torch.as_tensor(x_train).to(device))
    y = torch.as_tensor(y_train).to(device).long()
    if cfg.get("valid_data") is not None:
        x2 = [x, preprocess(torch.as_tensor(cfg["valid_data"][0]).to(device))]
        y2 = [y, torch.as_tensor(cfg["valid_data"][1]).to(device).long()]
    else:
        x_tr, y_tr, x_va, y_va = split_train_valid(x, y, cfg["valid_fraction"], generator)
        x2, y2 = [x_tr, x_va], [y_tr, y_va]

    model = model.to(device)
    crit = nn.CrossEntropyLoss()
    optimizer = optim.Adam(model.parameters(), lr=cfg["lr"])
    epochs, batch_size, early_stop = cfg["epochs"], cfg["batch_size"], cfg["patience"] or 0

    train_history, valid_history = [], []
    lowest_loss, lowest_epoch, best_model = np.inf, -1, None
    for i in range(epochs):
        model.train()
        indices = torch.randperm(x2[0].size(0), generator=generator, device=device)
        x_ = torch.index_select(x2[0], dim=0, index=indices)
        y_ = torch.index_select(y2[0], dim=0, index=indices)

        x_ = x_.split(batch_size, dim=0)
        y_ = y_.split(batch_size, dim=0)

        train_loss, valid_loss = 0, 0
        for x_i, y_i in zip(x_, y_):
            y_hat_i = model(x_i)
            loss = crit(y_hat_i, y_i.squeeze())

            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            train_loss += float(loss)
        train_loss = train_loss / len(x_)

        model.eval()
        with torch.no_grad():
            x_ = x2[1].split(batch_size, dim=0)
            y_ = y2[1].split(batch_size, dim=0)
            valid_loss = 0

            for x_i, y_i in zip(x_, y_):
                y_hat_i = model(x_i)
                loss = crit(y_hat_i, y_i)
                valid_loss += float(loss)

            valid_loss = valid_loss / len(x_)

        train_history += [train_loss]
        valid_history += [valid_loss]

        if valid_loss <= lowest_loss:
            lowest_loss = valid_loss
            lowest_epoch = i
            best_model = deepcopy(model.state_dict)
        else:
            if early_stop > 0 and lowest_epoch + early_stop < i + 1:
                break

    model.load_state_dict(best_model())
    model.eval()
    return {"train_loss": train_history, "valid_loss": valid_history, "best_epoch": lowest_epoch}


def evaluate(model, images, labels):
    model.eval()
    device = next(model.parameters()).device
    x = preprocess(torch.as_tensor(images).to(device))
    y = torch.as_tensor(labels).to(device)
    y_hat = []
    with torch.no_grad():
        for x_i in x.split(256, dim=0):
            y_hat.append(model(x_i))
    y_hat = torch.cat(y_hat, dim=0)
    correct_cnt = (y.squeeze() == torch.argmax(y_hat, dim=-1)).sum()
    return (correct_cnt / len(y)).item()
