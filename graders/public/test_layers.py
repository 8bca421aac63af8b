"""Public self-checks for layers: the seeds' numbers, and gradient checks of every backward.

A gradient check compares your backward pass (the analytic gradient) with a numerical
gradient the grader computes by central differences of your forward pass, in float64:

    dL/dx_i ~ (L(x + h e_i) - L(x - h e_i)) / 2h,   L(x) = sum(forward(x) * dout)

and reports the relative error |analytic - numerical| / max(|analytic|, |numerical|)
(2-norms over the whole array, which stay meaningful when some entries are 0). As in
CS231n's notes: below 1e-7 is right, above 1e-2 is certainly wrong.
"""
import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from graders import strategies as s
from graders.expect import as_array, expect_close, expect_shape, expect_true

STEP = 1e-5
MAX_RELATIVE_ERROR = 1e-6
# log(y + 1e-7), the textbook's cross-entropy, moves the numerical gradient by ~1e-7 / y;
# with the scores used here (|x| <= 1, K <= 4, so y >= 0.04) that stays below 1e-5.
MAX_RELATIVE_ERROR_LOSS = 1e-5
GRAD_EXAMPLES = 10
# The seed's loss -log 0.73659691 is compared to 5e-7, which leaves room for log(y + 1e-7).
LOSS_ATOL = 5e-7

AFFINE_HINT = "dx = dout @ W.T, dW = x.T @ dout (W's shape), db = dout.sum(axis=0) (b's shape)."
SIGMOID_HINT = "dx = dout * out * (1 - out), with out the forward pass's output (not its input x)."
RELU_HINT = "dx = dout where the forward input x was > 0, else 0: keep the mask from forward's x."
LOSS_HINT = ("forward: y = softmax(x) row by row, L = -sum(t * log y) / N; "
             "backward: (y - t) / N, with t as one-hot rows.")


# -- the grader's numerical gradient -------------------------------------------------------
def numerical_gradient(f, a: np.ndarray, step: float = STEP) -> np.ndarray:
    """Central differences of the scalar function f at a (float64 array of any shape)."""
    grad = np.zeros_like(a, dtype=np.float64)
    for i in np.ndindex(a.shape):
        plus, minus = a.copy(), a.copy()
        plus[i] += step
        minus[i] -= step
        grad[i] = (f(plus) - f(minus)) / (2 * step)
    return grad


def relative_error(analytic: np.ndarray, numeric: np.ndarray) -> float:
    """|a - n| / max(|a|, |n|) in the 2-norm; 0 when both are 0."""
    scale = max(np.linalg.norm(analytic), np.linalg.norm(numeric))
    return float(np.linalg.norm(analytic - numeric) / scale) if scale > 0 else 0.0


def expect_gradient(got, numeric: np.ndarray, what: str, hint: str,
                    limit: float = MAX_RELATIVE_ERROR) -> None:
    """The student's analytic gradient ``got`` agrees with ``numeric`` to ``limit``."""
    analytic = expect_shape(got, numeric.shape, what, hint)
    expect_true(np.all(np.isfinite(analytic)), f"{what} contains nan or inf", got=analytic, hint=hint)
    err = relative_error(analytic.astype(np.float64), numeric)
    expect_true(err < limit, f"{what} disagrees with the numerical gradient: relative error {err:.1e} "
                f"(needs < {limit:g}; below 1e-7 is right, above 1e-2 is wrong)",
                expected=numeric, got=analytic, hint=hint)


def weighted_sum(out, dout: np.ndarray, what: str, hint: str) -> float:
    """L = sum(out * dout): the scalar whose gradient backward(dout) must return."""
    return float(np.sum(expect_shape(out, dout.shape, what, hint) * dout))


def expect_scalar(got, what: str, hint: str = "") -> float:
    arr = as_array(got, what, hint)
    expect_true(arr.size == 1, f"{what} should be one number (the mean loss)", got=arr, hint=hint)
    value = float(arr.reshape(()))
    expect_true(np.isfinite(value), f"{what} is nan or inf", got=value, hint=hint)
    return value


def away_from_zero(rng, shape) -> np.ndarray:
    """Values with 0.05 <= |v| <= 2, so x ± STEP never crosses ReLU's kink at 0."""
    return rng.uniform(0.05, 2.0, size=shape) * rng.choice([-1.0, 1.0], size=shape)


