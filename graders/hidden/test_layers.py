"""Hidden graders for layers: forward and backward of each layer against the reference."""
import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from graders import strategies as s
from graders.expect import as_array, expect_close, expect_true

RTOL, ATOL = 1e-7, 1e-10


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
    x = draw(hnp.arrays(np.float64, shape, elements=elements))
    return x, draw(s.float_arrays(shape=shape, low=-10, high=10))


@st.composite
def scores_and_targets(draw, offsets=st.just(0.0)):
    """(x, t): N x K scores in offset ± 3, and labels (N,) or one-hot rows (N, K)."""
    n, k = draw(st.integers(1, 5)), draw(st.integers(2, 5))
    x = draw(s.float_arrays(shape=(n, k), low=-3, high=3)) + draw(offsets)
    labels = np.array(draw(st.lists(st.integers(0, k - 1), min_size=n, max_size=n)))
    return x, (labels if draw(st.booleans()) else np.eye(k)[labels])


def expect_loss(got, expected: float, what: str, *, rtol: float, atol: float, hint: str) -> None:
    arr = as_array(got, what, hint)
    expect_true(arr.size == 1, f"{what} should be one number (the mean loss)", got=arr, hint=hint)
    expect_close(arr.reshape(()), expected, what, rtol=rtol, atol=atol, hint=hint)


@given(case=affine_cases())
def test_affine_matches_reference(student, reference, case):
    """Affine's out, dx, dW and db agree with the reference for any batch and layer size."""
    x, W, b, dout = case
    mine, ref = student.Affine(W.copy(), b.copy()), reference.Affine(W.copy(), b.copy())
    where = f"for x {x.shape}, W {W.shape}"
    hint = "out = x @ W + b; dx = dout @ W.T; dW = x.T @ dout; db = dout.sum(axis=0)."
    expect_close(mine.forward(x.copy()), ref.forward(x.copy()), f"Affine.forward(x) {where}",
                 rtol=RTOL, atol=ATOL, hint=hint)
    expect_close(mine.backward(dout.copy()), ref.backward(dout.copy()), f"Affine.backward(dout) {where}",
                 rtol=RTOL, atol=ATOL, hint=hint)
    expect_close(mine.dW, ref.dW, f"Affine.dW {where}", rtol=RTOL, atol=ATOL, hint=hint)
    expect_close(mine.db, ref.db, f"Affine.db {where}", rtol=RTOL, atol=ATOL, hint=hint)


@given(case=paired_arrays(s.floats(-50, 50)))
def test_sigmoid_matches_reference(student, reference, case):
    """Sigmoid's forward and backward agree with the reference for any shape, |x| up to 50."""
    x, dout = case
    mine, ref = student.Sigmoid(), reference.Sigmoid()
    hint = "out = 1 / (1 + np.exp(-x)); dx = dout * out * (1 - out)."
    expect_close(mine.forward(x.copy()), ref.forward(x.copy()), f"Sigmoid.forward(x) for shape {x.shape}",
                 rtol=RTOL, atol=1e-12, hint=hint)
    expect_close(mine.backward(dout.copy()), ref.backward(dout.copy()),
                 f"Sigmoid.backward(dout) for shape {x.shape}", rtol=RTOL, atol=1e-12, hint=hint)


# The derivative of ReLU at exactly 0 is a convention (the reference uses 0): not graded.
NONZERO = s.floats(-100, 100).filter(lambda v: v != 0.0)


@given(case=paired_arrays(NONZERO))
def test_relu_matches_reference(student, reference, case):
    """Relu's forward and backward agree with the reference for any shape."""
    x, dout = case
    mine, ref = student.Relu(), reference.Relu()
    hint = "out = max(0, x); dx = dout where x > 0, else 0 (mask from forward's x)."
    expect_close(mine.forward(x.copy()), ref.forward(x.copy()), f"Relu.forward(x) for shape {x.shape}",
                 rtol=0, atol=0, hint=hint)
    expect_close(mine.backward(dout.copy()), ref.backward(dout.copy()), f"Relu.backward(dout) for shape {x.shape}",
                 rtol=0, atol=0, hint=hint)


@given(case=scores_and_targets())
def test_softmax_loss_matches_reference(student, reference, case):
    """SoftmaxWithLoss's loss and dx agree with the reference, for label and one-hot targets."""
    x, t = case
    mine, ref = student.SoftmaxWithLoss(), reference.SoftmaxWithLoss()
    kind = "labels" if t.ndim == 1 else "one-hot rows"
    hint = "L = -sum(t * log softmax(x)) / N; dx = (y - t) / N."
    # rtol 1e-4 leaves room for the textbook's log(y + 1e-7) with these scores (y >= 6e-4).
    expect_loss(mine.forward(x.copy(), t.copy()), ref.forward(x.copy(), t.copy()),
                f"SoftmaxWithLoss.forward(x, t) for x {x.shape}, t as {kind}", rtol=1e-4, atol=1e-6, hint=hint)
    expect_close(mine.backward(1.0), ref.backward(1.0), f"SoftmaxWithLoss.backward(1) for x {x.shape}, t as {kind}",
                 rtol=RTOL, atol=1e-12, hint=hint)


@settings(max_examples=15)
@given(case=scores_and_targets(offsets=st.sampled_from([-1000.0, 1000.0])))
def test_softmax_loss_large_scores(student, reference, case):
    """Scores around ±1000 give a finite loss and the reference's dx."""
    x, t = case
    mine, ref = student.SoftmaxWithLoss(), reference.SoftmaxWithLoss()
    where = f"for scores around {np.mean(x):.0f}"
    hint = "Subtract each row's max from x before np.exp: exp(1000) overflows to inf, exp(-1000) to 0."
    loss = as_array(mine.forward(x.copy(), t.copy()), "SoftmaxWithLoss.forward(x, t)", hint)
    expect_true(np.all(np.isfinite(loss)), f"SoftmaxWithLoss.forward(x, t) is not finite {where}", got=loss,
                hint=hint)
    ref.forward(x.copy(), t.copy())
    expect_close(mine.backward(1.0), ref.backward(1.0), f"SoftmaxWithLoss.backward(1) {where}",
                 rtol=RTOL, atol=1e-12, hint="dx = (y - t) / N with y the max-shifted softmax of x.")
