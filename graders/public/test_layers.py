"""Public self-checks for layers: the course notes' numbers, and gradient checks of every backward.

A gradient check gives backward a random upstream gradient dout (the layer above's
dL/d(out)) and compares what it returns with a numerical gradient of

    L(x) = sum(dout * forward(x))

computed by the grader by central differences, dL/dx_i ~ (L(x + h e_i) - L(x - h e_i)) / 2h,
from the layer's formula in float64 (so that a float32 forward does not blur it; your
forward is compared with the same formula first). A backward that ignores dout, or
returns the layer's local derivative alone, fails. The comparison allows float32
rounding; the message also shows the relative error |analytic - numerical| /
max(|analytic|, |numerical|) over the whole array (2-norms): below 1e-6 is right, above
1e-2 is certainly wrong.
"""
import functools

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from graders.testing import expect, gradients
from graders.testing import strategies as s
from graders.testing.expect import expect_close, tolerance
from graders.testing.gradients import expect_gradient
from graders.testing.shared.layers import (
    LOSS_DOUTS,
    affine_out_tolerance,
    affine_tolerances,
    log_softmax_of,
    loss_tolerances,
    sigmoid_dx_tolerance,
    sigmoid_out_tolerance,
    widened,
)

STEP = 1e-5
numerical_gradient = functools.partial(gradients.numerical_gradient, step=STEP)
expect_scalar = functools.partial(expect.expect_scalar, meaning="the mean loss", finite=True)   # SoftmaxWithLoss's

AFFINE_HINT = "dx = dout @ W.T, dW = x.T @ dout (W's shape), db = dout.sum(axis=0) (b's shape)."
SIGMOID_HINT = ("dx = dout * out * (1 - out), with out the forward pass's output (not its input x), "
                "times dout: the gradient from the layer above.")
RELU_HINT = ("dx = dout where the forward input x was > 0, else 0: keep the mask from forward's x, "
             "and pass dout itself (not 1) where the unit was on.")
LOSS_HINT = ("forward: y = softmax(x) row by row, L = -sum(t * log y) / N; "
             "backward(dout): dout * (y - t) / N, with t as one-hot rows.")
RELU_FORWARD_HINT = ("out = x where x > 0, else 0: np.maximum(x, 0), or out = x.copy() then out[mask] = 0 "
                     "(out = x makes out the same array as x, so out[mask] = 0 would change the caller's x).")


# -- the grader's own layers, in float64 (no student code) ------------------------------
def affine_of(x, W, b):
    return x @ W + b


def sigmoid_of(x):
    return 1.0 / (1.0 + np.exp(-x))


def softmax_loss_of(x, one_hot):
    """The mean cross-entropy of softmax(x) against one-hot rows."""
    return float(-np.sum(one_hot * log_softmax_of(x)) / x.shape[0])


def numerical_error(terms: float, dout_max: float) -> float:
    """How far numerical_gradient can be off for an L = sum(dout * out) whose terms add up to
    ``terms`` in size: float64 rounding, 4 eps64 * terms / (2 STEP), and the truncation
    STEP**2 * |L'''| / 6, with |L'''| <= 6 |dout| for these layers (sigmoid''' <= 1/8)."""
    return 4 * float(np.finfo(np.float64).eps) * terms / (2 * STEP) + STEP ** 2 * dout_max




# -- inputs ------------------------------------------------------------------------------------
@functools.lru_cache(maxsize=1024)   # made in a flatmap per example
@st.composite
def mixed_signs(draw, shape, low: float = 0.05, high: float = 2.0):
    """A float array of ``shape`` with low <= |v| <= high, at least one entry negative and one
    positive (when it has two): x +- STEP never crosses ReLU's kink at 0, and a ReLU that
    returns x or 0 everywhere cannot pass."""
    size = int(np.prod(shape))
    magnitudes = draw(s.float_arrays(shape=(size,), low=low, high=high))
    signs = np.array(draw(st.lists(st.sampled_from([-1.0, 1.0]), min_size=size, max_size=size)))
    if size >= 2:
        negative, positive = draw(st.integers(0, size - 1)), draw(st.integers(0, size - 2))
        positive += positive >= negative
        signs[negative], signs[positive] = -1.0, 1.0
    return (magnitudes * signs).reshape(shape)


@st.composite
def relu_cases(draw):
    """(x, dout): x with mixed signs away from 0, dout in [-2, 2], both of one shape (1 or 2 axes)."""
    shape = draw(s.shapes(1, 2, max_side=4))
    return draw(mixed_signs(shape)), draw(s.float_arrays(shape=shape, low=-2, high=2))