# -- Affine --------------------------------------------------------------------------------
def test_affine_seed_example(student):
    """Affine.forward gives seed 003's hidden sums (1.0, 1.3, 0.8) and output 1.235."""
    hint = "out = x @ W + b, with W of shape (D_in, D_out): column j holds the weights into output j."
    W = np.array([[0.8, 0.4, 0.3], [0.2, 0.9, 0.5]])
    out = student.Affine(W, np.zeros(3)).forward(np.array([[1.0, 1.0]]))
    expect_close(out, [[1.0, 1.3, 0.8]], "Affine(W, 0).forward([[1, 1]])", rtol=0, atol=1e-12, hint=hint)
    W_out = np.array([[0.3], [0.5], [0.9]])
    out = student.Affine(W_out, np.zeros(1)).forward(np.array([[0.73, 0.79, 0.69]]))
    expect_close(out, [[1.235]], "Affine(W_out, 0).forward([[0.73, 0.79, 0.69]])", rtol=0, atol=1e-12,
                 hint=hint)
    out = student.Affine(W, np.array([0.5, -1.0, 2.0])).forward(np.array([[1.0, 1.0], [0.0, 0.0]]))
    expect_close(out, [[1.5, 0.3, 2.8], [0.5, -1.0, 2.0]], "Affine(W, b).forward(x) for two rows, "
                 "b = [0.5, -1, 2]", rtol=0, atol=1e-12, hint=hint + " b is added to every row.")


@settings(max_examples=GRAD_EXAMPLES)
@given(rng=s.rngs(), n=st.integers(2, 4), d_in=st.integers(1, 5), d_out=st.integers(1, 4))
def test_affine_gradient_check(student, rng, n, d_in, d_out):
    """Affine.backward's dx, dW and db match numerical gradients (a batch of 2 to 4 rows)."""
    x, W, b = rng.normal(size=(n, d_in)), rng.normal(size=(d_in, d_out)), rng.normal(size=d_out)
    dout = rng.normal(size=(n, d_out))
    where = f"for x {x.shape}, W {W.shape}"

    def loss(x_, W_, b_):
        return weighted_sum(student.Affine(W_, b_).forward(x_), dout, f"Affine.forward(x) {where}", AFFINE_HINT)

    layer = student.Affine(W.copy(), b.copy())
    weighted_sum(layer.forward(x.copy()), dout, f"Affine.forward(x) {where}", AFFINE_HINT)
    dx = layer.backward(dout.copy())
    dW, db = layer.dW, layer.db
    expect_gradient(dx, numerical_gradient(lambda a: loss(a, W, b), x), f"dx = Affine.backward(dout) {where}",
                    AFFINE_HINT)
    expect_gradient(dW, numerical_gradient(lambda a: loss(x, a, b), W), f"Affine.dW {where}", AFFINE_HINT)
    expect_gradient(db, numerical_gradient(lambda a: loss(x, W, a), b), f"Affine.db {where}", AFFINE_HINT)


# -- Sigmoid -------------------------------------------------------------------------------
def test_sigmoid_seed_example(student):
    """Sigmoid gives seed 003's (0.73, 0.79, 0.69) and seed 001's h1, o1 and their derivatives."""
    layer = student.Sigmoid()
    expect_close(layer.forward(np.array([[1.0, 1.3, 0.8]])), [[0.73, 0.79, 0.69]],
                 "Sigmoid().forward([[1.0, 1.3, 0.8]]) (seed 003, 2 decimals)", rtol=0, atol=0.005,
                 hint="out = 1 / (1 + np.exp(-x)).")
    layer = student.Sigmoid()
    z = np.array([[0.08, 0.44498412]])  # seed 001's z1 and z3
    expect_close(layer.forward(z.copy()), [[0.51998934, 0.60944600]],
                 "Sigmoid().forward([[0.08, 0.44498412]]) (seed 001's h1 and o1)", rtol=0, atol=1e-8,
                 hint="out = 1 / (1 + np.exp(-x)).")
    expect_close(layer.backward(np.ones((1, 2))), [[0.24960043, 0.23802157]],
                 "Sigmoid.backward(1) after that forward (seed 001's h1(1 - h1) and o1(1 - o1))",
                 rtol=0, atol=1e-8, hint=SIGMOID_HINT)


