"""Stops only after `patience` + 1 epochs without improvement: `waited > patience` where `>=` belongs.

Modelled on the reference loop with the patience it compares against one larger, which is the
same behaviour.
"""
CAUGHT_BY = ["early_stopping_waits_patience_epochs"]
MISTAKE = "Your early stopping waits patience + 1 epochs without improvement: stop once patience epochs in a row have not lowered the validation loss (>= patience, not > patience)."
PASSES = ["early_stopping_restores_best_weights", "history_has_losses_per_epoch", "zero_grad_every_step"]

_train_with_patience = train


def train(model, x_train, y_train, config=None):
    cfg = {**DEFAULT_CONFIG, **(config or {})}
    if cfg["patience"] is not None:
        cfg["patience"] += 1
    return _train_with_patience(model, x_train, y_train, cfg)
