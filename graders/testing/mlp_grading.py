"""What the mlp grader suites share: settings, the data handed to the student's trainer,
the small experiments behind the structural checks, and the MNIST threshold runs.

The student's ``build_mlp``/``train``/``predict`` run in the worker; this module runs in
the grader. Tensors are made here (the worker rebuilds torch tensors from them) and
results come back as numpy arrays, so the grader imports torch (only for this task, when a check runs:
collecting the suites, as `pytest graders/public -m softmax` and `dlgrade nbgrader` do, imports none).

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

Each check also asks for what only working code gives, so that code which computes
nothing (zeros, a constant, its own input, the model left untrained) passes none of them:
the losses a history records are the losses of the network it trained (computed here),
the model's weights change, and different images give different inputs. ``build_mlp`` and
``pick_device`` return objects, not data, so their checks go on to use them (build a
network and feed it preprocessed images; train on the device picked).

The MNIST runs relabel the classes with a fixed permutation: a trainer that learns
from anything but the data it was given (say, MNIST read from disk) predicts the real
labels and is caught.
"""
from __future__ import annotations

import contextlib
import json
import os
import re
import time
import weakref
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import pytest

from graders import tasks
from graders.engine.feedback import NotGraded
from graders.engine.problems import MissingName, StudentException
from graders.engine.remote import RemoteObject, is_alive, worker_of
from graders.env import datasets
from graders.points import DEFAULT_POINTS, TaskPoints, load_points
from graders.testing import plots
from graders.testing.expect import CheckFailed, Tolerance, as_array, expect_shape, tolerance

if TYPE_CHECKING:
    import torch

