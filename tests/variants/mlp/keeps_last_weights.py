"""Early stopping "keeps" model.state_dict() without copying it: the live tensors, so the last weights.

best_state follows every later step of the optimizer, and load_state_dict(best_state) at the end
loads the last epoch's weights back into the model.
"""
import math

import torch

CAUGHT_BY = ["early_stopping_restores_best_weights"]
MISTAKE = "Your train keeps model.state_dict() without copying it, so best_state follows every later step and the last weights are restored: keep {k: v.detach().clone() for k, v in ...items()}."
PASSES = ["early_stopping_waits_patience_epochs", "history_has_losses_per_epoch", "zero_grad_every_step"]


def train(model, x_train, y_train, config=None):
    cfg = {**DEFAULT_CONFIG, **(config or {})}
    device = pick_device(cfg["device"])
    torch.manual_seed(cfg["seed"])
    generator = torch.Generator(device=device)
    generator.manual_seed(cfg["seed"])
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
            best_state = model.state_dict()  # the live tensors, not a copy
        elif cfg["patience"] is not None and epoch - history["best_epoch"] >= cfg["patience"]:
            break
    model.load_state_dict(best_state)
    model.eval()
    return history
