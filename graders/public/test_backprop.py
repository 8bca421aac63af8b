"""Public self-checks for backprop: seed 001's worked 2-2-2 example and gradient checks.

The seed prints 8 decimals, so its numbers are off from the exact ones by up to 5e-9:
the seed checks compare with atol 5e-9 (SEED_ATOL), which any correct float64 code meets.
The gradient checks compare your gradients with central differences of E_total on random
networks of any size; they need no reference solution.
"""
import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from graders import strategies as s
from graders.expect import as_array, expect_close, expect_shape, expect_true

SEED_ATOL = 5e-9
LR = 0.5
X = np.array([0.1, 0.2])
T = np.array([0.4, 0.6])
W1 = np.array([[0.3, 0.25], [0.4, 0.35]])       # w1, w2 / w3, w4
W2 = np.array([[0.45, 0.4], [0.7, 0.6]])        # w5, w6 / w7, w8
H = [0.51998934, 0.52747230]
O = [0.60944600, 0.66384491]
E_BEFORE = 0.02397190
W1_AFTER = [[0.29959556, 0.24919112], [0.39964496, 0.34928991]]
W2_AFTER = [[0.43703857, 0.38685205], [0.69629578, 0.59624247]]
O_AFTER = [0.60617688, 0.66295848]
E_AFTER = 0.02323634
DE_DW5 = 0.02592286
DE_DW1 = 0.00080888

FORWARD_HINT = "h = sigmoid(W1 @ x) and o = sigmoid(W2 @ h); row i of W1 holds the weights into h_i."
OUTPUT_HINT = ("dE/dW2 = np.outer(delta, h) with delta = -(t - o) * o * (1 - o): "
               "the error term, the sigmoid derivative, and the weight's input h.")
HIDDEN_HINT = ("dE/dW1 = np.outer(delta_h, x) with delta_h = (W2.T @ delta) * h * (1 - h): "
               "sum over the outputs, the hidden sigmoid derivative, and the weight's input x.")
STEP_HINT = ("Compute both gradients from the old W1 and W2 first, then return "
             "(W1 - lr * dE/dW1, W2 - lr * dE/dW2) as new arrays.")


def seed_args():
    """Fresh copies of the seed's (x, t, W1, W2), so a student's in-place change stays local."""
    return X.copy(), T.copy(), W1.copy(), W2.copy()


def expect_pair(got, what: str, hint: str = ""):
    """``got`` as a 2-tuple (or list) of anything; the items are checked by the caller."""
    expect_true(isinstance(got, (tuple, list)) and len(got) == 2, f"{what} should return a pair of arrays",
                got=f"{type(got).__name__}: {str(got)[:200]}", hint=hint)
    return got


def expect_scalar(got, what: str, hint: str = "") -> float:
    """``got`` as a Python float: a number or an array holding one number."""
    arr = as_array(got, what, hint)
    expect_true(arr.size == 1, f"{what} should be one number", got=arr, hint=hint)
    return float(arr.reshape(()))


# -- the grader's own forward pass and numerical gradient (no student code) ------------
def error_of(x, t, W1, W2) -> float:
    """E_total of the network, computed here with float64 numpy."""
    h = 1.0 / (1.0 + np.exp(-(W1 @ x)))
    o = 1.0 / (1.0 + np.exp(-(W2 @ h)))
    return 0.5 * float(np.sum((t - o) ** 2))


def numerical_gradient(f, W, step: float = 1e-6) -> np.ndarray:
    """Central differences (f(W + step e_i) - f(W - step e_i)) / 2 step for every entry of W."""
    grad = np.zeros_like(W)
    for i in np.ndindex(W.shape):
        plus, minus = W.copy(), W.copy()
        plus[i] += step
        minus[i] -= step
        grad[i] = (f(plus) - f(minus)) / (2 * step)
    return grad


@st.composite
def networks(draw):
    """(x, t, W1, W2) for a network of random sizes (1 to 4 units per layer) and weights."""
    n_in, n_hidden, n_out = (draw(st.integers(1, 4)) for _ in range(3))
    x = draw(s.float_arrays(shape=(n_in,), low=-2, high=2))
    t = draw(s.float_arrays(shape=(n_out,), low=0, high=1))
    W1 = draw(s.float_arrays(shape=(n_hidden, n_in), low=-2, high=2))
    W2 = draw(s.float_arrays(shape=(n_out, n_hidden), low=-2, high=2))
    return x, t, W1, W2


def sizes(x, W1, W2) -> str:
    return f"a {len(x)}-{W1.shape[0]}-{W2.shape[0]} network"


# -- the forward pass ---------------------------------------------------------------------
def test_forward_seed_example(student):
    """forward gives seed 001's h = (0.51998934, 0.52747230) and o = (0.60944600, 0.66384491)."""
    x, _, w1, w2 = seed_args()
    h, o = expect_pair(student.forward(x, w1, w2), "forward(x, W1, W2)", FORWARD_HINT)
    expect_close(h, H, "h from forward(x, W1, W2) on the seed's network", rtol=0, atol=SEED_ATOL,
                 hint=FORWARD_HINT)
    expect_close(o, O, "o from forward(x, W1, W2) on the seed's network", rtol=0, atol=SEED_ATOL,
                 hint=FORWARD_HINT)


