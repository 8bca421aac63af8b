"""Public self-checks for mlp: the network, the trainer's habits (watched on a short run) and a quick MNIST run.

Most checks need no MNIST and no long training: they give the student's functions small
random data and look at what the network sees (see graders/mlp_grading.py). Only
mnist_quick_accuracy trains on MNIST.
"""
import numpy as np
import pytest

pytest.importorskip("torch", reason="not run: PyTorch is not installed (pip install -e '.[torch]')")

from graders import mlp_grading as g  # noqa: E402
from graders.expect import CheckFailed, expect_close, expect_equal, expect_shape, expect_true  # noqa: E402

SOFTMAX_HINT = ("End build_mlp with a Linear layer. nn.CrossEntropyLoss applies log-softmax itself; a network "
                "ending in nn.Softmax (as in the seed) applies it twice, and its gradients vanish.")
SHUFFLE_HINT = ("Draw a new order every epoch (torch.randperm(n, generator=...)) and slice the batches from "
                "it; shuffle before the train/valid split too.")
EVAL_HINT = "model.eval() before any evaluation (validation loss, predict, evaluate); model.train() before training."
BEST_HINT = ("model.state_dict() returns the live tensors: keep {k: v.detach().clone() for k, v in "
             "model.state_dict().items()} (or copy.deepcopy) and load_state_dict it back after the loop.")


def random_images(n: int, seed: int) -> np.ndarray:
    return np.random.default_rng(seed).integers(0, 256, (n, 28, 28), dtype=np.uint8)


def scaled(images: np.ndarray):
    """What preprocess must give: float32 (N, 784) in [0, 1], as a CPU tensor."""
    return g.tensor(images.reshape(len(images), -1).astype(np.float32) / np.float32(255))


# -- the network --------------------------------------------------------------------------

def test_picks_cuda_when_available(student):
    """pick_device() is CUDA when the machine has a GPU, else the CPU; a device given is used as is."""
    has_cuda = bool(g.worker_torch(student).cuda.is_available())
    for given, expected in ((None, "cuda" if has_cuda else "cpu"), ("cpu", "cpu")):
        device = student.pick_device(given)
        expect_true(not isinstance(device, (str, type(None))), f"pick_device({given!r}) should return a "
                    "torch.device", got=repr(device), hint="return torch.device('cuda') or torch.device('cpu')")
        expect_equal(device.type, expected, f"pick_device({given!r}).type")


@pytest.mark.hint("Linear(sizes[i], sizes[i+1]) for consecutive sizes [input_size, *hidden_sizes], the "
                  "activation (and nn.Dropout(dropout) when dropout > 0) after each hidden Linear, then "
                  "Linear(hidden_sizes[-1], output_size).")
def test_builds_the_layers_asked_for(student):
    """build_mlp(784, [32, 16], 10, 'tanh', 0.3) has the right Linear shapes, Tanh and Dropout(0.3) layers."""
    model = student.build_mlp(784, [32, 16], 10, "tanh", 0.3)
    state = model.state_dict()
    expect_true(isinstance(state, dict), "build_mlp(...) should return a torch.nn.Module", got=repr(model))
    shapes = [tuple(np.shape(v)) for v in state.values()]
    expect_equal([s for s in shapes if len(s) == 2], [(32, 784), (16, 32), (10, 16)],
                 "the weight shapes of build_mlp(784, [32, 16], 10)")
    expect_equal([s for s in shapes if len(s) == 1], [(32,), (16,), (10,)], "the bias shapes")
    kinds = [m._type_name for m in g.submodules(model)]
    expect_equal(kinds.count("Tanh"), 2, "the number of nn.Tanh layers for activation='tanh'")
    dropouts = [m for m in g.submodules(model) if m._type_name == "Dropout"]
    expect_equal(len(dropouts), 2, "the number of nn.Dropout layers for dropout=0.3 and two hidden layers")
    expect_close(float(dropouts[0].p), 0.3, "the drop probability of the nn.Dropout layers")
    single = student.build_mlp(784, [], 10).state_dict()
    expect_equal([tuple(np.shape(v)) for v in single.values()], [(10, 784), (10,)],
                 "the parameter shapes of build_mlp(784, [], 10) (no hidden layer)")