@st.composite
def sigmoid_cases(draw):
    """(x, dout): x in [-6, 6], dout in [-2, 2], both of one shape (1 or 2 axes)."""
    shape = draw(s.shapes(1, 2, max_side=4))
    return draw(s.float_arrays(shape=shape, low=-6, high=6)), draw(s.float_arrays(shape=shape, low=-2, high=2))


@st.composite
def affine_cases(draw):
    """(x, W, b, dout) for a batch of 2 to 4 rows, 1 to 5 inputs and 1 to 4 outputs, entries in [-2, 2]."""
    n, d_in, d_out = draw(st.integers(2, 4)), draw(st.integers(1, 5)), draw(st.integers(1, 4))
    return tuple(draw(s.float_arrays(shape=shape, low=-2, high=2))
                 for shape in ((n, d_in), (d_in, d_out), (d_out,), (n, d_out)))


@st.composite
def scores_and_labels(draw):
    """(x, labels): N x K scores in [-3, 3] (N 2 to 4, K 2 to 4) and class labels (N,)."""
    n, k = draw(st.integers(2, 4)), draw(st.integers(2, 4))
    x = draw(s.float_arrays(shape=(n, k), low=-3, high=3))
    return x, np.array(draw(st.lists(st.integers(0, k - 1), min_size=n, max_size=n)))


# -- Affine --------------------------------------------------------------------------------
def test_affine_course_notes_example(student):
    """Affine.forward gives the hidden sums (1.0, 1.3, 0.8) and output 1.235 of course notes 003."""
    hint = "out = x @ W + b, with W of shape (D_in, D_out): column j holds the weights into output j."
    for W, b, x, expected, what in (
            (np.array([[0.8, 0.4, 0.3], [0.2, 0.9, 0.5]]), np.zeros(3), np.array([[1.0, 1.0]]),
             [[1.0, 1.3, 0.8]], "Affine(W, 0).forward([[1, 1]])"),
            (np.array([[0.3], [0.5], [0.9]]), np.zeros(1), np.array([[0.73, 0.79, 0.69]]),
             [[1.235]], "Affine(W_out, 0).forward([[0.73, 0.79, 0.69]])"),
            (np.array([[0.8, 0.4, 0.3], [0.2, 0.9, 0.5]]), np.array([0.5, -1.0, 2.0]),
             np.array([[1.0, 1.0], [0.0, 0.0]]), [[1.5, 0.3, 2.8], [0.5, -1.0, 2.0]],
             "Affine(W, b).forward(x) for two rows, b = [0.5, -1, 2] (b is added to every row)")):
        expect_close(student.Affine(W.copy(), b.copy()).forward(x.copy()), expected, what,
                     tol=affine_out_tolerance(x, W, b), hint=hint)


@given(case=affine_cases())
def test_affine_gradient_check(student, case):
    """Affine.backward(dout)'s dx, dW and db match numerical gradients of sum(dout * out) (a batch of 2 to 4 rows)."""
    x, W, b, dout = case
    where = f"for x {x.shape}, W {W.shape}"
    out_tol, dx_tol, dW_tol, db_tol = affine_tolerances(x, W, b, dout)
    layer = student.Affine(W.copy(), b.copy())
    expect_close(layer.forward(x.copy()), affine_of(x, W, b), f"Affine.forward(x) {where}", tol=out_tol,
                 hint=AFFINE_HINT)
    dx = layer.backward(dout.copy())
    dW, db = layer.dW, layer.db
    error = numerical_error(float(np.sum(np.abs(dout) * (np.abs(x) @ np.abs(W) + np.abs(b)))), 0.0)

    def loss(x_, W_, b_):
        return float(np.sum(dout * affine_of(x_, W_, b_)))

    expect_gradient(dx, numerical_gradient(lambda a: loss(a, W, b), x), f"dx = Affine.backward(dout) {where}",
                    widened(dx_tol, error), AFFINE_HINT)
    expect_gradient(dW, numerical_gradient(lambda a: loss(x, a, b), W), f"Affine.dW {where}",
                    widened(dW_tol, error), AFFINE_HINT)
    expect_gradient(db, numerical_gradient(lambda a: loss(x, W, a), b), f"Affine.db {where}",
                    widened(db_tol, error), AFFINE_HINT)


