"""Public self-checks for mlp: the network, the trainer's habits, evaluation, and a quick MNIST run.

Most checks need no MNIST and no long training: each is a small experiment on random or
toy data whose outcome only a correct trainer produces (see graders/testing/mlp_grading.py).
The last two share one short MNIST run. Every check also asks for something only working
code gives (trained weights, the losses of the network it trained, different inputs for
different images), so code that computes nothing passes none of them.
"""
import weakref
from dataclasses import dataclass

import numpy as np
import pytest

from graders.engine.remote import type_name
from graders.testing import mlp_grading as g
from graders.testing.expect import Tolerance, expect_close, expect_equal, expect_shape, expect_true, tolerance
from graders.testing.mlp_grading import (  # noqa: F401  (the fixture: settings from the points file graded with)
    mlp_settings,
)

g.skip_without_torch()

SOFTMAX_HINT = ("End build_mlp with a Linear layer. nn.CrossEntropyLoss applies log-softmax itself; a network "
                "ending in nn.Softmax (as in the course notes) applies it twice, and its gradients vanish.")
SHUFFLE_HINT = ("Draw a new order every epoch (torch.randperm(n, generator=...)) and slice the batches from "
                "it; shuffle before the train/valid split too.")
EVAL_HINT = "model.eval() before any evaluation (validation loss, predict, evaluate); model.train() before training."
BEST_HINT = ("model.state_dict() returns the live tensors: keep {k: v.detach().clone() for k, v in "
             "model.state_dict().items()} (or copy.deepcopy(model.state_dict())) and load_state_dict it back "
             "after the loop.")


# -- the network --------------------------------------------------------------------------

def test_picks_cuda_when_available(student):
    """pick_device() is CUDA when there is a GPU, else the CPU (a device given is used), and train() uses it.

    With config['device'] None, train() trains the model it is handed on the device picked.
    """
    has_cuda = g.worker_reaches_cuda(student)
    for given, expected in ((None, "cuda" if has_cuda else "cpu"), ("cpu", "cpu")):
        device = student.pick_device(given)
        expect_true(not isinstance(device, (str, type(None))), f"pick_device({given!r}) should return a "
                    "torch.device", got=repr(device), hint="return torch.device('cuda') or torch.device('cpu')")
        expect_equal(device.type, expected, f"pick_device({given!r}).type")
    x, y = g.prototypes(per_class=5, seed=9)
    config = {"epochs": 1, "batch_size": 10, "lr": 0.01, "patience": None, "valid_fraction": 0.2, "seed": 0,
              "device": None}
    with g.one_thread(student):
        g.seed_worker(student, 0)
        model = g.build(student, 784, [16], 10)
        before = g.weights(model)
        g.train(student, model, x, y, config)
        g.expect_trained(before, g.weights(model), "train(model, x, y, config) with config['device'] None")


@pytest.mark.hint("Linear(sizes[i], sizes[i+1]) for consecutive sizes [input_size, *hidden_sizes], the "
                  "activation (and nn.Dropout(dropout) when dropout > 0) after each hidden Linear, then "
                  "Linear(hidden_sizes[-1], output_size).")
def test_builds_the_layers_asked_for(student):
    """build_mlp(784, [32, 16], 10, 'tanh', 0.3) has the right Linear, Tanh and Dropout(0.3) layers.

    The network it builds maps preprocessed images to 10 outputs each.
    """
    model = g.build(student, 784, [32, 16], 10, "tanh", 0.3)
    state = model.state_dict()
    expect_true(isinstance(state, dict), "model.state_dict() should be a dict of tensors", got=repr(state)[:200])
    shapes = [tuple(np.shape(v)) for v in state.values()]
    expect_equal([s for s in shapes if len(s) == 2], [(32, 784), (16, 32), (10, 16)],
                 "the weight shapes of build_mlp(784, [32, 16], 10)")
    expect_equal([s for s in shapes if len(s) == 1], [(32,), (16,), (10,)], "the bias shapes")
    modules = g.submodules(model)
    kinds = sorted({type_name(m) for m in modules})
    expect_true("Tanh" in kinds and "ReLU" not in kinds, "build_mlp(..., activation='tanh') should use "
                "nn.Tanh (and no nn.ReLU)", got=f"layer types {kinds}")
    dropouts = [m for m in modules if type_name(m) == "Dropout"]
    expect_true(bool(dropouts), "build_mlp(..., dropout=0.3) has no nn.Dropout layer", got=f"layer types {kinds}")
    expect_close(float(dropouts[0].p), 0.3, "the drop probability of the nn.Dropout layers")
    g.logits(model, g.noise_images(16, 3), student)  # (16, 10), from 16 different inputs
    single = g.build(student, 784, [], 10).state_dict()
    expect_equal([tuple(np.shape(v)) for v in single.values()], [(10, 784), (10,)],
                 "the parameter shapes of build_mlp(784, [], 10) (no hidden layer)")


