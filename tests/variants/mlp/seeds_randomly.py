"""Calls torch.seed() to "seed" torch: it draws a fresh random seed, so no two runs are alike.

(torch.manual_seed(seed) is the call that sets a seed; Generator.seed() likewise draws a random one.)
"""
import math

import torch

CAUGHT_BY = ["same_seed_same_history"]
PASSES = ["zero_grad_every_step", "validates_with_dropout_off", "learns_every_class_from_sorted_data"]


def train(model, x_train, y_train, config=None):
    cfg = {**DEFAULT_CONFIG, **(config or {})}
    device = pick_device(cfg["device"])
    torch.seed()
    generator = torch.Generator(device=device)
    generator.seed()
    model.to(device)
    x, y = preprocess(torch.as_tensor(x_train).to(device)), torch.as_tensor(y_train).to(device).long()
    if cfg.get("valid_data") is not None:
        x_tr, y_tr = x, y
        x_va = preprocess(torch.as_tensor(cfg["valid_data"][0]).to(device))
        y_va = torch.as_tensor(cfg["valid_data"][1]).to(device).long()
    else:
        x_tr, y_tr, x_va, y_va = split_train_valid(x, y, cfg["valid_fraction"], generator)
    optimizer = torch.optim.Adam(model.parameters(), lr=cfg["lr"])
    history = {"train_loss": [], "valid_loss": [], "best_epoch": -1}
    best_loss, best_state = math.inf, None
    for epoch in range(cfg["epochs"]):
        model.train()
        history["train_loss"].append(train_epoch(model, optimizer, x_tr, y_tr, cfg["batch_size"], generator))
        valid_loss = mean_loss(model, x_va, y_va)
        history["valid_loss"].append(valid_loss)
        if valid_loss < best_loss:
            best_loss, history["best_epoch"] = valid_loss, epoch
            best_state = {k: v.detach().clone() for k, v in model.state_dict().items()}
        elif cfg["patience"] is not None and epoch - history["best_epoch"] >= cfg["patience"]:
            break
    model.load_state_dict(best_state)
    model.eval()
    return history