# -- Sigmoid -------------------------------------------------------------------------------
def test_sigmoid_course_notes_example(student):
    """Sigmoid gives (0.73, 0.79, 0.69) of course notes 003, and h1, o1 and their derivatives of notes 001."""
    hint = "out = 1 / (1 + np.exp(-x))."
    x = np.array([[1.0, 1.3, 0.8]])
    expect_close(student.Sigmoid().forward(x.copy()), [[0.73, 0.79, 0.69]],
                 "Sigmoid().forward([[1.0, 1.3, 0.8]]) (course notes 003, 2 decimals)",
                 tol=widened(sigmoid_out_tolerance(x), 0.5e-2), hint=hint)
    layer = student.Sigmoid()
    z, ones = np.array([[0.08, 0.44498412]]), np.ones((1, 2))  # the notes' z1 and z3
    expect_close(layer.forward(z.copy()), [[0.51998934, 0.60944600]],
                 "Sigmoid().forward([[0.08, 0.44498412]]) (course notes 001's h1 and o1)",
                 tol=widened(sigmoid_out_tolerance(z), 0.5e-8), hint=hint)
    expect_close(layer.backward(ones.copy()), [[0.24960043, 0.23802157]],
                 "Sigmoid.backward([[1, 1]]) after that forward (course notes 001's h1(1 - h1) and o1(1 - o1))",
                 tol=widened(sigmoid_dx_tolerance(z, ones), 0.5e-8), hint=SIGMOID_HINT)


@given(case=sigmoid_cases())
def test_sigmoid_gradient_check(student, case):
    """Sigmoid.backward(dout) matches a numerical gradient of sum(dout * out), for inputs of any shape."""
    x, dout = case
    layer = student.Sigmoid()
    expect_close(layer.forward(x.copy()), sigmoid_of(x), f"Sigmoid.forward(x) for x of shape {x.shape}",
                 tol=sigmoid_out_tolerance(x), hint="out = 1 / (1 + np.exp(-x)).")
    numeric = numerical_gradient(lambda a: float(np.sum(dout * sigmoid_of(a))), x)
    expect_gradient(layer.backward(dout.copy()), numeric, f"dx = Sigmoid.backward(dout) for x of shape {x.shape}",
                    widened(sigmoid_dx_tolerance(x, dout),
                            numerical_error(float(np.sum(np.abs(dout))), float(np.max(np.abs(dout))))),
                    SIGMOID_HINT)


# -- Relu ------------------------------------------------------------------------------------
@given(x=s.shapes(1, 3, max_side=5).flatmap(lambda shape: mixed_signs(shape, low=1e-3, high=100)))
def test_relu_forward_values(student, x):
    """Relu.forward(x) is max(0, x) elementwise, for any shape, and leaves x as it was."""
    expect_close(student.Relu().forward(x.copy()), np.maximum(x, 0.0), "Relu().forward(x)", tol=tolerance(),
                 hint=RELU_FORWARD_HINT)


@given(case=relu_cases())
def test_relu_gradient_check(student, case):
    """Relu.backward(dout) matches a numerical gradient of sum(dout * out) (inputs kept away from the kink at 0)."""
    x, dout = case
    # backward may write into dout (the docstring allows dout[self.mask] = 0).
    layer = student.with_in_place("dout").Relu()
    expect_close(layer.forward(x.copy()), np.maximum(x, 0.0), f"Relu.forward(x) for x of shape {x.shape}",
                 tol=tolerance(), hint=RELU_FORWARD_HINT)
    numeric = numerical_gradient(lambda a: float(np.sum(dout * np.maximum(a, 0.0))), x)
    expect_gradient(layer.backward(dout=dout.copy()), numeric, f"dx = Relu.backward(dout) for x of shape {x.shape}",
                    widened(tolerance(scale=float(np.max(np.abs(dout)))),
                            numerical_error(float(np.sum(np.abs(dout * x))), 0.0)), RELU_HINT)


# -- SoftmaxWithLoss -----------------------------------------------------------------------
SEED_SCORES = np.array([[0.3, 2.9, 4.0]])
SEED_SOFTMAX = np.array([[0.01821127, 0.24519181, 0.73659691]])  # course notes 002 / 003
SEED_ONE_HOT = np.array([[0.0, 0.0, 1.0]])
#: The loss -log y is printed through y (8 decimals): it is off by up to 0.5e-8 / y.
SEED_LOSS_PRINTING = 0.5e-8 / SEED_SOFTMAX[0, 2]