@pytest.mark.hint(SOFTMAX_HINT)
def test_returns_logits_not_probabilities(student):
    """The network outputs logits (raw scores), not softmax probabilities."""
    model = g.build(student, 784, [32], 10)
    out = g.logits(model, g.noise_images(64, 1), student)
    sums_tol = tolerance(steps=g.N_CLASSES)  # a float32 softmax row sums to 1 within the rounding of 10 terms
    probabilities = np.all(out >= 0) and all(g.close(total, 1.0, sums_tol) for total in out.sum(axis=1))
    expect_true(not probabilities, "every output row is non-negative and sums to 1: the network ends in a "
                "softmax (as the course notes' network does), and nn.CrossEntropyLoss applies softmax a second "
                "time", got=out[:2])


@pytest.mark.hint("torch.as_tensor(images).reshape(len(images), -1).float() / 255")
def test_preprocess_scales_to_unit_range(student):
    """preprocess turns uint8 images (N, 28, 28) into float32 (N, 784) = pixels / 255."""
    images = g.noise_images(16, 2)
    images[0, 0, 0], images[0, 0, 1] = 0, 255
    got = student.preprocess(g.tensor(images))
    arr = expect_shape(got, (16, 784), "preprocess(images) for images of shape (16, 28, 28)")
    expect_equal(str(arr.dtype), "float32", "the dtype of preprocess(images)")
    expect_close(arr, images.reshape(16, -1) / 255.0, "preprocess(images)")  # one float32 division


@pytest.mark.hint(SHUFFLE_HINT)
def test_split_is_shuffled_80_20(student):
    """split_train_valid keeps every (x, y) pair, puts 80% in training and 20% in validation, in random order."""
    n = 100
    ids = np.arange(n)
    labels = ids * 10 // n  # sorted: the last 20 samples are all 8s and 9s
    parts = student.split_train_valid(g.tensor(np.stack([ids, ids], axis=1)), g.tensor(labels), 0.2)
    expect_true(isinstance(parts, (tuple, list)) and len(parts) == 4,
                "split_train_valid should return (x_train, y_train, x_valid, y_valid)", got=repr(parts)[:200])
    x_tr = expect_shape(parts[0], (80, 2), "x_train from 100 samples")
    x_va = expect_shape(parts[2], (20, 2), "x_valid from 100 samples")
    y_tr, y_va = expect_shape(parts[1], (80,), "y_train"), expect_shape(parts[3], (20,), "y_valid")
    expect_equal(np.sort(np.concatenate([x_tr[:, 0], x_va[:, 0]])), ids, "the samples in x_train and x_valid "
                 "together (each once)")
    expect_equal(np.concatenate([y_tr, y_va]), labels[np.concatenate([x_tr[:, 0], x_va[:, 0]])].astype(y_tr.dtype),
                 "the labels that go with the samples (x and y must be indexed with the same permutation)")
    expect_true(len(set(y_va.tolist())) > 2, "the validation part of data sorted by label holds only the "
                "last classes: the samples were not shuffled before the split", got=y_va)


# -- the trainer's habits ------------------------------------------------------------------

LR0 = {"epochs": 3, "batch_size": 10, "lr": 0.0, "patience": 5, "valid_fraction": 0.2, "seed": 0, "device": "cpu"}
N_TRAIN, N_VALID = 40, 10  # LR0's split of the 50 identical samples below


@pytest.mark.hint("Call optimizer.zero_grad() in every step, before loss.backward(): PyTorch adds new "
                  "gradients to the ones already in .grad.")