@settings(max_examples=GRAD_EXAMPLES)
@given(rng=s.rngs(), shape=s.shapes(1, 2, max_side=4))
def test_sigmoid_gradient_check(student, rng, shape):
    """Sigmoid.backward matches a numerical gradient, for inputs of any shape."""
    x, dout = rng.normal(scale=2.0, size=shape), rng.normal(size=shape)
    what = f"Sigmoid.forward(x) for x of shape {shape}"
    layer = student.Sigmoid()
    weighted_sum(layer.forward(x.copy()), dout, what, SIGMOID_HINT)
    dx = layer.backward(dout.copy())
    numeric = numerical_gradient(lambda a: weighted_sum(layer.forward(a), dout, what, SIGMOID_HINT), x)
    expect_gradient(dx, numeric, f"dx = Sigmoid.backward(dout) for x of shape {shape}", SIGMOID_HINT)


# -- Relu ------------------------------------------------------------------------------------
@given(x=s.float_arrays(shape=s.shapes(1, 3, max_side=5), low=-100, high=100))
def test_relu_forward_values(student, x):
    """Relu.forward(x) is max(0, x) elementwise, for any shape."""
    expect_close(student.Relu().forward(x.copy()), np.maximum(x, 0.0), "Relu().forward(x)", rtol=0, atol=0,
                 hint="out = x where x > 0, else 0 (np.maximum(x, 0), or a copy of x with out[mask] = 0).")


@settings(max_examples=GRAD_EXAMPLES)
@given(rng=s.rngs(), shape=s.shapes(1, 2, max_side=4))
def test_relu_gradient_check(student, rng, shape):
    """Relu.backward matches a numerical gradient (inputs kept away from the kink at 0)."""
    x, dout = away_from_zero(rng, shape), rng.normal(size=shape)
    what = f"Relu.forward(x) for x of shape {shape}"
    layer = student.Relu()
    weighted_sum(layer.forward(x.copy()), dout, what, RELU_HINT)
    dx = layer.backward(dout.copy())
    numeric = numerical_gradient(lambda a: weighted_sum(layer.forward(a), dout, what, RELU_HINT), x)
    expect_gradient(dx, numeric, f"dx = Relu.backward(dout) for x of shape {shape}", RELU_HINT)


def test_relu_forward_keeps_input(student):
    """Relu.forward leaves its input x unchanged."""
    x = np.array([[-1.0, 2.0, -0.5], [3.0, -4.0, 0.0]])
    sent = x.copy()
    student.Relu().forward(sent)
    expect_true(np.array_equal(sent, x), "Relu.forward(x) changed the caller's x", expected=x, got=sent,
                hint="out = x makes out the same array as x, so out[mask] = 0 writes into x. "
                     "Use out = x.copy() or np.maximum(x, 0).")


# -- SoftmaxWithLoss -----------------------------------------------------------------------
SEED_SCORES = np.array([[0.3, 2.9, 4.0]])
SEED_SOFTMAX = np.array([[0.01821127, 0.24519181, 0.73659691]])  # seed 002 / 003
SEED_ONE_HOT = np.array([[0.0, 0.0, 1.0]])


def test_softmax_loss_seed_example(student):
    """SoftmaxWithLoss on seed 003's scores (0.3, 2.9, 4.0), target class 2: L = -log 0.73659691, dx = y - t."""
    layer = student.SoftmaxWithLoss()
    loss = expect_scalar(layer.forward(SEED_SCORES.copy(), SEED_ONE_HOT.copy()),
                         "SoftmaxWithLoss.forward([[0.3, 2.9, 4.0]], [[0, 0, 1]])", LOSS_HINT)
    expect_close(loss, -np.log(SEED_SOFTMAX[0, 2]), "the loss for scores (0.3, 2.9, 4.0), target class 2",
                 rtol=0, atol=LOSS_ATOL, hint=LOSS_HINT)
    expect_close(layer.backward(1.0), SEED_SOFTMAX - SEED_ONE_HOT, "SoftmaxWithLoss.backward(1) (y - t for N = 1)",
                 rtol=0, atol=1e-8, hint=LOSS_HINT)


