"""Hidden graders for layers: forward and backward of each layer against the reference.

Every backward gets a random upstream gradient dout. Tolerances are the public suite's:
float32 arithmetic, by formula.
"""
import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from graders.testing import strategies as s
from graders.testing.expect import as_array, expect_close, expect_true, tolerance
from graders.testing.shared.layers import (
    LOSS_DOUTS,
    affine_tolerances,
    loss_tolerances,
    sigmoid_dx_tolerance,
    sigmoid_out_tolerance,
)


@st.composite
def affine_cases(draw):
    """(x, W, b, dout) for a batch of 1 to 5 rows, 1 to 5 inputs and outputs."""
    n, d_in, d_out = draw(st.integers(1, 5)), draw(st.integers(1, 5)), draw(st.integers(1, 5))
    arrays = [draw(s.float_arrays(shape=shape, low=-10, high=10))
              for shape in ((n, d_in), (d_in, d_out), (d_out,), (n, d_out))]
    return tuple(arrays)


@st.composite
def paired_arrays(draw, elements):
    """(x, dout) of the same shape (up to 3 axes); x's entries drawn from ``elements``."""
    shape = draw(s.shapes(1, 3, max_side=5))
    x = draw(s.arrays(np.float64, shape, elements))
    return x, draw(s.float_arrays(shape=shape, low=-10, high=10))


@st.composite
def scores_and_targets(draw, offsets=st.just(0.0)):
    """(x, t): N x K scores in offset ± 3, and labels (N,) or one-hot rows (N, K)."""
    n, k = draw(st.integers(1, 5)), draw(st.integers(2, 5))
    x = draw(s.float_arrays(shape=(n, k), low=-3, high=3)) + draw(offsets)
    labels = np.array(draw(st.lists(st.integers(0, k - 1), min_size=n, max_size=n)))
    return x, (labels if draw(st.booleans()) else np.eye(k)[labels])


def one_hot_of(x, t):
    return np.eye(x.shape[1])[t] if t.ndim == 1 else t


def expect_loss(got, expected: float, what: str, tol, hint: str) -> None:
    arr = as_array(got, what, hint)
    expect_true(arr.size == 1, f"{what} should be one number (the mean loss)", got=arr, hint=hint)
    expect_close(arr.reshape(()), expected, what, tol=tol, hint=hint)


@given(case=affine_cases())
def test_affine_matches_reference(student, reference, case):
    """Affine's out, dx, dW and db agree with the reference for any batch and layer size and any dout."""
    x, W, b, dout = case
    mine, ref = student.Affine(W.copy(), b.copy()), reference.Affine(W.copy(), b.copy())
    where = f"for x {x.shape}, W {W.shape}"
    hint = "out = x @ W + b; dx = dout @ W.T; dW = x.T @ dout; db = dout.sum(axis=0)."
    out_tol, dx_tol, dW_tol, db_tol = affine_tolerances(x, W, b, dout)
    expect_close(mine.forward(x.copy()), ref.forward(x.copy()), f"Affine.forward(x) {where}", tol=out_tol, hint=hint)
    expect_close(mine.backward(dout.copy()), ref.backward(dout.copy()), f"Affine.backward(dout) {where}",
                 tol=dx_tol, hint=hint)
    expect_close(mine.dW, ref.dW, f"Affine.dW {where}", tol=dW_tol, hint=hint)
    expect_close(mine.db, ref.db, f"Affine.db {where}", tol=db_tol, hint=hint)


@given(case=paired_arrays(s.floats(-50, 50)))
def test_sigmoid_matches_reference(student, reference, case):
    """Sigmoid's forward and backward agree with the reference for any shape, |x| up to 50, and any dout."""
    x, dout = case
    mine, ref = student.Sigmoid(), reference.Sigmoid()
    hint = "out = 1 / (1 + np.exp(-x)); dx = dout * out * (1 - out)."
    expect_close(mine.forward(x.copy()), ref.forward(x.copy()), f"Sigmoid.forward(x) for shape {x.shape}",
                 tol=sigmoid_out_tolerance(x), hint=hint)
    expect_close(mine.backward(dout.copy()), ref.backward(dout.copy()),
                 f"Sigmoid.backward(dout) for shape {x.shape}", tol=sigmoid_dx_tolerance(x, dout), hint=hint)