DEFAULT_SETTINGS = {
    "seed": 0,
    # The quick check: runs everywhere (CPU or GPU), on a sorted subset of MNIST. Measured on the
    # 2-core CI machine, one thread: the reference 95.98% in ~2.3 s; the buggy trainers in
    # tests/variants/mlp: no shuffling 10.07%, no zero_grad 57.85%, unscaled 0..255 inputs 92.50%,
    # a network ending in nn.Softmax 93.93% (all below 94.5%; each is also caught by a structural check).
    "quick_threshold": 0.945,
    "quick_train_samples": 20000,
    "quick_hidden": [256],
    "quick_epochs": 4,
    "quick_batch_size": 128,
    "quick_lr": 0.003,
    "quick_budget_s": 120.0,
    "cpu_threads": 1,          # torch threads for training checks on a CPU (0: torch's default)
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
#: The names the MNIST checks measure their test accuracy under (a leaderboard's columns).
QUICK_ACCURACY, FULL_ACCURACY = "MNIST test accuracy (quick run)", "MNIST test accuracy (full run)"
INPUT_SIZE, N_CLASSES = 784, 10
#: The classes' new names in the MNIST runs: digit d is handed over as label RELABEL[d].
RELABEL = np.array([3, 7, 0, 9, 5, 1, 8, 2, 6, 4])


def skip_without_torch() -> None:
    """Skip the calling suite whole where PyTorch is not installed, as ``pytest.importorskip("torch")``
    would, without importing it (1.6 s) where no check of the suite runs."""
    if tasks.TORCH.missing():
        pytest.skip("not run: PyTorch is not installed (pip install -e '.[torch]')", allow_module_level=True)


@pytest.fixture
def mlp_settings(task_settings, grading_settings) -> dict:
    """The mlp checks' settings, from the points file this grading uses (``dlgrade grade --points
    course.toml``; else graders/points.toml). The suites import this fixture; a notebook's test
    cell gets graders/points.toml's (graders.engine.kernel)."""
    return settings(task_settings, grading_settings.points_file or DEFAULT_POINTS)


def settings(table: dict | None = None, source: Path = DEFAULT_POINTS) -> dict:
    """DEFAULT_SETTINGS updated from ``table``, the ``[tasks.mlp.settings]`` of the points file
    ``source`` (None: read from that file); a points file without the table keeps the
    defaults. A key the kit does not know leaves the task not graded (a misspelt threshold must not
    grade silently with the default).
    """
    if table is None:
        table = load_points(source).get("mlp", TaskPoints(0.0)).settings
    unknown = sorted(set(table) - set(DEFAULT_SETTINGS))
    if unknown:
        raise NotGraded(f"the points file {source} has unknown [tasks.mlp.settings] keys {unknown}",
                        f"correct them; the keys the kit knows (and their defaults) are: {', '.join(DEFAULT_SETTINGS)}")
    return {**DEFAULT_SETTINGS, **table}


def cuda_available(student) -> bool:
    """Whether the student's code can train on a CUDA GPU (DLGRADE_DEVICE=cpu hides one).

    The worker's torch decides, not the grader's: the worker is what trains, and a sandbox
    or an environment that hides the GPU from it must not turn a GPU run into a crash
    blamed on the student.
    """
    return not _gpu_hidden() and worker_reaches_cuda(student)


def worker_reaches_cuda(student) -> bool:
    """Whether the worker's torch reaches a CUDA GPU, whatever DLGRADE_DEVICE says.

    The worker was asked before the student's module was imported (remote.Worker's probe),
    so no function of that module (a replaced ``torch.cuda.is_available``) changes the answer.
    """
    worker_torch(student)   # the module loads, and has `import torch` at its top
    return worker_of(student).cuda


def no_gpu_reason() -> str:
    """Why the GPU check is not run here, in words (after cuda_available(student) said no)."""
    if _gpu_hidden():
        return "DLGRADE_DEVICE=cpu: graded as on a machine with no CUDA GPU"
    import torch  # start-up time: collecting the suites imports no torch

    if torch.cuda.is_available():
        return ("this machine has a CUDA GPU, but the worker process that runs student code cannot reach it "
                "(`dlgrade doctor` says why)")
    return "this machine has no CUDA GPU"


def _gpu_hidden() -> bool:
    return os.environ.get("DLGRADE_DEVICE", "").strip().lower() == "cpu"


def tensor(array: np.ndarray) -> torch.Tensor:
    """A CPU tensor for the worker; int labels become int64, as the trainer's contract says."""
    import torch  # start-up time: collecting the suites imports no torch

    array = np.ascontiguousarray(array)
    if array.dtype.kind in "iu" and array.dtype != np.uint8:
        array = array.astype(np.int64)
    return torch.from_numpy(array.copy())


def scaled(images: np.ndarray) -> torch.Tensor:
    """What preprocess must give for uint8 images: float32 (N, 784) = pixels / 255."""
    return tensor(images.reshape(len(images), -1).astype(np.float32) / np.float32(255))


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


@contextlib.contextmanager
def torch_threads(student, n: int | None):
    """Run the worker's torch on ``n`` CPU threads meanwhile (None: leave it as it is).

    One thread makes a CPU score independent of the machine's core count (a reduction
    summed in another order changes the last bits, and over epochs the accuracy), is
    faster for tiny tensors, and does not stall when a busy machine preempts one of
    several threads that wait for each other.
    """
    if n is None:
        yield
        return
    torch_w = worker_torch(student)
    before = int(torch_w.get_num_threads())
    torch_w.set_num_threads(int(n))
    try:
        yield
    finally:
        if is_alive(student):
            torch_w.set_num_threads(before)


def one_thread(student):
    return torch_threads(student, 1)


def build(student, *args):
    """``student.build_mlp(*args)``, which must be an object (a torch.nn.Module), not plain data."""
    model = student.build_mlp(*args)
    if not isinstance(model, RemoteObject):
        raise CheckFailed(f"build_mlp{args} should return a torch.nn.Module", got=repr(model)[:200])
    return model


#: The course notes keep ``best_model = deepcopy(model.state_dict)``: without the () that deep-copies the
#: bound method, and with it the whole model; handing it to load_state_dict then raises a TypeError.
STATE_DICT_HINT = ("deepcopy(model.state_dict) (as in the course notes) copies the method, not the weights: "
                   "keep best = copy.deepcopy(model.state_dict()) and call model.load_state_dict(best).")


def train(student, model, x: np.ndarray, y: np.ndarray, config: dict, budget_s: float = STRUCTURE_BUDGET_S):
    """``student.train(model, x, y, config)`` on tensors of the grader's arrays, within ``budget_s``;
    the history as it came back (see history_lists)."""
    try:
        return student.with_timeout(budget_s).train(model, tensor(x), tensor(y), dict(config))
    except StudentException as exc:
        if re.search(r"\bmethod\b", exc.message) and exc.type_name in ("TypeError", "AttributeError"):
            exc.hint = STATE_DICT_HINT
        raise


def submodules(model) -> list:
    """Handles to every submodule of a student's network, in ``model.apply`` order (children first)."""
    found = []
    model.apply(found.append)  # the callback runs here, during this one request; it only collects handles
    return found


def inputs(student, images: np.ndarray) -> np.ndarray:
    """The student's ``preprocess(images)`` for uint8 images: float32 (N, 784), checked.

    Different images must give different rows: a ``preprocess`` that maps every image to
    the same row would make any property of the network's outputs meaningless.
    """
    x = expect_shape(student.preprocess(tensor(images)), (len(images), INPUT_SIZE),
                     "preprocess(images)").astype(np.float32)
    if len(images) > 1 and np.any(images != images[:1]) and np.all(x == x[:1]):
        raise CheckFailed(f"preprocess(images) gives the same row for each of {len(images)} different "
                          "images: it should scale each image's own pixels", got=x[:2],
                          hint="torch.as_tensor(images).reshape(len(images), -1).float() / 255")
    return x


def logits(model, images: np.ndarray, student=None) -> np.ndarray:
    """The network's outputs for uint8 images, in evaluation mode: float (N, 10), checked.

    The inputs are the student's own ``preprocess(images)`` when ``student`` is given (so a
    check of, say, evaluation mode does not fail again for a scaling bug that another
    check reports; see :func:`inputs`), else images / 255.
    """
    model.eval()
    return outputs(model, scaled(images) if student is None else tensor(inputs(student, images)))


def outputs(model, x) -> np.ndarray:
    """``model(x)`` for a float32 tensor (N, 784), in whatever mode the model is: float (N, 10), checked."""
    return expect_shape(model(x), (len(x), N_CLASSES), f"model(x) for x of shape "
                        f"({len(x)}, {INPUT_SIZE})").astype(np.float64)


def weights(model) -> dict[str, np.ndarray]:
    """The network's parameters and buffers (``state_dict``), as arrays."""
    state = model.state_dict()
    if not isinstance(state, dict):
        raise CheckFailed("model.state_dict() should be a dict of tensors", got=repr(state)[:200])
    return {key: np.asarray(value) for key, value in state.items()}


def expect_trained(before: dict, after: dict, what: str) -> None:
    """The weights changed: ``train`` trained the model it was given."""
    changed = after.keys() != before.keys() or any(not np.array_equal(before[k], after[k]) for k in before)
    if not changed:
        raise CheckFailed(f"{what} left the model's weights as they were: train the model you are given "
                          "(not a copy of it, not a new one)", hint="train(model, ...) changes `model` in place")


def predicted_labels(got, n: int, what: str) -> np.ndarray:
    """``predict``'s answer for ``n`` images as int64 labels (n,), checked."""
    arr = as_array(got, what)
    if arr.ndim == 0:
        raise CheckFailed(f"{what} is one number, not one class per image: `y_hat += outputs` (as in the course "
                          "notes) adds the rows one by one, torch.cat joins them into one flat vector, and its "
                          "argmax is one number; collect each batch with y_hat.append(outputs)", got=arr)
    return expect_shape(arr, (n,), what).astype(np.int64)


def per_sample_cross_entropy(scores: np.ndarray, labels: np.ndarray) -> np.ndarray:
    shifted = scores - scores.max(axis=1, keepdims=True)
    log_probs = shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))
    return -log_probs[np.arange(len(labels)), labels]