def test_zero_grad_every_step(student):
    """Gradients are reset in every step, not summed over the steps of an epoch."""
    x, y = g.identical_samples(50, label=3, seed=3)  # learning rate 0: every batch has the same gradient
    norms, losses = [], []
    with g.one_thread(student):
        torch_w = g.worker_torch(student)
        g.seed_worker(student, 0)
        one_step = g.build(student, 784, [16], 10)
        four_steps = g.build(student, 784, [16], 10)
        four_steps.load_state_dict({k: g.tensor(v) for k, v in g.weights(one_step).items()})
        for model, batch_size in ((one_step, 1000), (four_steps, 10)):  # 40 training samples: 1 step, then 4
            history = g.train(student, model, x, y, {**LR0, "epochs": 1, "batch_size": batch_size})
            norms.append(float(torch_w.nn.utils.clip_grad_norm_(model.parameters(), float("inf"))))
            losses.append(g.history_lists(history)[0])
        scores = g.logits(one_step, x[:1], student)
    loss = g.cross_entropy(scores, y[:1])
    tol = g.loss_tolerance(scores, loss, N_TRAIN)
    for batch_size, train_loss in zip((1000, 10), losses):
        expect_true(all(g.close(v, loss, tol) for v in train_loss), f"with learning rate 0 the network never "
                    f"changes, so the training loss (batch size {batch_size}) is the loss of the one sample all "
                    "batches hold", expected=f"[{loss:.6f}]", got=train_loss,
                    hint="history['train_loss'] holds each epoch's mean cross-entropy of the training batches")
    ratio = norms[1] / norms[0] if norms[0] > 0 else (0.0 if norms[1] == 0 else np.inf)
    expect_true(ratio < 1.5, f"after an epoch of 4 steps on identical batches (learning rate 0) the gradients "
                f"are {ratio:.2f} times those of one step: they were summed over the steps, never reset",
                expected="the gradient of the last step only (ratio 1), or none", got=f"ratio {ratio:.2f}")


@dataclass
class DropoutRun:
    """train() with learning rate 0 on identical samples, dropout 0.5: the network never changes."""

    train_loss: list
    valid_loss: list
    eval_loss: float          # the loss of the one sample with dropout off, computed here
    tolerance: Tolerance      # how close a student's float32 mean of that loss must be
    dropout_mean: float       # the mean and spread of the one sample's loss with dropout on, drawn here
    dropout_sd: float
    draws: int


_DROPOUT_RUNS: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def _dropout_run(student) -> DropoutRun:
    return g.once(_DROPOUT_RUNS, student, _make_dropout_run)


def _make_dropout_run(student) -> DropoutRun:
    x, y = g.identical_samples(50, label=7, seed=8)
    with g.one_thread(student):
        g.seed_worker(student, 0)
        model = g.build(student, 784, [64], 10, "relu", 0.5)
        kinds = {type_name(m) for m in g.submodules(model)}
        expect_true("Dropout" in kinds, "build_mlp(784, [64], 10, 'relu', 0.5) has no nn.Dropout layer",
                    got=sorted(kinds))
        train_loss, valid_loss, _ = g.history_lists(g.train(student, model, x, y, LR0))
        scores = g.logits(model, x[:1], student)
        row = g.inputs(student, x[:1])
        model.train()
        labels = np.full(500, y[0])
        draws = np.concatenate([g.per_sample_cross_entropy(g.outputs(model, g.tensor(row.repeat(500, axis=0))),
                                                           labels) for _ in range(4)])
    eval_loss = g.cross_entropy(scores, y[:1])
    return DropoutRun(train_loss, valid_loss, eval_loss, g.loss_tolerance(scores, eval_loss, N_VALID),
                      float(draws.mean()), float(draws.std()), len(draws))


@pytest.mark.hint(EVAL_HINT)
def test_validates_with_dropout_off(student):
    """The validation loss is computed in evaluation mode (dropout off)."""
    run = _dropout_run(student)
    off = [i for i, v in enumerate(run.valid_loss) if not g.close(v, run.eval_loss, run.tolerance)]
    expect_true(not off, f"with learning rate 0 every validation loss should be the loss with dropout off "
                f"({run.eval_loss:.5f}); epochs {off} differ: the validation ran with dropout on "
                "(model.eval() missing)", got=[round(v, 5) for v in run.valid_loss])


@pytest.mark.hint(EVAL_HINT)
def test_trains_with_dropout_on(student):
    """Every epoch trains in training mode (dropout active)."""
    run = _dropout_run(student)
    off = [i for i, v in enumerate(run.train_loss) if g.close(v, run.eval_loss, run.tolerance)]
    expect_true(not off, f"the training loss of epochs {off} is exactly the loss with dropout off "
                f"({run.eval_loss:.5f}): those epochs trained in evaluation mode (call model.train() at the "
                "start of every epoch, after the previous validation)", got=[round(v, 5) for v in run.train_loss])
    # An epoch's loss is the mean of N_TRAIN losses with independent dropout masks; 6 standard errors
    # (of that mean and of the grader's own estimate) leave a correct trainer a 1e-9 chance to land outside.
    bound = 6 * run.dropout_sd * (1 / np.sqrt(N_TRAIN) + 1 / np.sqrt(run.draws))
    far = [i for i, v in enumerate(run.train_loss) if abs(v - run.dropout_mean) > bound]
    expect_true(not far, f"the training loss of epochs {far} is not the network's mean cross-entropy with "
                f"dropout on: with learning rate 0 it lies within {run.dropout_mean:.4f} ± {bound:.4f}",
                got=[round(v, 5) for v in run.train_loss],
                hint="history['train_loss'] holds each epoch's mean cross-entropy of the training batches")


