"""The course notes' early stopping (001, part 8) keeps best_model = deepcopy(model.state_dict): no ().

That deep-copies the bound method, and with it the whole model, not the weights dict; the
notes never load it back. Adapted to train()'s contract, which restores the best weights:
model.load_state_dict(best_model) then raises "TypeError: Expected state_dict to be dict-like,
got <class 'method'>" at the end of every training run. (Calling it, best_model(), would give
the weights of the copy: see ok_seed_001_randperm_loop.py.)

Modelled on the reference loop followed by that load, which is the same behaviour: the run
trains as the reference does and then raises.
"""
from copy import deepcopy

CAUGHT_BY = ["early_stopping_restores_best_weights", "zero_grad_every_step", "mnist_quick_accuracy"]
MISTAKE = "Your train keeps deepcopy(model.state_dict) without (), a copy of the method, not the weights, so load_state_dict raises a TypeError: copy model.state_dict() instead."
PASSES = ["preprocess_scales_to_unit_range", "predict_uses_eval_mode", "evaluate_is_accuracy"]

_reference_train = train


def train(model, x_train, y_train, config=None):
    history = _reference_train(model, x_train, y_train, config)
    best_model = deepcopy(model.state_dict)
    model.load_state_dict(best_model)
    return history
