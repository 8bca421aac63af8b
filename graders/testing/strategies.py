"""Hypothesis strategies shared by the grader suites: the inputs students' code must handle.

The functions that make strategies are cached (functools.lru_cache): suites call them inside
``@st.composite`` draws, once per example, and hypothesis validates every new strategy object,
which cost more than the drawing itself. The same arguments give an equal strategy, so the
examples drawn are the same either way.
"""
from __future__ import annotations

import functools

import numpy as np
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp


#: float32's smallest normal number. A nonzero |v| below it may round to 0 in the float32 code a
#: contract allows (flipping a kink's side), and 1 / v overflows: inputs hold exact zeros instead.
FLOAT32_TINY = float(np.finfo(np.float32).tiny)


def flush_tiny(v: float) -> float:
    """v, or 0.0 where |v| is below :data:`FLOAT32_TINY` (for ``strategy.map``)."""
    return 0.0 if abs(v) < FLOAT32_TINY else v


@functools.lru_cache(maxsize=1024)
def shapes(min_dims: int = 1, max_dims: int = 3, min_side: int = 1, max_side: int = 6):
    """Array shapes, e.g. (3,), (2, 5), (1, 4, 2)."""
    return hnp.array_shapes(min_dims=min_dims, max_dims=max_dims, min_side=min_side, max_side=max_side)


@functools.lru_cache(maxsize=1024)
def floats(low: float = -1e3, high: float = 1e3, width: int = 64):
    return st.floats(low, high, allow_nan=False, allow_infinity=False, width=width)


@functools.lru_cache(maxsize=1024)
def float_arrays(shape=None, low: float = -1e3, high: float = 1e3, dtype=np.float64):
    """Finite float arrays of the given shape (or any shape from :func:`shapes`)."""
    width = np.dtype(dtype).itemsize * 8
    return hnp.arrays(dtype, shape if shape is not None else shapes(), elements=floats(low, high, width))


@functools.lru_cache(maxsize=1024)
def arrays(dtype, shape, elements):
    """``hnp.arrays(dtype, shape, elements=elements)``, made once per set of arguments."""
    return hnp.arrays(dtype, shape, elements=elements)


def probability_rows(shape=None, min_p: float = 0.0):
    """Arrays whose last axis is a probability distribution (non-negative, sums to 1)."""
    def normalise(raw):
        raw = raw + min_p
        return raw / raw.sum(axis=-1, keepdims=True)
    return float_arrays(shape, low=0.01, high=1.0).map(normalise)


def rngs():
    """Seeded numpy generators (the seed is what hypothesis shrinks and reports)."""
    return st.integers(0, 2**32 - 1).map(seeded_rng)


_SEEDS: dict[int, tuple[np.random.Generator, int]] = {}


def seeded_rng(seed: int) -> np.random.Generator:
    """``np.random.default_rng(seed)``, remembered so that a failing example can name its seed."""
    if len(_SEEDS) > 4096:
        _SEEDS.clear()
    rng = np.random.default_rng(seed)
    _SEEDS[id(rng)] = (rng, seed)
    return rng


def seed_of(rng: np.random.Generator) -> int | None:
    """The seed :func:`seeded_rng` made ``rng`` from, or None."""
    entry = _SEEDS.get(id(rng))
    return entry[1] if entry is not None and entry[0] is rng else None
