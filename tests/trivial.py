"""Trivial implementations: code that has the right shape but does not compute its task.

A trivial implementation of a task replaces every function (and every method but
``__init__``) the student writes, as the reference marks them with solution markers, by
one that returns something of the reference's shape and type but unrelated to the input:

- ``zeros``: zeros of the reference output's shape and dtype (False for bools, 0 for ints);
- ``constant``: every entry of an array the mean of the reference's entries (a softmax
  becomes the uniform distribution), a scalar 1 (1.0, True);
- ``input``: the function's first argument, unchanged (``self`` aside).

A function that returns None (it works in place, like an optimizer's ``update``) does
nothing in all three: it leaves its arguments untouched. The reference runs on copies of
the arguments, so nothing it does in place reaches the caller.

Every check of a task must fail for each of them: a property that also holds for zeros,
a constant or the input tells nothing (tests/test_trivial.py).
"""
from __future__ import annotations

import ast
from pathlib import Path

from tests.kit import SOLUTIONS

KINDS = ("zeros", "constant", "input")

HELPERS = '''

# --- a trivial implementation: {kind} ---
import copy as _trivial_copy
import functools as _trivial_functools

import numpy as _trivial_np


def _trivial_like(value, kind):
    if isinstance(value, _trivial_np.ndarray):
        if kind == "zeros" or value.size == 0:
            return _trivial_np.zeros_like(value)
        fill = value.mean() if value.size > 1 and value.dtype.kind in "fc" else 1
        return _trivial_np.full_like(value, fill)
    if isinstance(value, (bool, _trivial_np.bool_)):
        return type(value)(kind != "zeros")
    if isinstance(value, (int, float, _trivial_np.number)):
        return type(value)(0 if kind == "zeros" else 1)
    if isinstance(value, (list, tuple)):
        return type(value)(_trivial_like(v, kind) for v in value)
    if isinstance(value, dict):
        return {{key: _trivial_like(v, kind) for key, v in value.items()}}
    if type(value).__module__.startswith("torch") and hasattr(value, "detach"):
        import torch
        return torch.zeros_like(value) if kind == "zeros" else torch.ones_like(value)
    return value   # an object (a network): as the reference made it


def _trivial(function, kind, method=False):
    @_trivial_functools.wraps(function)
    def trivial(*args, **kwargs):
        out = function(*_trivial_copy.deepcopy(args), **_trivial_copy.deepcopy(kwargs))
        if out is None:
            return None
        given = list(args[1:] if method else args) + list(kwargs.values())
        if kind == "input" and given:
            return given[0]
        return _trivial_like(out, kind)
    return trivial
'''


def solution_targets(task: str) -> tuple[list[str], dict[str, list[str]]]:
    """The functions and the methods (by class) of ``solutions/<task>.py`` that hold a solution region."""
    source = (SOLUTIONS / f"{task}.py").read_text(encoding="utf-8")
    lines = source.splitlines()

    def has_solution(node) -> bool:
        return any("### BEGIN SOLUTION" in line for line in lines[node.lineno - 1:node.end_lineno])

    functions, methods = [], {}
    for node in ast.parse(source).body:
        if isinstance(node, ast.FunctionDef) and has_solution(node):
            functions.append(node.name)
        elif isinstance(node, ast.ClassDef):
            names = [item.name for item in node.body if isinstance(item, ast.FunctionDef)
                     and item.name != "__init__" and has_solution(item)]
            if names:
                methods[node.name] = names
    return functions, methods


def trivial_source(task: str, kind: str) -> str:
    """``solutions/<task>.py`` with every function the student writes made trivial (see KINDS)."""
    assert kind in KINDS, kind
    functions, methods = solution_targets(task)
    lines = [HELPERS.format(kind=kind)]
    lines += [f"{name} = _trivial({name}, {kind!r})" for name in functions]
    lines += [f"{cls}.{name} = _trivial({cls}.{name}, {kind!r}, method=True)"
              for cls, names in methods.items() for name in names]
    return (SOLUTIONS / f"{task}.py").read_text(encoding="utf-8") + "\n".join(lines) + "\n"


def make_trivial_submission(folder: Path, task: str, kind: str) -> Path:
    """A submission folder: the reference modules, with ``task``'s made trivial."""
    from tests.kit import make_submission

    make_submission(folder)
    (folder / f"{task}.py").write_text(trivial_source(task, kind), encoding="utf-8")
    return folder