def test_softmax_loss_batch_mean(student):
    """For N equal rows the loss is the one-row loss (a mean, not a sum) and dx is (y - t) / N."""
    for n in (2, 3):
        layer = student.SoftmaxWithLoss()
        what = f"SoftmaxWithLoss.forward(x, t) for {n} copies of the row (0.3, 2.9, 4.0), target class 2"
        loss = expect_scalar(layer.forward(np.repeat(SEED_SCORES, n, axis=0), np.repeat(SEED_ONE_HOT, n, axis=0)),
                             what, LOSS_HINT)
        expect_close(loss, -np.log(SEED_SOFTMAX[0, 2]), what, rtol=0, atol=LOSS_ATOL,
                     hint="The loss is the mean over the batch: divide the sum by N.")
        expect_close(layer.backward(1.0), np.repeat((SEED_SOFTMAX - SEED_ONE_HOT) / n, n, axis=0),
                     f"SoftmaxWithLoss.backward(1) after that forward (N = {n})", rtol=0, atol=1e-8,
                     hint="The loss is a mean over N rows, so its gradient is (y - t) / N.")


@settings(max_examples=GRAD_EXAMPLES)
@given(rng=s.rngs(), n=st.integers(1, 4), k=st.integers(2, 4))
def test_softmax_loss_label_targets(student, rng, n, k):
    """Class labels t of shape (N,) give the same loss and dx as the matching one-hot rows."""
    x, labels = rng.uniform(-3, 3, size=(n, k)), rng.integers(0, k, size=n)
    hint = "With labels, pick log y[np.arange(N), t]; in backward use one-hot rows (np.eye(K)[t]) for t."
    one_hot_layer, label_layer = student.SoftmaxWithLoss(), student.SoftmaxWithLoss()
    expected = expect_scalar(one_hot_layer.forward(x.copy(), np.eye(k)[labels]),
                             "SoftmaxWithLoss.forward(x, one-hot t)", LOSS_HINT)
    got = expect_scalar(label_layer.forward(x.copy(), labels.copy()), "SoftmaxWithLoss.forward(x, labels)", hint)
    expect_close(got, expected, f"the loss for labels {labels.tolist()} vs for the same one-hot rows",
                 rtol=1e-9, atol=1e-12, hint=hint)
    expected_dx = expect_shape(one_hot_layer.backward(1.0), (n, k), "backward(1) after forward with one-hot t",
                               LOSS_HINT)
    expect_close(label_layer.backward(1.0), expected_dx, f"backward(1) after forward with labels {labels.tolist()}"
                 " vs with the same one-hot rows", rtol=1e-9, atol=1e-12, hint=hint)


@settings(max_examples=GRAD_EXAMPLES)
@given(rng=s.rngs(), n=st.integers(2, 4), k=st.integers(2, 4), labels=st.booleans())
def test_softmax_loss_gradient_check(student, rng, n, k, labels):
    """SoftmaxWithLoss.backward() matches a numerical gradient of the loss (batches of 2 to 4)."""
    x, classes = rng.uniform(-1, 1, size=(n, k)), rng.integers(0, k, size=n)
    t = classes if labels else np.eye(k)[classes]
    what = f"SoftmaxWithLoss.forward(x, t) for x of shape {x.shape}"
    layer = student.SoftmaxWithLoss()
    expect_scalar(layer.forward(x.copy(), t.copy()), what, LOSS_HINT)
    dx = layer.backward(1.0)
    numeric = numerical_gradient(lambda a: expect_scalar(layer.forward(a, t.copy()), what, LOSS_HINT), x)
    expect_gradient(dx, numeric, f"dx = SoftmaxWithLoss.backward(1) for x {x.shape}, "
                    f"t as {'labels' if labels else 'one-hot rows'}", LOSS_HINT, MAX_RELATIVE_ERROR_LOSS)


def test_softmax_loss_forward_keeps_inputs(student):
    """SoftmaxWithLoss.forward leaves its scores x and targets t unchanged."""
    x = np.array([[0.3, 2.9, 4.0], [1.0, -2.0, 0.5]])
    for t in (np.array([[0.0, 0.0, 1.0], [1.0, 0.0, 0.0]]), np.array([2, 0])):
        sent_x, sent_t = x.copy(), t.copy()
        student.SoftmaxWithLoss().forward(sent_x, sent_t)
        for name, sent, original in (("x", sent_x, x), ("t", sent_t, t)):
            expect_true(np.array_equal(sent, original), f"SoftmaxWithLoss.forward(x, t) changed the caller's {name}",
                        expected=original, got=sent,
                        hint="x -= x.max(...) shifts the caller's array in place; write x = x - x.max(...).")
