"""Hidden graders for mlp: the full MNIST threshold on a GPU, and the trainer against the reference's contract."""
import numpy as np
import pytest

from graders.testing import mlp_grading as g
from graders.testing.expect import expect_close, expect_true
from graders.testing.mlp_grading import (  # noqa: F401  (the fixture: settings from the points file graded with)
    mlp_settings,
)

g.skip_without_torch()


@pytest.mark.hint("Keep the whole training set on the GPU as one tensor, shuffle with torch.randperm each "
                  "epoch and slice the batches; no DataLoader, no .item() per batch.")
def test_mnist_gpu_accuracy(student, artifacts, mlp_settings, measure):
    """Trained on all 60,000 MNIST images on the GPU, the network reaches the test-accuracy threshold (97.5%)."""
    s = mlp_settings
    on_gpu = g.cuda_available(student)
    if not on_gpu and not s["gpu_check_on_cpu"]:
        instead = ("the smaller CPU check mnist_quick_accuracy ran instead" if g.quick_run_ran(student) else
                   "the smaller CPU check mnist_quick_accuracy did not run in this grading either, so no MNIST "
                   "accuracy was checked")
        pytest.skip(f"not run: {g.no_gpu_reason()}. This check trains on all 60,000 MNIST images and "
                    f"needs >= {s['gpu_threshold']:.1%} test accuracy within {s['gpu_budget_s']:g} s on a GPU; "
                    f"{instead}. Grade on a machine with a GPU to run it.")
    ds = g.load_dataset("mnist")
    config = {"epochs": s["gpu_epochs"], "batch_size": s["gpu_batch_size"], "lr": s["gpu_lr"], "patience": 3,
              "valid_fraction": 0.2, "seed": s["seed"], "device": "cuda" if on_gpu else "cpu"}
    score = g.train_and_score(student, ds, tag="gpu", n_train=len(ds.y_train), hidden=s["gpu_hidden"],
                              config=config, budget_s=s["gpu_budget_s"], artifacts=artifacts,
                              cpu_threads=s["cpu_threads"])
    measure(g.FULL_ACCURACY, score.accuracy)
    expect_true(score.accuracy >= s["gpu_threshold"], f"{score.summary}: below the threshold",
                expected=f">= {s['gpu_threshold']:.1%}", got=f"{score.accuracy:.2%}")


def test_preprocess_matches_reference(student, reference):
    """preprocess agrees with the reference on flat and 28x28 uint8 images."""
    images = np.random.default_rng(7).integers(0, 256, (8, 28, 28), dtype=np.uint8)
    for batch in (images, images.reshape(8, -1)):
        expected = reference.preprocess(g.tensor(batch)).numpy()
        # one float32 division (or multiplication by 1/255) per pixel: the default tolerance
        expect_close(student.preprocess(g.tensor(batch)), expected, f"preprocess(images of shape {batch.shape})")
