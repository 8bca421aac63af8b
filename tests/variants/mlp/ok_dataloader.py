"""Correct but textbook: a TensorDataset and a DataLoader (shuffle=True) instead of slicing one tensor."""
import copy

import torch
import torch.nn.functional as F
from torch.utils.data import DataLoader, TensorDataset


def train(model, x_train, y_train, config=None):
    cfg = {**DEFAULT_CONFIG, **(config or {})}
    device = pick_device(cfg["device"])
    torch.manual_seed(cfg["seed"])
    model.to(device)
    x = torch.as_tensor(x_train).reshape(len(x_train), -1).float() / 255
    y = torch.as_tensor(y_train).long()
    if cfg.get("valid_data") is not None:
        x_tr, y_tr = x, y
        x_va = torch.as_tensor(cfg["valid_data"][0]).reshape(len(cfg["valid_data"][0]), -1).float() / 255
        y_va = torch.as_tensor(cfg["valid_data"][1]).long()
    else:
        order = torch.randperm(len(x))
        n_train = int(len(x) * (1 - cfg["valid_fraction"]))
        x_tr, y_tr = x[order[:n_train]], y[order[:n_train]]
        x_va, y_va = x[order[n_train:]], y[order[n_train:]]
    loader = DataLoader(TensorDataset(x_tr, y_tr), batch_size=cfg["batch_size"], shuffle=True)
    optimizer = torch.optim.Adam(model.parameters(), lr=cfg["lr"])
    history = {"train_loss": [], "valid_loss": [], "best_epoch": -1}
    best_loss, best_state, waited = float("inf"), None, 0
    for epoch in range(cfg["epochs"]):
        model.train()
        total = 0.0
        for xb, yb in loader:
            xb, yb = xb.to(device), yb.to(device)
            optimizer.zero_grad()
            loss = F.cross_entropy(model(xb), yb)
            loss.backward()
            optimizer.step()
            total += loss.item() * len(xb)
        history["train_loss"].append(total / len(x_tr))
        model.eval()
        with torch.no_grad():
            valid_loss = F.cross_entropy(model(x_va.to(device)), y_va.to(device)).item()
        history["valid_loss"].append(valid_loss)
        if valid_loss < best_loss:
            best_loss, history["best_epoch"], waited = valid_loss, epoch, 0
            best_state = copy.deepcopy(model.state_dict())
        else:
            waited += 1
            if cfg["patience"] is not None and waited >= cfg["patience"]:
                break
    model.load_state_dict(best_state)
    model.eval()
    return history