@pytest.mark.hint(SHUFFLE_HINT)
def test_learns_every_class_from_sorted_data(student):
    """Given a toy problem sorted by label (all 0s, then all 1s, ...), the trained network knows every class."""
    x, y = g.prototypes(per_class=30, seed=21)
    fresh, truth = g.prototypes(per_class=20, seed=21)  # the same classes, other noise
    config = {"epochs": 3, "batch_size": 20, "lr": 0.005, "patience": 5, "valid_fraction": 0.2, "seed": 0,
              "device": "cpu"}
    with g.one_thread(student):
        g.seed_worker(student, 0)
        model = g.build(student, 784, [32], 10)
        g.train(student, model, x, y, config)
        predicted = g.logits(model, fresh, student).argmax(axis=1)
    recall = np.array([np.mean(predicted[truth == c] == c) for c in range(10)])
    never = [c for c in range(10) if recall[c] < 0.5]
    learned = [c for c in range(10) if c not in never]
    if never == [8, 9]:
        why = ("classes 8 and 9 were never learned: with sorted data and no shuffle before the split, the "
               "validation part holds only them")
    elif len(never) > 1 and learned and min(learned) > max(never):
        why = (f"only the last classes {learned} were learned: without shuffling, the last batches of every "
               "epoch hold only them")
    else:
        why = (f"classes {never} were not learned from data sorted by label: check the shuffling, then the other "
               "failing checks (unscaled inputs, no zero_grad or a softmax output also stop training)")
    expect_true(not never, why, expected="every class recognised (the reference: 100%)",
                got="recall per class " + " ".join(f"{c}:{r:.0%}" for c, r in enumerate(recall)))


def test_history_has_losses_per_epoch(student):
    """train returns {'train_loss': [...], 'valid_loss': [...], 'best_epoch': int}, one loss per epoch."""
    train_loss, valid_loss, best, _ = g.early_stop_history(student)
    expect_equal(len(train_loss), len(valid_loss), "len(history['train_loss']) vs len(history['valid_loss'])")
    epochs = g.EARLY_STOP_CONFIG["epochs"]
    expect_true(len(valid_loss) <= epochs, "the history has more epochs than config['epochs']",
                got=len(valid_loss), expected=f"at most {epochs}")
    lowest = int(np.argmin(valid_loss))
    off_by_one = " Are your epochs numbered from 1? best_epoch counts from 0." if best == lowest + 1 else ""
    # Exact: best_epoch indexes the student's own list; any epoch holding the lowest value will do.
    expect_true(0 <= best < len(valid_loss) and valid_loss[best] == valid_loss[lowest],
                f"history['best_epoch'] should be the 0-based epoch of the lowest validation loss.{off_by_one}",
                expected=f"{lowest} (valid_loss {valid_loss[lowest]:.4f})", got=best)


@pytest.mark.hint(BEST_HINT)
def test_early_stopping_restores_best_weights(student):
    """After train() the model holds the weights of the epoch with the lowest validation loss."""
    _, valid_loss, _, run = g.early_stop_history(student)
    last, lowest, got = valid_loss[-1], min(valid_loss), run.returned_valid_loss
    expect_true(last - lowest > 0.05, "the validation loss never rose on random labels, so early stopping "
                "could not be tested: fix the other failing checks first (a softmax output, unscaled inputs or "
                "validating on anything but config['valid_data'] keep it from rising)", got=valid_loss)
    expect_true(g.close(got, lowest, run.tolerance),
                "the returned model's loss on the validation set is not the lowest of the run: the best "
                "weights were not restored", expected=f"{lowest:.4f} (epoch {int(np.argmin(valid_loss))})",
                got=f"{got:.4f} (the last epoch's: {last:.4f})")