def cross_entropy(scores: np.ndarray, labels: np.ndarray) -> float:
    return float(per_sample_cross_entropy(scores, labels).mean())


def loss_tolerance(scores: np.ndarray, loss: float, n_samples: int) -> Tolerance:
    """How far a student's float32 mean cross-entropy over ``n_samples`` samples may be from
    ``loss``, the grader's :func:`cross_entropy` of the same network's float32 ``scores``.

    The trainer's native dtype is float32: log-softmax rounds relative to the largest
    logit, not to the loss (``condition``), and the mean adds ``n_samples`` rounded terms.
    """
    return tolerance(steps=n_samples, condition=(float(np.abs(scores).max()) + np.log(N_CLASSES)) / max(loss, 1e-3))


def close(got: float, expected: float, tol: Tolerance) -> bool:
    return abs(got - expected) <= tol.atol + tol.rtol * abs(expected)


def load_dataset(name: str = "mnist") -> datasets.Dataset:
    """The dataset, or :class:`NotGraded` with the loader's reason and fix: without the data the
    task is not graded at all (never scored on the checks that need no data)."""
    try:
        return datasets.load(name)
    except datasets.DatasetError as exc:
        reason, fix = _reason_and_fix(str(exc))
        raise NotGraded(f"the grading machine has no usable {name} data: {reason}",
                        fix or f"run `dlgrade data verify {name}` to see what is wrong") from None