@pytest.mark.hint(SOFTMAX_HINT)
def test_returns_logits_not_probabilities(student):
    """The network outputs logits (raw scores), not softmax probabilities."""
    model = student.build_mlp(784, [32], 10)
    model.eval()
    out = expect_shape(model(scaled(random_images(64, 1))), (64, 10), "model(x) for x of shape (64, 784)")
    probabilities = np.all(out >= 0) and np.allclose(out.sum(axis=1), 1.0, atol=1e-4)
    expect_true(not probabilities, "every output row is non-negative and sums to 1: your network ends in "
                "a softmax, and nn.CrossEntropyLoss would apply softmax a second time", got=out[:2])


@pytest.mark.hint("torch.as_tensor(images).reshape(len(images), -1).float() / 255")
def test_preprocess_scales_to_unit_range(student):
    """preprocess turns uint8 images (N, 28, 28) into float32 (N, 784) = pixels / 255."""
    images = random_images(16, 2)
    images[0, 0, 0], images[0, 0, 1] = 0, 255
    got = student.preprocess(g.tensor(images))
    arr = expect_shape(got, (16, 784), "preprocess(images) for images of shape (16, 28, 28)")
    expect_equal(str(arr.dtype), "float32", "the dtype of preprocess(images)")
    expect_close(arr, images.reshape(16, -1) / 255.0, "preprocess(images)", rtol=1e-6, atol=1e-7)


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

@pytest.mark.hint("Call optimizer.zero_grad() in every step, before loss.backward(): PyTorch adds new "
                  "gradients to the ones already in .grad.")
def test_zero_grad_every_step(student):
    """Gradients are reset in every step, not summed over the steps of an epoch."""
    x, y = random_images(1, 3).repeat(50, axis=0), np.full(50, 3)  # identical samples: every batch has one gradient
    config = {"epochs": 1, "lr": 0.0, "patience": 5, "valid_fraction": 0.2, "seed": 0, "device": "cpu"}
    torch_w = g.worker_torch(student.with_timeout(g.STRUCTURE_BUDGET_S))
    g.seed_worker(student, 0)
    one_step = student.build_mlp(784, [16], 10)
    four_steps = student.build_mlp(784, [16], 10)
    four_steps.load_state_dict({k: g.tensor(np.asarray(v)) for k, v in one_step.state_dict().items()})
    norms = []
    for model, batch_size in ((one_step, 1000), (four_steps, 10)):  # 40 training samples: 1 step, then 4
        student.with_timeout(g.STRUCTURE_BUDGET_S).train(model, g.tensor(x), g.tensor(y),
                                                         {**config, "batch_size": batch_size})
        norms.append(float(torch_w.nn.utils.clip_grad_norm_(model.parameters(), float("inf"))))
    ratio = norms[1] / norms[0] if norms[0] > 0 else (0.0 if norms[1] == 0 else np.inf)
    expect_true(ratio < 1.5, f"after an epoch of 4 steps on identical batches (learning rate 0) the gradients "
                f"are {ratio:.2f} times those of one step: they were summed over the steps, never reset",
                expected="the gradient of the last step only (ratio 1), or none", got=f"ratio {ratio:.2f}")


def test_history_has_losses_per_epoch(student):
    """train returns {'train_loss': [...], 'valid_loss': [...], 'best_epoch': int}, one loss per epoch."""
    run = g.recorded_run(student)
    train_loss, valid_loss, best = g.history_lists(run.history)
    expect_equal(len(train_loss), len(valid_loss), "len(history['train_loss']) vs len(history['valid_loss'])")
    expect_true(len(valid_loss) <= g.RECORD_CONFIG["epochs"], "the history has more epochs than config['epochs']",
                got=len(valid_loss), expected=f"at most {g.RECORD_CONFIG['epochs']}")
    expect_true(0 <= best < len(valid_loss), "history['best_epoch'] is not an epoch of the run", got=best)
    expect_close(valid_loss[best], min(valid_loss), "history['valid_loss'][best_epoch] (the lowest one)")


@pytest.mark.hint("Split once, before the epochs: x_tr, y_tr, x_va, y_va = split_train_valid(x, y, "
                  "config['valid_fraction'], generator); train on x_tr only.")
