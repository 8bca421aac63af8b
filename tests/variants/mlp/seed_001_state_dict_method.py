"""The course notes' early stopping (001, part 8) keeps best_model = deepcopy(model.state_dict): no ().

That deep-copies the bound method, and with it the whole model, not the weights dict; the
notes never load it back. Adapted to train()'s contract, which restores the best weights:
model.load_state_dict(best_model) then raises "TypeError: Expected state_dict to be dict-like,
got <class 'method'>" at the end of every training run. (Calling it, best_model(), would give
the weights of the copy: see ok_seed_001_randperm_loop.py.)
"""
import math
from copy import deepcopy

import torch

CAUGHT_BY = ["early_stopping_restores_best_weights", "zero_grad_every_step", "mnist_quick_accuracy"]
PASSES = ["preprocess_scales_to_unit_range", "predict_uses_eval_mode", "evaluate_is_accuracy"]


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
    lowest_loss, best_model = math.inf, None
    for epoch in range(cfg["epochs"]):
        model.train()
        history["train_loss"].append(train_epoch(model, optimizer, x_tr, y_tr, cfg["batch_size"], generator))
        valid_loss = mean_loss(model, x_va, y_va)
        history["valid_loss"].append(valid_loss)
        if valid_loss < lowest_loss:
            lowest_loss, history["best_epoch"] = valid_loss, epoch
            best_model = deepcopy(model.state_dict)
        elif cfg["patience"] is not None and epoch - history["best_epoch"] >= cfg["patience"]:
            break
    model.load_state_dict(best_model)
    model.eval()
    return history
