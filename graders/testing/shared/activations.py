"""What the activations task's public and hidden suites share (the hidden suite never imports the public one)."""
import functools

import numpy as np
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from graders.testing import strategies as s

# Values every input holds: both sides of 0, two different magnitudes on the positive side.
ANCHORS = ((0.5, 2.0), (3.0, 5.0), (-5.0, -0.5))


# The strategies mixed_arrays draws from are made once per set of arguments (functools.lru_cache):
# hypothesis validates every new strategy object, which made up half of what drawing cost here.
# The same arguments give an equal strategy, so the examples are the same either way.
@functools.lru_cache(maxsize=1024)
def elements(low, high, dtype):
    width = np.dtype(dtype).itemsize * 8
    return s.floats(low, high, width).map(s.flush_tiny)  # step and relu_grad: no tiny x across the kink


@functools.lru_cache(maxsize=1024)
def _arrays_of(dtype, shape, low, high):
    return hnp.arrays(dtype, shape, elements=elements(low, high, dtype))


@functools.lru_cache(maxsize=1024)
def _shapes_of_at_least(shapes, size: int):
    return shapes.filter(lambda shape: int(np.prod(shape)) >= size)


@functools.lru_cache(maxsize=1024)
def _distinct_places(size: int, n: int):
    return st.lists(st.integers(0, size - 1), min_size=n, max_size=n, unique=True)


any_shape = hnp.array_shapes(min_dims=1, max_dims=3, min_side=1, max_side=6)


@functools.lru_cache(maxsize=1024)   # made in a flatmap per example by the hidden suite
@st.composite
def mixed_arrays(draw, low=-1e3, high=1e3, dtype=np.float64, shapes=any_shape, anchors=ANCHORS):
    """Float arrays of values in [low, high] that also hold one value drawn from each anchor range."""
    shape = draw(_shapes_of_at_least(shapes, len(anchors)))
    x = draw(_arrays_of(dtype, shape, low, high))
    flat = x.reshape(-1)
    places = draw(_distinct_places(flat.size, len(anchors)))
    for place, (lo, hi) in zip(places, anchors):
        flat[place] = draw(elements(lo, hi, dtype))
    return flat.reshape(x.shape)