# The derivative of ReLU at exactly 0 is a convention (the reference uses 0): not graded. Nor is it
# where float32 arithmetic (which the docstring allows) rounds x to 0.
NONZERO = s.floats(-100, 100).filter(lambda v: abs(v) >= np.finfo(np.float32).tiny)


@given(case=paired_arrays(NONZERO))
def test_relu_matches_reference(student, reference, case):
    """Relu's forward and backward agree with the reference for any shape and any dout."""
    x, dout = case
    # backward may write into dout (the docstring allows dout[self.mask] = 0).
    mine, ref = student.with_in_place("dout").Relu(), reference.Relu()
    hint = "out = max(0, x); dx = dout where x > 0, else 0 (mask from forward's x)."
    expect_close(mine.forward(x.copy()), ref.forward(x.copy()), f"Relu.forward(x) for shape {x.shape}",
                 tol=tolerance(), hint=hint)
    expect_close(mine.backward(dout=dout.copy()), ref.backward(dout.copy()),
                 f"Relu.backward(dout) for shape {x.shape}", tol=tolerance(), hint=hint)


@given(case=scores_and_targets(), dout=LOSS_DOUTS)
def test_softmax_loss_matches_reference(student, reference, case, dout):
    """SoftmaxWithLoss's loss and backward(dout) agree with the reference, for label and one-hot targets."""
    x, t = case
    mine, ref = student.SoftmaxWithLoss(), reference.SoftmaxWithLoss()
    kind = "labels" if t.ndim == 1 else "one-hot rows"
    hint = "L = -sum(t * log softmax(x)) / N; dx = dout * (y - t) / N."
    loss_tol, dx_tol = loss_tolerances(x, one_hot_of(x, t), dout)
    expect_loss(mine.forward(x.copy(), t.copy()), ref.forward(x.copy(), t.copy()),
                f"SoftmaxWithLoss.forward(x, t) for x {x.shape}, t as {kind}", loss_tol, hint)
    expect_close(mine.backward(dout), ref.backward(dout),
                 f"SoftmaxWithLoss.backward({dout!r}) for x {x.shape}, t as {kind}", tol=dx_tol, hint=hint)


@given(case=scores_and_targets(offsets=st.sampled_from([-1000.0, 1000.0])), dout=LOSS_DOUTS)
def test_softmax_loss_large_scores(student, reference, case, dout):
    """Scores around ±1000 give the reference's finite loss and dx."""
    x, t = case
    mine, ref = student.SoftmaxWithLoss(), reference.SoftmaxWithLoss()
    where = f"for scores around {np.mean(x):.0f}"
    hint = "Subtract each row's max from x before np.exp: exp(1000) overflows to inf, exp(-1000) to 0."
    loss_tol, dx_tol = loss_tolerances(x, one_hot_of(x, t), dout)
    loss = as_array(mine.forward(x.copy(), t.copy()), "SoftmaxWithLoss.forward(x, t)", hint)
    expect_true(np.all(np.isfinite(loss)), f"SoftmaxWithLoss.forward(x, t) is not finite {where}", got=loss,
                hint=hint)
    expect_loss(loss, ref.forward(x.copy(), t.copy()), f"SoftmaxWithLoss.forward(x, t) {where}", loss_tol, hint)
    expect_close(mine.backward(dout), ref.backward(dout), f"SoftmaxWithLoss.backward({dout!r}) {where}",
                 tol=dx_tol, hint="dx = dout * (y - t) / N with y the max-shifted softmax of x.")
