"""What the mlp grader suites share: settings, the data handed to the student's trainer,
the small experiments behind the structural checks, and the MNIST threshold runs.

The student's ``build_mlp``/``train``/``predict`` run in the worker; this module runs in
the grader. Tensors are made here (the worker rebuilds torch tensors from them) and
results come back as numpy arrays, so the grader imports torch (only for this task).

Structural checks never time or score a long run. Each is a small experiment whose
outcome only a correct trainer produces:

- learning rate 0 on identical samples: the weights never change, so every batch has
  the same gradient (``zero_grad``: the gradient after 4 steps must be that of 1), and
  the loss with dropout off is one number the grader computes (the validation losses
  must all equal it; the training losses, with dropout on, must not);
- random images with random labels and a validation set the grader hands over
  (``config["valid_data"]``): nothing generalises, the validation loss rises, early
  stopping must act, and the returned weights must give the lowest validation loss;
- a learnable toy problem handed over sorted by label: a trainer that does not shuffle
  (the split or the batches) cannot learn every class.

The MNIST runs relabel the classes with a fixed permutation: a trainer that learns
from anything but the data it was given (say, MNIST read from disk) predicts the real
labels and is caught.
"""
from __future__ import annotations

import contextlib
import json
import os
import sys
import time
import weakref
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pytest

from graders import datasets
from graders.config import DEFAULT_POINTS
from graders.expect import CheckFailed, expect_shape
from graders.remote import MissingName

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

import torch  # noqa: E402  (the suites importorskip it first)

SETTINGS_ENV = "DLGRADE_MLP_SETTINGS"
DEFAULT_SETTINGS = {
    "seed": 0,
    # The quick check: runs everywhere (CPU or GPU), on a sorted subset of MNIST.
    "quick_threshold": 0.94,
    "quick_train_samples": 12000,
    "quick_hidden": [128],
    "quick_epochs": 4,
    "quick_batch_size": 64,
    "quick_lr": 0.002,
    "quick_budget_s": 120.0,
    # The full check: all 60,000 training images, on a CUDA GPU.
    "gpu_threshold": 0.975,
    "gpu_hidden": [512, 256],
    "gpu_epochs": 15,
    "gpu_batch_size": 128,
    "gpu_lr": 0.001,
    "gpu_budget_s": 120.0,
    "gpu_check_on_cpu": False,
}
STRUCTURE_BUDGET_S = 60.0
INPUT_SIZE, N_CLASSES = 784, 10


def settings() -> dict:
    """DEFAULT_SETTINGS updated from ``[tasks.mlp.settings]`` of graders/points.toml.

    ``$DLGRADE_MLP_SETTINGS`` may name another TOML file with that table (the runner's
    ``--points`` file is not visible to the suites).
    """
    path = Path(os.environ.get(SETTINGS_ENV) or DEFAULT_POINTS)
    try:
        table = tomllib.loads(path.read_text(encoding="utf-8"))["tasks"]["mlp"].get("settings", {})
    except (OSError, KeyError, tomllib.TOMLDecodeError):
        table = {}
    unknown = set(table) - set(DEFAULT_SETTINGS)
    if unknown:
        raise ValueError(f"{path}: unknown [tasks.mlp.settings] keys {sorted(unknown)}")
    return {**DEFAULT_SETTINGS, **table}


def cuda_available() -> bool:
    """A CUDA GPU the worker can use (DLGRADE_DEVICE=cpu hides it)."""
    return os.environ.get("DLGRADE_DEVICE", "").lower() != "cpu" and torch.cuda.is_available()


def tensor(array: np.ndarray) -> torch.Tensor:
    """A CPU tensor for the worker; int labels become int64, as the trainer's contract says."""
    array = np.ascontiguousarray(array)
    if array.dtype.kind in "iu" and array.dtype != np.uint8:
        array = array.astype(np.int64)
    return torch.from_numpy(array.copy())


def worker_torch(student):
    """The worker's torch, reached through the ``import torch`` at the top of the student's mlp.py."""
    try:
        return student.torch
    except MissingName:
        raise CheckFailed("the grader reaches PyTorch through your mlp.py: keep `import torch` at its top "
                          "(as in exercises/mlp.py)") from None


def seed_worker(student, seed: int) -> None:
    """Seed torch in the worker so the student's network starts from the same weights every run."""
    worker_torch(student).manual_seed(int(seed))


def submodules(model) -> list:
    """Handles to every submodule of a student's network, in ``model.apply`` order (children first)."""
    found = []
    model.apply(found.append)  # the callback runs here; it only collects the handles
    return found


def load_dataset_or_skip(name: str = "mnist") -> datasets.Dataset:
    """The dataset, or the check is not run with the loader's message (which says the fix)."""
    try:
        return datasets.load(name)
    except datasets.DatasetError as exc:
        pytest.skip(f"not run: the grader has no {name} data. {exc}")


def cross_entropy(logits: np.ndarray, labels: np.ndarray) -> float:
    logits = logits.astype(np.float64)
    shifted = logits - logits.max(axis=1, keepdims=True)
    log_probs = shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))
    return float(-log_probs[np.arange(len(labels)), labels].mean())