def test_holds_out_a_validation_set(student):
    """train holds out 20% of the data it is given: never trained on, evaluated every epoch."""
    run = g.recorded_run(student)
    n_train, n_valid = len(run.trained_on), len(run.held_out)
    expect_true(abs(n_train - 0.8 * g.RECORD_N) <= 1, f"train() trained on {n_train} of the {g.RECORD_N} "
                "samples it was given", expected=f"{int(0.8 * g.RECORD_N)} (80%)", got=n_train)
    missed = set(run.held_out) - set(run.eval_ids.tolist())
    expect_true(not missed, f"{len(missed)} of the {n_valid} held-out samples never went through the network "
                "in evaluation mode: the validation loss is not computed on the validation part",
                hint=EVAL_HINT)
    valid_labels = set(run.labels[run.held_out].tolist())
    expect_true(len(valid_labels) > 2, "the validation part of data sorted by label holds only classes "
                f"{sorted(valid_labels)}: the data were not shuffled before the split", hint=SHUFFLE_HINT)


@pytest.mark.hint(SHUFFLE_HINT)
def test_shuffles_every_epoch(student):
    """The training batches come in a new random order every epoch, not in the order given (sorted by label)."""
    run = g.recorded_run(student)
    order, n = run.train_ids, len(run.trained_on)
    expect_true(n > 0 and len(order) >= 2 * n, "train() ran fewer than 2 epochs of training batches",
                got=f"{len(order)} training rows for {n} training samples")
    first, second = order[:n], order[n:2 * n]
    expect_true(not np.all(np.diff(first) > 0), "the first epoch visits the samples in the order given "
                "(sorted by label): the batches are not shuffled", got=first[:12])
    expect_true(not np.array_equal(first, second), "the second epoch visits the samples in the same order as "
                "the first: shuffle every epoch, not once", got=second[:12])


@pytest.mark.hint(EVAL_HINT)
def test_trains_with_dropout_on(student):
    """The training batches run in training mode (dropout active)."""
    run = g.recorded_run(student)
    expect_true(any(p.train_mode for p in run.passes), "no forward pass during train() had dropout active: "
                "the model never trained in training mode (model.train() is missing)")


@pytest.mark.hint(EVAL_HINT)
def test_validates_with_dropout_off(student):
    """The validation loss is computed in evaluation mode (dropout off)."""
    run = g.recorded_run(student)
    evaluated = set(run.eval_ids.tolist())
    expect_true(bool(evaluated), "every forward pass during train() had dropout active: the validation loss "
                "was computed in training mode (call model.eval() before it)")
    in_train_mode = set(run.held_out) & set().union(*(set(p.ids.tolist()) for p in run.passes if p.train_mode))
    expect_true(not in_train_mode, f"{len(in_train_mode)} validation samples went through the network with "
                "dropout active")


@pytest.mark.hint("train() gets only the training data; it must not load MNIST (or anything else) itself. "
                  "The grader keeps the test set and evaluates.")
def test_uses_only_the_data_given(student):
    """Every sample that goes through the network during train() is one of the samples train() was given."""
    run = g.recorded_run(student)
    foreign = sum(int(np.sum(p.ids < 0)) for p in run.passes)
    expect_true(foreign == 0, f"{foreign} rows that went through the network during train() are not among the "
                "samples it was given (or were not scaled as preprocess scales them)")


@pytest.mark.hint(BEST_HINT)
def test_early_stopping_restores_best_weights(student):
    """After train() the model holds the weights of the epoch with the lowest validation loss."""
    run = g.recorded_run(student)
    _, valid_loss, best = g.history_lists(run.history)
    expect_true(run.final_valid_loss is not None, "the model train() returned could not be evaluated on the "
                "validation samples")
    last, lowest = valid_loss[-1], min(valid_loss)
    expect_true(last - lowest > 0.05, "the recorded run's validation loss never rose, so early stopping could not "
                "be tested", got=valid_loss)
    got = run.final_valid_loss
    expect_true(abs(got - lowest) < abs(got - last) and abs(got - lowest) <= 0.05 * lowest + 0.02,
                "the returned model's validation loss is not the lowest of the run: the best weights were not "
                "restored", expected=f"{lowest:.4f} (epoch {int(np.argmin(valid_loss))})",
                got=f"{got:.4f} (last epoch: {last:.4f})")