def test_softmax_loss_course_notes_example(student):
    """SoftmaxWithLoss on the notes' scores (0.3, 2.9, 4.0), target class 2: L = -log 0.73659691, dx = y - t."""
    layer = student.SoftmaxWithLoss()
    loss_tol, dx_tol = loss_tolerances(SEED_SCORES, SEED_ONE_HOT, 1.0)
    loss = expect_scalar(layer.forward(SEED_SCORES.copy(), SEED_ONE_HOT.copy()),
                         "SoftmaxWithLoss.forward([[0.3, 2.9, 4.0]], [[0, 0, 1]])", LOSS_HINT)
    expect_close(loss, -np.log(SEED_SOFTMAX[0, 2]), "the loss for scores (0.3, 2.9, 4.0), target class 2",
                 tol=widened(loss_tol, SEED_LOSS_PRINTING), hint=LOSS_HINT)
    expect_close(layer.backward(1.0), SEED_SOFTMAX - SEED_ONE_HOT, "SoftmaxWithLoss.backward(1) (y - t for N = 1)",
                 tol=widened(dx_tol, 0.5e-8), hint=LOSS_HINT)


def test_softmax_loss_batch_mean(student):
    """For N equal rows the loss is the one-row loss (a mean, not a sum) and dx is (y - t) / N."""
    for n in (2, 3):
        layer = student.SoftmaxWithLoss()
        x, one_hot = np.repeat(SEED_SCORES, n, axis=0), np.repeat(SEED_ONE_HOT, n, axis=0)
        loss_tol, dx_tol = loss_tolerances(x, one_hot, 1.0)
        what = f"SoftmaxWithLoss.forward(x, t) for {n} copies of the row (0.3, 2.9, 4.0), target class 2"
        loss = expect_scalar(layer.forward(x.copy(), one_hot.copy()), what, LOSS_HINT)
        expect_close(loss, -np.log(SEED_SOFTMAX[0, 2]), what, tol=widened(loss_tol, SEED_LOSS_PRINTING),
                     hint="The loss is the mean over the batch: divide the sum by N.")
        expect_close(layer.backward(1.0), np.repeat((SEED_SOFTMAX - SEED_ONE_HOT) / n, n, axis=0),
                     f"SoftmaxWithLoss.backward(1) after that forward (N = {n})", tol=widened(dx_tol, 0.5e-8 / n),
                     hint="The loss is a mean over N rows, so its gradient is (y - t) / N.")


@given(case=scores_and_labels())
def test_softmax_loss_label_targets(student, case):
    """Class labels t of shape (N,) give the loss and dx of the matching one-hot rows."""
    x, labels = case
    one_hot = np.eye(x.shape[1])[labels]
    loss_tol, dx_tol = loss_tolerances(x, one_hot, 1.0)
    hint = "With labels, pick log y[np.arange(N), t]; in backward use one-hot rows (np.eye(K)[t]) for t."
    layer = student.SoftmaxWithLoss()
    loss = expect_scalar(layer.forward(x.copy(), labels.copy()), "SoftmaxWithLoss.forward(x, labels)", hint)
    expect_close(loss, softmax_loss_of(x, one_hot), f"the loss for labels {labels.tolist()} "
                 "(the same as for their one-hot rows)", tol=loss_tol, hint=hint)
    expect_close(layer.backward(1.0), (np.exp(log_softmax_of(x)) - one_hot) / x.shape[0],
                 f"backward(1) after forward with labels {labels.tolist()} (the same as for their one-hot rows)",
                 tol=dx_tol, hint=hint)


@given(case=scores_and_labels(), dout=LOSS_DOUTS, as_labels=st.booleans())
def test_softmax_loss_gradient_check(student, case, dout, as_labels):
    """SoftmaxWithLoss.backward(dout) matches a numerical gradient of dout * L (batches of 2 to 4)."""
    x, classes = case
    one_hot = np.eye(x.shape[1])[classes]
    t = classes if as_labels else one_hot
    kind = "labels" if as_labels else "one-hot rows"
    loss_tol, dx_tol = loss_tolerances(x, one_hot, dout)
    layer = student.SoftmaxWithLoss()
    loss = expect_scalar(layer.forward(x.copy(), t.copy()), f"SoftmaxWithLoss.forward(x, t) for x {x.shape}",
                         LOSS_HINT)
    expect_close(loss, softmax_loss_of(x, one_hot), f"SoftmaxWithLoss.forward(x, t) for x {x.shape}, t as {kind}",
                 tol=loss_tol, hint=LOSS_HINT)
    numeric = numerical_gradient(lambda a: dout * softmax_loss_of(a, one_hot), x)
    error = numerical_error(abs(dout) * (float(np.max(np.abs(x))) + np.log(x.shape[1])), abs(dout))
    expect_gradient(layer.backward(dout), numeric, f"dx = SoftmaxWithLoss.backward({dout!r}) for x {x.shape}, "
                    f"t as {kind}", widened(dx_tol, error), LOSS_HINT)
