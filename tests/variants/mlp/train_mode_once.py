"""Calls model.train() once, before the epoch loop: the first validation switches to evaluation
mode and nothing switches back, so every later epoch trains with dropout off."""
import math

import torch

CAUGHT_BY = ["trains_with_dropout_on"]
MISTAKE = "Your train calls model.train() only once before the epoch loop, so after the first validation every epoch trains with dropout off: call model.train() at the start of each epoch."
PASSES = ["validates_with_dropout_off", "zero_grad_every_step", "early_stopping_restores_best_weights"]


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
    best_loss, best_state = math.inf, None
    model.train()
    for epoch in range(cfg["epochs"]):
        history["train_loss"].append(train_epoch(model, optimizer, x_tr, y_tr, cfg["batch_size"], generator))
        valid_loss = mean_loss(model, x_va, y_va)  # leaves the model in evaluation mode
        history["valid_loss"].append(valid_loss)
        if valid_loss < best_loss:
            best_loss, history["best_epoch"] = valid_loss, epoch
            best_state = {k: v.clone() for k, v in model.state_dict().items()}
        elif cfg["patience"] is not None and epoch - history["best_epoch"] >= cfg["patience"]:
            break
    model.load_state_dict(best_state)
    return history