# -- the recorded run -----------------------------------------------------------------------

RECORD_N = 250
RECORD_CONFIG = {"epochs": 20, "batch_size": 25, "lr": 0.01, "patience": 2, "valid_fraction": 0.2,
                 "seed": 0, "device": "cpu"}


@dataclass
class Pass:
    """One forward pass of the student's network during ``train``."""

    ids: np.ndarray       # index of each row in the given x_train; -1: not a given sample
    train_mode: bool      # dropout was active


@dataclass
class RecordedRun:
    labels: np.ndarray                 # int64 (RECORD_N,), sorted
    passes: list[Pass]
    history: object                    # what train returned, unchecked
    final_valid_loss: float | None     # the returned model's loss on the held-out samples
    problems: list[str] = field(default_factory=list)

    @property
    def train_ids(self) -> np.ndarray:
        parts = [p.ids for p in self.passes if p.train_mode]
        return np.concatenate(parts) if parts else np.zeros(0, dtype=np.int64)

    @property
    def eval_ids(self) -> np.ndarray:
        parts = [p.ids for p in self.passes if not p.train_mode]
        return np.concatenate(parts) if parts else np.zeros(0, dtype=np.int64)

    @property
    def trained_on(self) -> set[int]:
        return set(self.train_ids[self.train_ids >= 0].tolist())

    @property
    def held_out(self) -> list[int]:
        return sorted(set(range(RECORD_N)) - self.trained_on)


_RUNS: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def recorded_run(student) -> RecordedRun:
    """The recorded run for this submission: made once per worker, shared by the checks.

    A failure (timeout, exception) is kept too, so each check that needs the run reports
    it without running it again.
    """
    worker = student._worker
    if worker not in _RUNS:
        try:
            _RUNS[worker] = _record(student.with_timeout(STRUCTURE_BUDGET_S))
        except BaseException as exc:  # StopCheck derives from BaseException
            _RUNS[worker] = exc
    outcome = _RUNS[worker]
    if isinstance(outcome, BaseException):
        raise outcome
    return outcome


