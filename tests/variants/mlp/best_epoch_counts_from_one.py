"""Numbers the epochs from 1 in the history, so history["best_epoch"] points one epoch too late."""
CAUGHT_BY = ["history_has_losses_per_epoch"]
MISTAKE = "Your train counts epochs from 1 in history['best_epoch'], one too late: report the 0-based index of the epoch whose weights the model holds."
PASSES = ["early_stopping_restores_best_weights", "early_stopping_waits_patience_epochs"]

_train_counting_from_zero = train


def train(model, x_train, y_train, config=None):
    history = _train_counting_from_zero(model, x_train, y_train, config)
    history["best_epoch"] += 1  # "epoch 1 is the first epoch"
    return history
