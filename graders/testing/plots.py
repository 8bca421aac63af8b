"""Figures for a student's feedback, written as PNG files next to the report.

Matplotlib runs with the Agg backend (no display needed) and is imported only when
a figure is drawn: grading without ``--out`` never pays for it.
"""
from __future__ import annotations

from pathlib import Path

import numpy as np


def _pyplot():
    import matplotlib  # start-up time: matplotlib only when a plot is drawn

    matplotlib.use("Agg", force=True)
    import matplotlib.pyplot as plt  # start-up time

    return plt


def loss_curves(train_loss, valid_loss, path: Path, *, title: str, best_epoch: int | None = None) -> Path:
    """Training and validation loss per epoch, with the restored (best) epoch marked.

    Args:
        train_loss, valid_loss: sequences of floats, one per epoch (may differ in length).
        path: where the PNG goes.
        title: the figure's title (what was trained, the accuracy).
        best_epoch: 0-based epoch whose weights were kept, or None.
    """
    plt = _pyplot()
    from matplotlib.ticker import MaxNLocator  # start-up time

    fig, ax = plt.subplots(figsize=(6.4, 4.2), dpi=110)
    for values, label in ((train_loss, "train loss"), (valid_loss, "valid loss")):
        values = np.asarray(values, dtype=float)
        ax.plot(np.arange(1, len(values) + 1), values, marker="o", markersize=3, label=label)
    if best_epoch is not None and 0 <= best_epoch < len(valid_loss):
        ax.axvline(best_epoch + 1, color="grey", linestyle="--", linewidth=1)
        on_right = best_epoch + 1 > (len(valid_loss) + 1) / 2
        ax.text(best_epoch + 1 + (-0.08 if on_right else 0.08), 0.5, "best epoch (weights kept)",
                transform=ax.get_xaxis_transform(), rotation=90, ha="right" if on_right else "left",
                va="center", fontsize=8, color="dimgrey")
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_xlabel("epoch")
    ax.set_ylabel("cross-entropy loss")
    ax.set_title(title, fontsize=10)
    ax.grid(True, alpha=0.3)
    ax.legend()
    fig.tight_layout()
    fig.savefig(path)
    plt.close(fig)
    return Path(path)


def confusion_matrix(y_true: np.ndarray, y_pred: np.ndarray, n_classes: int) -> np.ndarray:
    """int64 (n_classes, n_classes): row = true class, column = predicted class.

    Predictions outside 0..n_classes-1 are left out (the grader reports them elsewhere).
    """
    y_true, y_pred = np.asarray(y_true, dtype=np.int64), np.asarray(y_pred, dtype=np.int64)
    keep = (y_pred >= 0) & (y_pred < n_classes)
    counts = np.zeros((n_classes, n_classes), dtype=np.int64)
    np.add.at(counts, (y_true[keep], y_pred[keep]), 1)
    return counts


def confusion_plot(y_true, y_pred, classes, path: Path, *, title: str) -> Path:
    """The confusion matrix as a heat map with the count in every cell.

    Args:
        y_true, y_pred: int arrays (N,), class indices.
        classes: the class names, in index order.
        path: where the PNG goes.
        title: the figure's title.
    """
    plt = _pyplot()
    counts = confusion_matrix(y_true, y_pred, len(classes))
    fig, ax = plt.subplots(figsize=(6.4, 5.6), dpi=110)
    # Log colour scale: the diagonal (~1000) would otherwise wash out the mistakes (~10).
    image = ax.imshow(np.log1p(counts), cmap="Blues")
    threshold = np.log1p(counts).max() / 2
    for i in range(len(classes)):
        for j in range(len(classes)):
            if counts[i, j]:
                ax.text(j, i, str(counts[i, j]), ha="center", va="center", fontsize=7,
                        color="white" if np.log1p(counts[i, j]) > threshold else "black")
    ticks = np.arange(len(classes))
    ax.set_xticks(ticks, labels=classes, rotation=45 if max(map(len, classes)) > 2 else 0, ha="right"
                  if max(map(len, classes)) > 2 else "center", fontsize=8)
    ax.set_yticks(ticks, labels=classes, fontsize=8)
    ax.set_xlabel("predicted class")
    ax.set_ylabel("true class")
    ax.set_title(title, fontsize=10)
    fig.colorbar(image, ax=ax, fraction=0.046, pad=0.04, label="log(1 + count)")
    fig.tight_layout()
    fig.savefig(path)
    plt.close(fig)
    return Path(path)
