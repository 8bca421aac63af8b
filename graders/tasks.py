"""The curriculum: every task id, in course order, with what the grader needs to run it.

A task's id is the name of its module in ``exercises/`` and ``solutions/`` and of its
grader suites ``graders/public/test_<id>.py`` and ``graders/hidden/test_<id>.py``.
Points are not here: they are the instructor's, in ``graders/points.toml``.
"""
from __future__ import annotations

import importlib.util
from dataclasses import dataclass

from graders.engine.process_tree import TREE_MEMORY_MB


@dataclass(frozen=True)
class Requirement:
    """A library the grader needs to grade a task; without it the task is not graded."""

    module: str      # what the grader imports
    name: str        # what to call it in a message
    fix: str         # how to install it

    def missing(self) -> bool:
        try:
            return importlib.util.find_spec(self.module) is None
        except (ImportError, ValueError):
            return True


TORCH = Requirement("torch", "PyTorch", "install it: python -m pip install torch (on a machine with a CUDA GPU, "
                                        "the build for your CUDA from pytorch.org)")


@dataclass(frozen=True)
class Task:
    id: str
    title: str
    assignment: str          # the nbgrader assignment (topic group) it is handed out in
    call_timeout: float = 10.0   # seconds one call into student code may take
    memory_mb: int | None = 2048  # address-space cap of the worker process
    tree_memory_mb: int = TREE_MEMORY_MB  # memory of the worker and its children together
    requires: tuple[Requirement, ...] = ()
    datasets: tuple[str, ...] = ()   # what its graders read (graders/env/datasets.py's names)

    def unmet(self) -> Requirement | None:
        """The first library this task's graders need that is not installed, or None."""
        return next((r for r in self.requires if r.missing()), None)


TASKS: tuple[Task, ...] = (
    Task("gates", "Perceptron logic gates", "perceptron"),
    Task("perceptron_learning", "Learning a perceptron", "perceptron"),
    Task("activations", "Activation functions and their derivatives", "activations_softmax_losses"),
    Task("softmax", "Softmax", "activations_softmax_losses"),
    Task("losses", "Loss functions and entropy", "activations_softmax_losses"),
    Task("encoding", "One-hot encoding", "activations_softmax_losses"),
    Task("gradients", "Numerical gradients and gradient descent", "gradients"),
    Task("linear_regression", "Linear regression by gradient descent", "gradients"),
    Task("backprop", "Backpropagation by hand", "backprop"),
    Task("layers", "Layers with forward and backward", "backprop"),
    Task("optimizers", "Optimizers", "training"),
    Task("init", "Weight initialisation", "training"),
    Task("regularization", "Dropout and L2", "training"),
    Task("metrics", "Classification metrics", "training"),
    Task("mlp", "An MLP on MNIST in PyTorch", "mlp", call_timeout=600.0, memory_mb=None,
         tree_memory_mb=6144, requires=(TORCH,), datasets=("mnist",)),   # room for a CUDA context and PyTorch's libraries
)

BY_ID = {task.id: task for task in TASKS}


def get(task_id: str) -> Task:
    try:
        return BY_ID[task_id]
    except KeyError:
        known = ", ".join(BY_ID)
        raise KeyError(f"unknown task '{task_id}'; the tasks are: {known}") from None