def _reason_and_fix(message: str) -> tuple[str, str]:
    """A loader's message split into what is wrong and what to do, each on one line.

    A bad file's message ends in "Fix: ..."; the not-found message says what happened
    on its first line and where to put the files on the others.
    """
    text = message.strip()
    if "Fix: " in text:
        reason, fix = text.split("Fix: ", 1)
    else:
        reason, _, fix = text.partition("\n")
    return _one_line(reason), _one_line(fix)


def _one_line(text: str) -> str:
    """Lines joined with spaces, a line that ends a sentence without a full stop given one."""
    joined = ""
    for line in filter(None, (line.strip() for line in text.splitlines())):
        if joined and not joined.endswith((".", ",", ";", ":")) and line[:1].isupper():
            joined += "."
        joined = f"{joined} {line}" if joined else line
    return " ".join(joined.split()).rstrip(". ")


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


# -- data for the experiments -----------------------------------------------------------------

def noise_images(n: int, seed: int) -> np.ndarray:
    """uint8 (n, 28, 28), every pixel uniform in 0..255."""
    return np.random.default_rng(seed).integers(0, 256, (n, 28, 28), dtype=np.uint8)


def identical_samples(n: int, label: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """n copies of one random image, all with the same label: every batch has the same loss and gradient."""
    return noise_images(1, seed).repeat(n, axis=0), np.full(n, label, dtype=np.int64)


def prototypes(per_class: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """An easy problem sorted by label: each class is one random image with 15% of its pixels redrawn.

    Returns uint8 images (10 * per_class, 28, 28) and int64 labels, all 0s first, then all 1s, ...
    """
    rng = np.random.default_rng(seed)
    centres = rng.integers(0, 256, (N_CLASSES, 28, 28), dtype=np.uint8)
    labels = np.repeat(np.arange(N_CLASSES), per_class)
    images = centres[labels].copy()
    redraw = rng.random(images.shape) < 0.15
    images[redraw] = rng.integers(0, 256, int(redraw.sum()), dtype=np.uint8)
    return images, labels.astype(np.int64)


# -- experiments shared by several checks -------------------------------------------------------

EARLY_STOP_CONFIG = {"epochs": 20, "batch_size": 25, "lr": 0.01, "patience": 2, "seed": 0, "device": "cpu"}


@dataclass
class EarlyStopRun:
    """train() on random images with random labels, validated on a set the grader gave."""

    history: object
    returned_valid_loss: float     # the returned model's loss on the validation set, computed here
    tolerance: Tolerance           # how close a student's own figure of that loss must be (loss_tolerance)


_EARLY_STOP: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def early_stop_run(student) -> EarlyStopRun:
    """Made once per worker and shared by the early-stopping checks (a failure is kept too)."""
    return once(_EARLY_STOP, student, _early_stop_run)


def _early_stop_run(student) -> EarlyStopRun:
    images, labels = noise_images(250, seed=11), np.random.default_rng(12).integers(0, N_CLASSES, 250)
    config = {**EARLY_STOP_CONFIG, "valid_data": (tensor(images[200:]), tensor(labels[200:]))}
    with one_thread(student):
        seed_worker(student, 0)
        model = build(student, INPUT_SIZE, [64], N_CLASSES)
        history = train(student, model, images[:200], labels[:200], config)
        scores = logits(model, images[200:], student)
    returned = cross_entropy(scores, labels[200:])
    return EarlyStopRun(history, returned, loss_tolerance(scores, returned, len(labels) - 200))


def early_stop_history(student) -> tuple[list[float], list[float], int, EarlyStopRun]:
    """The early-stopping run's ``(train_loss, valid_loss, best_epoch, run)``, once its history is
    shown to be this run's: the returned model's loss on the validation data (computed here) must
    be one of the validation losses it records (a trainer that records anything else, or trains
    some other model, cannot pass the early-stopping checks by its numbers)."""
    run = early_stop_run(student)
    train_loss, valid_loss, best = history_lists(run.history)
    if not any(close(v, run.returned_valid_loss, run.tolerance) for v in valid_loss):
        raise CheckFailed("none of the validation losses in the history is the returned model's loss on "
                          "config['valid_data']: record the mean cross-entropy on the validation data after "
                          "every epoch, and train (and return) the model you were given",
                          expected=f"{run.returned_valid_loss:.6f} among them (the loss of the returned model)",
                          got=valid_loss)
    return train_loss, valid_loss, best, run


def once(cache: weakref.WeakKeyDictionary, student, run):
    """``run(student)``, made once per worker and kept in ``cache`` (a failure is kept and raised again)."""
    worker = worker_of(student)
    if worker not in cache:
        try:
            cache[worker] = run(student)
        except BaseException as exc:  # StopCheck derives from BaseException
            cache[worker] = exc
    outcome = cache[worker]
    if isinstance(outcome, BaseException):
        raise outcome
    return outcome


# -- the MNIST threshold runs ------------------------------------------------------------------

@dataclass
class Score:
    accuracy: float          # on the labels the trainer was taught (relabelled)
    real_accuracy: float     # the same predictions read as real MNIST labels
    seconds: float
    history: object
    summary: str


_QUICK: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def quick_run_ran(student) -> bool:
    """Whether the quick MNIST run was made in this grading (whatever its outcome): the check
    mnist_quick_accuracy ran and the student's trainer was timed and scored. False when that
    check was left out, or could not run (no data)."""
    outcome = _QUICK.get(worker_of(student))
    return outcome is not None and not isinstance(outcome, NotGraded)


def quick_run(student, artifacts: Path | None, s: dict) -> Score:
    """The quick MNIST run with the settings ``s`` (made once per worker, shared by the checks that read it)."""
    def run(student):
        ds = load_dataset("mnist")
        config = {"epochs": s["quick_epochs"], "batch_size": s["quick_batch_size"], "lr": s["quick_lr"],
                  "patience": 3, "valid_fraction": 0.2, "seed": s["seed"],
                  "device": "cuda" if cuda_available(student) else "cpu"}
        return train_and_score(student, ds, tag="quick", n_train=s["quick_train_samples"],
                               hidden=s["quick_hidden"], config=config, budget_s=s["quick_budget_s"],
                               artifacts=artifacts, cpu_threads=s["cpu_threads"])
    return once(_QUICK, student, run)


def grader_predictions(model, images: np.ndarray, hidden: list[int]) -> np.ndarray:
    """The classes the student's trained network gives uint8 ``images`` (N, 28, 28), computed here from
    its weights: int64 (N,).

    The network is what build_mlp's contract says (Linear, ReLU per hidden layer, then Linear;
    dropout is off in evaluation), so its ``state_dict`` holds each Linear's weight and bias in
    order; the grader applies them to images / 255 (preprocess's contract) in float32.
    """
    x = images.reshape(len(images), -1).astype(np.float32) / np.float32(255)
    layers = linear_layers(weights(model), [INPUT_SIZE, *hidden, N_CLASSES])
    for i, (weight, bias) in enumerate(layers):
        x = x @ weight.T.astype(np.float32) + bias.astype(np.float32)
        if i < len(layers) - 1:
            x = np.maximum(x, 0)
    return np.argmax(x, axis=1).astype(np.int64)


def linear_layers(state: dict[str, np.ndarray], sizes: list[int]) -> list[tuple[np.ndarray, np.ndarray]]:
    """The (weight, bias) of each Linear layer in ``state`` (a state_dict as arrays, in the network's
    order), checked against the layer sizes asked for: weight i is (sizes[i+1], sizes[i])."""
    layers = []
    for name, weight in state.items():
        if name.endswith("weight") and np.ndim(weight) == 2:
            bias = state.get(name[: -len("weight")] + "bias")
            layers.append((np.asarray(weight), np.zeros(len(weight)) if bias is None else np.asarray(bias)))
    expected = [(n_out, n_in) for n_in, n_out in zip(sizes, sizes[1:])]
    found = [w.shape for w, _ in layers]
    if found != expected or any(b.shape != (w.shape[0],) for w, b in layers):
        raise CheckFailed("the grader scores the trained network from its weights, but they are not the "
                          f"Linear layers build_mlp was asked for (weights of shapes {expected})",
                          got=f"2-D weights of shapes {found}",
                          hint="build_mlp builds Linear, activation (and Dropout) per hidden layer, then a Linear")
    return layers


def sorted_subset(ds: datasets.Dataset, n: int) -> tuple[np.ndarray, np.ndarray]:
    """The first ``n`` training images, relabelled, reordered by (new) label: a trainer must shuffle."""
    labels = RELABEL[ds.y_train[:n]]
    order = np.argsort(labels, kind="stable")
    return ds.x_train[:n][order], labels[order].astype(np.int64)


def train_and_score(student, ds: datasets.Dataset, *, tag: str, n_train: int, hidden: list[int],
                    config: dict, budget_s: float, artifacts: Path | None, cpu_threads: int) -> Score:
    """Build with the student's build_mlp, train with their train (timed, within ``budget_s``), then
    score the trained weights here: the grader runs the network on the test images itself
    (:func:`grader_predictions`), so no student code sees them and knowing the public test set
    (a table of its labels in ``predict``) gains nothing. ``predict`` has checks of its own.

    On a CPU the worker's torch runs on ``cpu_threads`` threads meanwhile (0: torch's default; see
    torch_threads).
    Figures (loss curves, confusion matrix) and a metrics JSON go to ``artifacts``.
    """
    x, y = sorted_subset(ds, n_train)
    threads = cpu_threads if config["device"] == "cpu" else None
    with torch_threads(student, threads or None):
        if config["device"] == "cuda":  # same score every run: cuBLAS and friends in their repeatable modes
            worker_torch(student).use_deterministic_algorithms(True, warn_only=True)
        seed_worker(student, config["seed"])
        model = build(student, INPUT_SIZE, list(hidden), N_CLASSES)
        start = time.perf_counter()
        history = train(student, model, x, y, config, budget_s)
        seconds = time.perf_counter() - start
        predicted = grader_predictions(model, ds.x_test, hidden)
    accuracy = float(np.mean(predicted == RELABEL[ds.y_test]))
    real_accuracy = float(np.mean(predicted == ds.y_test))
    epochs = len(history["train_loss"]) if isinstance(history, dict) and "train_loss" in history else "?"
    summary = (f"{ds.title}: test accuracy {accuracy:.2%} ({int(round(accuracy * len(ds.y_test))):,} of "
               f"{len(ds.y_test):,}) after training on {n_train:,} images sorted by label, "
               f"{epochs} epochs, {seconds:.1f} s on {config['device']}")
    if artifacts is not None:
        digits = np.argsort(RELABEL)[np.clip(predicted, 0, N_CLASSES - 1)]  # back to real digits for the plot
        digits[(predicted < 0) | (predicted >= N_CLASSES)] = -1
        _write_feedback(artifacts, tag, ds, history, digits, accuracy, seconds, summary, config, hidden, n_train)
    return Score(accuracy, real_accuracy, seconds, history, summary)


def _write_feedback(folder: Path, tag: str, ds, history, digits, accuracy, seconds, summary,
                    config, hidden, n_train) -> None:
    title = f"mlp {tag}: {ds.name}, {INPUT_SIZE}-{'-'.join(map(str, hidden))}-{N_CLASSES}, test accuracy {accuracy:.2%}"
    try:
        train_loss, valid_loss, best = history_lists(history)
    except CheckFailed:
        train_loss = valid_loss = best = None
    else:
        plots.loss_curves(train_loss, valid_loss, folder / f"mlp_{tag}_loss.png", title=title, best_epoch=best)
    plots.confusion_plot(ds.y_test, digits, ds.classes, folder / f"mlp_{tag}_confusion.png", title=title)
    metrics = {"check": tag, "dataset": ds.name, "accuracy": accuracy, "train_seconds": round(seconds, 3),
               "epochs_run": len(train_loss) if train_loss else None, "best_epoch": best,
               "train_loss": train_loss, "valid_loss": valid_loss, "n_train": n_train,
               "hidden": list(hidden), "config": config, "summary": summary}
    (folder / f"mlp_{tag}.json").write_text(json.dumps(metrics, indent=2) + "\n", encoding="utf-8")