def test_total_error_seed_example(student):
    """total_error gives the seed's E_total 0.02397190 before and 0.02323634 after the step."""
    hint = "E_total = sum of 1/2 (t - o)^2 over the outputs: a sum with the factor 1/2, not a mean."
    for o, expected, when in ((O, E_BEFORE, "before"), (O_AFTER, E_AFTER, "after")):
        got = expect_scalar(student.total_error(np.array(o), T.copy()), "total_error(o, t)", hint)
        expect_close(got, expected, f"total_error(o, t) for the seed's o {when} the step "
                     f"(o = {o}, t = {T.tolist()})", rtol=0, atol=SEED_ATOL, hint=hint)


def expect_seed_grads(grads_fn, name, W, W_label, first, W_after, first_name, updated_names, hint):
    """``grads_fn`` on the seed gives ``first`` at [0, 0], and W - 0.5 * grads the seed's updated weights."""
    grads = expect_shape(grads_fn(*seed_args()), (2, 2), f"{name}(x, t, W1, W2)", hint)
    expect_close(grads[0, 0], first, f"{first_name} = {name}(...)[0, 0]", rtol=0, atol=SEED_ATOL, hint=hint)
    expect_close(W - LR * grads, W_after, f"{W_label} - 0.5 * {name}(...) (the seed's {updated_names})",
                 rtol=0, atol=SEED_ATOL, hint=hint)


# -- step 1: the output layer ----------------------------------------------------------
def test_output_grads_seed_example(student):
    """output_layer_grads gives dE/dW5 = 0.02592286, and W2 - 0.5 * grads gives the seed's W5+..W8+."""
    expect_seed_grads(student.output_layer_grads, "output_layer_grads", W2, "W2", DE_DW5, W2_AFTER,
                      "dE/dW5", "W5+..W8+", OUTPUT_HINT)


@settings(max_examples=20)
@given(net=networks())
def test_output_grads_gradient_check(student, net):
    """output_layer_grads matches a numerical gradient of E_total for networks of any size."""
    x, t, W1, W2 = net
    expected = numerical_gradient(lambda W: error_of(x, t, W1, W), W2)
    expect_close(student.output_layer_grads(x.copy(), t.copy(), W1.copy(), W2.copy()), expected,
                 f"output_layer_grads for {sizes(x, W1, W2)} (vs central differences of E_total)",
                 rtol=1e-5, atol=1e-8, hint=OUTPUT_HINT + " It has W2's shape (n_out, n_hidden).")


# -- step 2: the hidden layer ----------------------------------------------------------
def test_hidden_grads_seed_example(student):
    """hidden_layer_grads gives dE/dW1 = 0.00080888, and W1 - 0.5 * grads gives the seed's W1+..W4+."""
    expect_seed_grads(student.hidden_layer_grads, "hidden_layer_grads", W1, "W1", DE_DW1, W1_AFTER,
                      "dE/dW1", "W1+..W4+", HIDDEN_HINT)


@settings(max_examples=20)
@given(net=networks())
def test_hidden_grads_gradient_check(student, net):
    """hidden_layer_grads matches a numerical gradient of E_total for networks of any size."""
    x, t, W1, W2 = net
    expected = numerical_gradient(lambda W: error_of(x, t, W, W2), W1)
    expect_close(student.hidden_layer_grads(x.copy(), t.copy(), W1.copy(), W2.copy()), expected,
                 f"hidden_layer_grads for {sizes(x, W1, W2)} (vs central differences of E_total)",
                 rtol=1e-5, atol=1e-8, hint=HIDDEN_HINT + " It has W1's shape (n_hidden, n_in).")


# -- the update ------------------------------------------------------------------------------
def test_step_seed_example(student):
    """backprop_step with lr 0.5 gives the seed's W1+..W4+ and W5+..W8+."""
    new_W1, new_W2 = expect_pair(student.backprop_step(*seed_args(), LR), "backprop_step(x, t, W1, W2, 0.5)",
                                 STEP_HINT)
    expect_close(new_W2, W2_AFTER, "W2_new from backprop_step (the seed's W5+..W8+)", rtol=0,
                 atol=SEED_ATOL, hint=STEP_HINT)
    expect_close(new_W1, W1_AFTER, "W1_new from backprop_step (the seed's W1+..W4+)", rtol=0,
                 atol=SEED_ATOL, hint=STEP_HINT)


def test_step_lowers_seed_error(student):
    """After one backprop_step the seed's E_total drops from 0.02397190 to 0.02323634."""
    new_W1, new_W2 = expect_pair(student.backprop_step(*seed_args(), LR), "backprop_step(x, t, W1, W2, 0.5)",
                                 STEP_HINT)
    new_W1 = expect_shape(new_W1, (2, 2), "W1_new from backprop_step", STEP_HINT)
    new_W2 = expect_shape(new_W2, (2, 2), "W2_new from backprop_step", STEP_HINT)
    expect_close(error_of(X, T, new_W1.astype(float), new_W2.astype(float)), E_AFTER,
                 "E_total of the network after your step", rtol=0, atol=SEED_ATOL, hint=STEP_HINT)


def test_step_keeps_inputs(student):
    """backprop_step returns new weights and leaves x, t, W1 and W2 as they were."""
    args = seed_args()
    expect_pair(student.backprop_step(*args, LR), "backprop_step(x, t, W1, W2, 0.5)", STEP_HINT)
    for name, sent, original in zip(("x", "t", "W1", "W2"), args, (X, T, W1, W2)):
        expect_true(np.array_equal(sent, original), f"backprop_step changed its argument {name}",
                    expected=original, got=sent,
                    hint="Return new arrays (W1 - lr * grad) instead of updating in place (W1 -= ...).")
