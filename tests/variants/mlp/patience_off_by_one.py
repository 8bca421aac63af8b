"""Stops only after `patience` + 1 epochs without improvement: `>` where `>=` belongs."""
import copy

import torch

CAUGHT_BY = ["early_stopping_waits_patience_epochs"]
PASSES = ["early_stopping_restores_best_weights", "history_has_losses_per_epoch", "zero_grad_every_step"]


def train(model, x_train, y_train, config=None):
    cfg = {**DEFAULT_CONFIG, **(config or {})}
    device = pick_device(cfg["device"])
    torch.manual_seed(cfg["seed"])
    generator = torch.Generator(device=device).manual_seed(cfg["seed"])
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
    best_state, waited = None, 0
    for epoch in range(cfg["epochs"]):
        model.train()
        history["train_loss"].append(train_epoch(model, optimizer, x_tr, y_tr, cfg["batch_size"], generator))
        history["valid_loss"].append(mean_loss(model, x_va, y_va))
        if history["valid_loss"][-1] <= min(history["valid_loss"]):
            history["best_epoch"], best_state, waited = epoch, copy.deepcopy(model.state_dict()), 0
        else:
            waited += 1
            if cfg["patience"] is not None and waited > cfg["patience"]:
                break
    model.load_state_dict(best_state)
    model.eval()
    return history