@pytest.mark.hint("Count the epochs since the best one; stop once that count reaches config['patience'].")
def test_early_stopping_waits_patience_epochs(student):
    """Training stops once the validation loss has not improved for `patience` epochs in a row."""
    run = g.recorded_run(student)
    _, valid_loss, _ = g.history_lists(run.history)
    best, patience = int(np.argmin(valid_loss)), g.RECORD_CONFIG["patience"]
    expected = min(best + patience + 1, g.RECORD_CONFIG["epochs"])
    expect_equal(len(valid_loss), expected, f"the number of epochs run (lowest validation loss at epoch {best}, "
                 f"patience {patience})")


def test_same_seed_same_history(student):
    """Two runs with the same seed and the same initial weights give the same history."""
    images, labels = g.record_data(seed=5)
    config = {**g.RECORD_CONFIG, "epochs": 3, "patience": 5}
    histories = []
    for _ in range(2):
        g.seed_worker(student, 0)
        model = student.build_mlp(784, [32], 10, "relu", 0.5)
        histories.append(g.history_lists(student.with_timeout(g.STRUCTURE_BUDGET_S).train(
            model, g.tensor(images), g.tensor(labels), dict(config)))[:2])
    expect_equal(histories[1], histories[0], "the (train_loss, valid_loss) lists of a second run with seed 0",
                 hint="Seed everything random from config['seed']: torch.manual_seed(seed) and a "
                      "torch.Generator(device).manual_seed(seed) for the split and the shuffles.")


# -- evaluation ------------------------------------------------------------------------------

@pytest.mark.hint(EVAL_HINT)
def test_predict_uses_eval_mode(student):
    """predict gives the argmax of the logits with dropout off, whatever mode the model was left in."""
    images = random_images(200, 4)
    model = student.build_mlp(784, [64], 10, "relu", 0.5)
    predicted = []
    for _ in range(2):
        model.train()
        predicted.append(expect_shape(student.predict(model, g.tensor(images)), (200,), "predict(model, images)"))
    model.eval()
    expected = np.asarray(model(scaled(images))).argmax(axis=1)
    for got in predicted:
        expect_equal(got.astype(np.int64), expected, "predict(model, images) for a model left in training mode")


def test_evaluate_is_accuracy(student):
    """evaluate(model, images, labels) is the share of images whose predicted class is the label."""
    images = random_images(200, 6)
    model = student.build_mlp(784, [64], 10)
    model.eval()
    labels = np.asarray(model(scaled(images))).argmax(axis=1)
    labels[:50] = (labels[:50] + 1) % 10  # 150 of 200 right
    got = student.evaluate(model, g.tensor(images), g.tensor(labels))
    expect_close(got, 0.75, "evaluate(model, images, labels) when 150 of 200 predictions are right",
                 rtol=0, atol=1e-6)


# -- MNIST -------------------------------------------------------------------------------------

@pytest.mark.hint("Check the other mlp checks first: shuffling, scaling by 255, zero_grad, logits. Keep the "
                  "data on the device as one tensor so training fits the time limit.")
def test_mnist_quick_accuracy(student, artifacts):
    """A short training run on 12,000 MNIST images reaches the quick test-accuracy threshold (any device)."""
    s = g.settings()
    ds = g.load_dataset_or_skip("mnist")
    config = {"epochs": s["quick_epochs"], "batch_size": s["quick_batch_size"], "lr": s["quick_lr"],
              "patience": 3, "valid_fraction": 0.2, "seed": s["seed"], "device": "cuda" if g.cuda_available() else "cpu"}
    score = g.train_and_score(student, ds, tag="quick", n_train=s["quick_train_samples"], hidden=s["quick_hidden"],
                              config=config, budget_s=s["quick_budget_s"], artifacts=artifacts)
    expect_true(score.accuracy >= s["quick_threshold"], f"{score.summary}: below the threshold",
                expected=f">= {s['quick_threshold']:.1%}", got=f"{score.accuracy:.2%}")