@pytest.mark.hint("Count the epochs since the best one; stop once that count reaches config['patience'].")
def test_early_stopping_waits_patience_epochs(student):
    """Training stops once the validation loss has not improved for `patience` epochs in a row."""
    _, valid_loss, _, _ = g.early_stop_history(student)
    best, patience, epochs = int(np.argmin(valid_loss)), g.EARLY_STOP_CONFIG["patience"], g.EARLY_STOP_CONFIG["epochs"]
    expect_equal(len(valid_loss), min(best + patience + 1, epochs),
                 f"the number of epochs run (lowest validation loss at epoch {best}, patience {patience})")


def test_same_seed_same_history(student):
    """Two runs with the same seed and the same initial weights give the same history."""
    x, y = g.prototypes(per_class=10, seed=5)
    config = {"epochs": 2, "batch_size": 16, "lr": 0.01, "patience": 5, "valid_fraction": 0.2, "seed": 0,
              "device": "cpu"}
    histories = []
    with g.one_thread(student):
        for _ in range(2):
            g.seed_worker(student, 0)
            model = g.build(student, 784, [32], 10, "relu", 0.5)
            before = g.weights(model)
            history = g.train(student, model, x, y, config)
            g.expect_trained(before, g.weights(model), "train(model, x, y, config)")
            histories.append(g.history_lists(history)[:2])
    expect_equal(histories[1], histories[0], "the (train_loss, valid_loss) lists of a second run with seed 0",
                 hint="Seed everything random from config['seed']: torch.manual_seed(seed) and a "
                      "torch.Generator(device).manual_seed(seed) for the split and the shuffles.")


# -- evaluation ------------------------------------------------------------------------------

@pytest.mark.hint(EVAL_HINT)
def test_predict_uses_eval_mode(student):
    """predict gives the argmax of the logits with dropout off, whatever mode the model was left in."""
    images = g.noise_images(200, seed=4)
    model = g.build(student, 784, [64], 10, "relu", 0.5)
    predicted = []
    for _ in range(2):
        model.train()
        predicted.append(g.predicted_labels(student.predict(model, g.tensor(images)), 200, "predict(model, images)"))
    expected = g.logits(model, images, student).argmax(axis=1)
    for got in predicted:
        expect_equal(got, expected, "predict(model, images) for a model left in training mode")


def test_evaluate_is_accuracy(student):
    """evaluate(model, images, labels) is the share of images whose predicted class is the label."""
    images = g.noise_images(200, seed=6)
    model = g.build(student, 784, [64], 10)
    labels = g.logits(model, images, student).argmax(axis=1)
    labels[:50] = (labels[:50] + 1) % 10  # 150 of 200 right
    got = student.evaluate(model, g.tensor(images), g.tensor(labels))
    expect_close(got, 0.75, "evaluate(model, images, labels) when 150 of 200 predictions are right")


# -- MNIST -------------------------------------------------------------------------------------

@pytest.mark.hint("Check the other mlp checks first: shuffling, scaling by 255, zero_grad, logits. Keep the "
                  "data on the device as one tensor so training fits the time limit.")
def test_mnist_quick_accuracy(student, artifacts, mlp_settings, measure):
    """A short training run on a sorted MNIST subset reaches the quick test-accuracy threshold (any device)."""
    threshold = mlp_settings["quick_threshold"]
    score = g.quick_run(student, artifacts, mlp_settings)
    measure(g.QUICK_ACCURACY, score.accuracy)
    expect_true(score.accuracy >= threshold, f"{score.summary}: below the threshold",
                expected=f">= {threshold:.1%}", got=f"{score.accuracy:.2%}")


@pytest.mark.hint("train() gets the training data and nothing else: it must not read MNIST (or anything) "
                  "itself. The grader keeps the test set and evaluates.")
def test_uses_only_the_data_given(student, artifacts, mlp_settings):
    """The network learns the labels train() was given (the grader relabels MNIST's digits), not MNIST's own."""
    score = g.quick_run(student, artifacts, mlp_settings)
    expect_true(score.real_accuracy < max(0.5, score.accuracy), "the trained network predicts MNIST's real "
                "digits, not the labels train() was given: it learned from data it was not given",
                expected=f"the given labels ({score.accuracy:.1%} right)",
                got=f"MNIST's own labels ({score.real_accuracy:.1%} right)")
    expect_true(score.accuracy >= 0.5, f"{score.summary}: the trained network predicts the labels train() was "
                "given for fewer than half of the test images, so it did not learn them (see the other failing "
                "checks)", expected="at least 50% (the reference: about 96%)", got=f"{score.accuracy:.2%}")