def record_data(seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """Random uint8 images (RECORD_N, 28, 28) and random labels 0..9, sorted by label."""
    rng = np.random.default_rng(seed)
    labels = np.sort(rng.integers(0, N_CLASSES, RECORD_N))
    return rng.integers(0, 256, (RECORD_N, 28, 28), dtype=np.uint8), labels.astype(np.int64)


def _record(student) -> RecordedRun:
    images, labels = record_data()
    seed_worker(student, 0)
    model = student.build_mlp(INPUT_SIZE, [64], N_CLASSES, "relu", 0.5)
    modules = submodules(model)
    linear = next((m for m in modules if m._type_name == "Linear"), None)
    dropout = next((m for m in modules if m._type_name == "Dropout"), None)
    if linear is None or dropout is None:
        raise CheckFailed("build_mlp(784, [64], 10, 'relu', 0.5) should contain nn.Linear layers and an "
                          "nn.Dropout(0.5) after the hidden activation", got=sorted({m._type_name for m in modules}))
    rows, before, after = [], [], []
    hooks = [linear.register_forward_pre_hook(lambda module, args: rows.append(args[0])),
             dropout.register_forward_pre_hook(lambda module, args: before.append(args[0])),
             dropout.register_forward_hook(lambda module, args, out: after.append(out))]
    history = student.train(model, tensor(images), tensor(labels), dict(RECORD_CONFIG))
    for hook in hooks:
        hook.remove()
    run = RecordedRun(labels, _passes(images, rows, before, after), history, None)
    held_out = run.held_out
    if held_out:
        model.eval()
        logits = np.asarray(model(tensor(images[held_out].reshape(len(held_out), -1) / np.float32(255))))
        if logits.shape == (len(held_out), N_CLASSES) and np.all(np.isfinite(logits)):
            run.final_valid_loss = cross_entropy(logits, labels[held_out])
    return run


def _passes(images: np.ndarray, rows: list, before: list, after: list) -> list[Pass]:
    """Pair each pass's input rows with its dropout behaviour; match the rows to the given samples."""
    given = _standardise(images.reshape(len(images), -1).astype(np.float64))
    passes = []
    for x, d_in, d_out in zip(rows, before, after):
        x = np.asarray(x, dtype=np.float64).reshape(len(x), -1)
        ids = np.full(len(x), -1, dtype=np.int64)
        if x.shape[1] == given.shape[1]:
            similarity = _standardise(x) @ given.T
            best = similarity.argmax(axis=1)
            ids = np.where(similarity[np.arange(len(x)), best] > 0.99, best, -1)
        active = np.shape(d_in) != np.shape(d_out) or not np.array_equal(np.asarray(d_in), np.asarray(d_out))
        passes.append(Pass(ids, bool(active)))
    return passes


def _standardise(rows: np.ndarray) -> np.ndarray:
    """Rows with mean 0 and norm 1: the dot product of two is their correlation (any x*a+b scaling)."""
    centred = rows - rows.mean(axis=1, keepdims=True)
    return centred / np.maximum(np.linalg.norm(centred, axis=1, keepdims=True), 1e-12)


def history_lists(history) -> tuple[list[float], list[float], int]:
    """``(train_loss, valid_loss, best_epoch)`` from a history, or a CheckFailed saying what is wrong."""
    if not isinstance(history, dict):
        raise CheckFailed("train(...) should return the history dict {'train_loss': [...], 'valid_loss': [...], "
                          "'best_epoch': int}", got=f"{type(history).__name__}: {str(history)[:120]}")
    missing = [k for k in ("train_loss", "valid_loss", "best_epoch") if k not in history]
    if missing:
        raise CheckFailed(f"the history train(...) returned has no {', '.join(map(repr, missing))}",
                          got=f"keys {sorted(history)}")
    lists = []
    for key in ("train_loss", "valid_loss"):
        try:
            values = np.asarray(history[key], dtype=float) if isinstance(history[key], (list, tuple)) else None
        except (TypeError, ValueError):
            values = None
        if values is None or values.ndim != 1 or len(values) == 0 or not np.all(np.isfinite(values)):
            raise CheckFailed(f"history[{key!r}] should be a non-empty list of finite floats, one per epoch",
                              got=str(history[key])[:200])
        lists.append(values.tolist())
    best = history["best_epoch"]
    if isinstance(best, bool) or not isinstance(best, (int, np.integer)):
        raise CheckFailed("history['best_epoch'] should be an int (the 0-based epoch whose weights are kept)",
                          got=repr(best))
    return lists[0], lists[1], int(best)


# -- the MNIST threshold runs ------------------------------------------------------------------

@dataclass
class Score:
    accuracy: float
    seconds: float
    history: object
    predicted: np.ndarray
    summary: str


def sorted_subset(ds: datasets.Dataset, n: int) -> tuple[np.ndarray, np.ndarray]:
    """The first ``n`` training images, reordered by label (a stable sort): a trainer must shuffle."""
    order = np.argsort(ds.y_train[:n], kind="stable")
    return ds.x_train[:n][order], ds.y_train[:n][order].astype(np.int64)


def train_and_score(student, ds: datasets.Dataset, *, tag: str, n_train: int, hidden: list[int],
                    config: dict, budget_s: float, artifacts: Path | None) -> Score:
    """Build with the student's build_mlp, train with their train (timed, within ``budget_s``),
    predict the test images with their predict, and score here with the test labels.

    Figures (loss curves, confusion matrix) and a metrics JSON go to ``artifacts``.
    """
    x, y = sorted_subset(ds, n_train)
    seed_worker(student, config["seed"])
    model = student.build_mlp(INPUT_SIZE, list(hidden), N_CLASSES)
    start = time.perf_counter()
    history = student.with_timeout(budget_s).train(model, tensor(x), tensor(y), dict(config))
    seconds = time.perf_counter() - start
    predicted = expect_shape(student.predict(model, tensor(ds.x_test)), ds.y_test.shape,
                             "predict(model, x_test)").astype(np.int64)
    accuracy = float(np.mean(predicted == ds.y_test))
    epochs = len(history["train_loss"]) if isinstance(history, dict) and "train_loss" in history else "?"
    summary = (f"{ds.title}: test accuracy {accuracy:.2%} ({int(np.sum(predicted == ds.y_test)):,} of "
               f"{len(ds.y_test):,}) after training on {n_train:,} images sorted by label, "
               f"{epochs} epochs, {seconds:.1f} s on {config['device']}")
    if artifacts is not None:
        _write_feedback(artifacts, tag, ds, history, predicted, accuracy, seconds, summary, config, hidden, n_train)
    return Score(accuracy, seconds, history, predicted, summary)


def _write_feedback(folder: Path, tag: str, ds, history, predicted, accuracy, seconds, summary,
                    config, hidden, n_train) -> None:
    from graders import plots

    title = f"mlp {tag}: {ds.name}, {INPUT_SIZE}-{'-'.join(map(str, hidden))}-{N_CLASSES}, test accuracy {accuracy:.2%}"
    try:
        train_loss, valid_loss, best = history_lists(history)
    except CheckFailed:
        train_loss = valid_loss = best = None
    else:
        plots.loss_curves(train_loss, valid_loss, folder / f"mlp_{tag}_loss.png", title=title, best_epoch=best)
    plots.confusion_plot(ds.y_test, predicted, ds.classes, folder / f"mlp_{tag}_confusion.png", title=title)
    metrics = {"check": tag, "dataset": ds.name, "accuracy": accuracy, "train_seconds": round(seconds, 3),
               "epochs_run": len(train_loss) if train_loss else None, "best_epoch": best,
               "train_loss": train_loss, "valid_loss": valid_loss, "n_train": n_train,
               "hidden": list(hidden), "config": config, "summary": summary}
    (folder / f"mlp_{tag}.json").write_text(json.dumps(metrics, indent=2) + "\n", encoding="utf-8")
