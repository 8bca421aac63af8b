"""Public self-checks for backprop: the worked 2-2-2 example of course notes 001, and gradient checks.

The notes print 8 decimals, so their numbers are off from the exact ones by up to 5e-9;
the checks allow that, plus the rounding of float32 arithmetic (any float dtype is fine).
The gradient checks compare your gradients and your update with central differences of
E_total that the grader computes itself, on random networks of any size; they need no
reference solution.
"""
import functools

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from graders.testing import gradients
from graders.testing import strategies as s
from graders.testing.expect import EXACT, Tolerance, expect_close, expect_scalar, expect_shape, expect_true, tolerance
from graders.testing.shared.backprop import W1, W2, forward_condition, forward_of, grads_tolerance, step_tolerance

LR = 0.5
X = np.array([0.1, 0.2])
T = np.array([0.4, 0.6])
H = [0.51998934, 0.52747230]
O = [0.60944600, 0.66384491]
E_BEFORE = 0.02397190
W1_AFTER = [[0.29959556, 0.24919112], [0.39964496, 0.34928991]]
W2_AFTER = [[0.43703857, 0.38685205], [0.69629578, 0.59624247]]
O_AFTER = [0.60617688, 0.66295848]
E_AFTER = 0.02323634
DE_DW5 = 0.02592286
DE_DW1 = 0.00080888
PRINTED_DECIMALS = 8

FORWARD_HINT = "h = sigmoid(W1 @ x) and o = sigmoid(W2 @ h); row i of W1 holds the weights into h_i."
ERROR_HINT = "E_total = sum of 1/2 (t - o)^2 over the outputs: a sum with the factor 1/2, not a mean."
OUTPUT_HINT = ("dE/dW2 = np.outer(delta, h) with delta = -(t - o) * o * (1 - o): "
               "the error term, the sigmoid derivative, and the weight's input h.")
HIDDEN_HINT = ("dE/dW1 = np.outer(delta_h, x) with delta_h = (W2.T @ delta) * h * (1 - h): "
               "sum over the outputs, the hidden sigmoid derivative, and the weight's input x.")
STEP_HINT = ("Compute both gradients from the old W1 and W2 first, then return "
             "(W1 - lr * dE/dW1, W2 - lr * dE/dW2) as new arrays; W1 -= ... would change the caller's W1.")


def seed_args():
    """Fresh copies of the notes' (x, t, W1, W2)."""
    return X.copy(), T.copy(), W1.copy(), W2.copy()


def expect_pair(got, what: str, hint: str = ""):
    """``got`` as a 2-tuple (or list) of anything; the items are checked by the caller."""
    expect_true(isinstance(got, (tuple, list)) and len(got) == 2, f"{what} should return a pair of arrays",
                got=f"{type(got).__name__}: {str(got)[:200]}", hint=hint)
    return got


def error_of(x, t, W1, W2) -> float:
    """E_total of the network, computed here with float64 numpy."""
    _, o = forward_of(x, W1, W2)
    return 0.5 * float(np.sum((t - o) ** 2))


numerical_gradient = functools.partial(gradients.numerical_gradient, step=1e-6)
#: How far numerical_gradient can be off: float64 rounding of an E_total below 10,
#: 2 eps64 * 10 / (2 * 1e-6) = 2e-9, and the truncation step**2 * E''' / 6, below 1e-11 here.
NUMERICAL_ERROR = 2e-9


def with_numerical_error(tol: Tolerance) -> Tolerance:
    """``tol`` widened by how far the grader's own central differences can be off."""
    return tol.widened(NUMERICAL_ERROR)


def printed(tol: Tolerance, decimals: int = PRINTED_DECIMALS) -> Tolerance:
    """``tol`` widened by half a unit of the notes' last printed digit."""
    return tol.widened(0.5 * 10.0 ** -decimals)


def seed_grads():
    """The exact dE/dW1 and dE/dW2 of the notes' network, by central differences."""
    return (numerical_gradient(lambda W: error_of(X, T, W, W2), W1),
            numerical_gradient(lambda W: error_of(X, T, W1, W), W2))


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
def test_forward_course_notes_example(student):
    """forward gives the notes' h = (0.51998934, 0.52747230) and o = (0.60944600, 0.66384491)."""
    x, _, w1, w2 = seed_args()
    h, o = expect_pair(student.forward(x, w1, w2), "forward(x, W1, W2)", FORWARD_HINT)
    tol = printed(tolerance(steps=2, condition=forward_condition(X, W1, W2)))
    expect_close(h, H, "h from forward(x, W1, W2) on the notes' network", tol=tol, hint=FORWARD_HINT)
    expect_close(o, O, "o from forward(x, W1, W2) on the notes' network", tol=tol, hint=FORWARD_HINT)


def test_total_error_course_notes_example(student):
    """total_error gives the notes' E_total 0.02397190 before and 0.02323634 after the step."""
    for o, expected, when in ((O, E_BEFORE, "before"), (O_AFTER, E_AFTER, "after")):
        got = expect_scalar(student.total_error(np.array(o), T.copy()), "total_error(o, t)", ERROR_HINT)
        # o is printed to 8 decimals too, which moves E by at most |t - o| * 5e-9 per output:
        # 1.1e-9 here, inside the float32 allowance.
        expect_close(got, expected, f"total_error(o, t) for the notes' o {when} the step "
                     f"(o = {o}, t = {T.tolist()})", tol=printed(tolerance(steps=2)), hint=ERROR_HINT)


def expect_seed_grads(grads_fn, name, W, W_label, first, W_after, first_name, updated_names, which, hint):
    """``grads_fn`` on the notes' network gives ``first`` at [0, 0], and W - 0.5 * grads the
    notes' updated weights."""
    grads = expect_shape(grads_fn(*seed_args()), (2, 2), f"{name}(x, t, W1, W2)", hint)
    grads_tol = grads_tolerance(X, T, W1, W2, which)
    expect_close(grads[0, 0], first, f"{first_name} = {name}(...)[0, 0]", tol=printed(grads_tol), hint=hint)
    exact = seed_grads()[0 if which == "hidden" else 1]
    expect_close(W - LR * grads.astype(float), W_after, f"{W_label} - 0.5 * {name}(...) (the notes' {updated_names})",
                 tol=printed(step_tolerance(grads_tol, exact, LR)), hint=hint)


# -- step 1: the output layer ----------------------------------------------------------
def test_output_grads_course_notes_example(student):
    """output_layer_grads gives dE/dW5 = 0.02592286, and W2 - 0.5 * grads gives the notes' W5+..W8+."""
    expect_seed_grads(student.output_layer_grads, "output_layer_grads", W2, "W2", DE_DW5, W2_AFTER,
                      "dE/dW5", "W5+..W8+", "output", OUTPUT_HINT)


@given(net=networks())
def test_output_grads_gradient_check(student, net):
    """output_layer_grads matches a numerical gradient of E_total for networks of any size."""
    x, t, W1, W2 = net
    expected = numerical_gradient(lambda W: error_of(x, t, W1, W), W2)
    expect_close(student.output_layer_grads(x.copy(), t.copy(), W1.copy(), W2.copy()), expected,
                 f"output_layer_grads for {sizes(x, W1, W2)} (vs central differences of E_total)",
                 tol=with_numerical_error(grads_tolerance(x, t, W1, W2, "output")),
                 hint=OUTPUT_HINT + " It has W2's shape (n_out, n_hidden).")


# -- step 2: the hidden layer ----------------------------------------------------------
def test_hidden_grads_course_notes_example(student):
    """hidden_layer_grads gives dE/dW1 = 0.00080888, and W1 - 0.5 * grads gives the notes' W1+..W4+."""
    expect_seed_grads(student.hidden_layer_grads, "hidden_layer_grads", W1, "W1", DE_DW1, W1_AFTER,
                      "dE/dW1", "W1+..W4+", "hidden", HIDDEN_HINT)


@given(net=networks())
def test_hidden_grads_gradient_check(student, net):
    """hidden_layer_grads matches a numerical gradient of E_total for networks of any size."""
    x, t, W1, W2 = net
    expected = numerical_gradient(lambda W: error_of(x, t, W, W2), W1)
    expect_close(student.hidden_layer_grads(x.copy(), t.copy(), W1.copy(), W2.copy()), expected,
                 f"hidden_layer_grads for {sizes(x, W1, W2)} (vs central differences of E_total)",
                 tol=with_numerical_error(grads_tolerance(x, t, W1, W2, "hidden")),
                 hint=HIDDEN_HINT + " It has W1's shape (n_hidden, n_in).")


# -- the update ------------------------------------------------------------------------------
def seed_step_tolerances():
    """The tolerances of the notes' W1+ and W2+ (float32 arithmetic and the printing)."""
    grads1, grads2 = seed_grads()
    return (printed(step_tolerance(grads_tolerance(X, T, W1, W2, "hidden"), grads1, LR)),
            printed(step_tolerance(grads_tolerance(X, T, W1, W2, "output"), grads2, LR)))


def test_step_course_notes_example(student):
    """backprop_step with lr 0.5 gives the notes' W1+..W4+ and W5+..W8+."""
    new_W1, new_W2 = expect_pair(student.backprop_step(*seed_args(), LR), "backprop_step(x, t, W1, W2, 0.5)",
                                 STEP_HINT)
    tol1, tol2 = seed_step_tolerances()
    expect_close(new_W2, W2_AFTER, "W2_new from backprop_step (the notes' W5+..W8+)", tol=tol2, hint=STEP_HINT)
    expect_close(new_W1, W1_AFTER, "W1_new from backprop_step (the notes' W1+..W4+)", tol=tol1, hint=STEP_HINT)


def test_step_lowers_course_notes_error(student):
    """After one backprop_step the notes' E_total drops from 0.02397190 to 0.02323634."""
    new_W1, new_W2 = expect_pair(student.backprop_step(*seed_args(), LR), "backprop_step(x, t, W1, W2, 0.5)",
                                 STEP_HINT)
    new_W1 = expect_shape(new_W1, (2, 2), "W1_new from backprop_step", STEP_HINT).astype(float)
    new_W2 = expect_shape(new_W2, (2, 2), "W2_new from backprop_step", STEP_HINT).astype(float)
    # E_total is computed here from your weights, so it may move by what the weights may:
    # the sum over the weights of |dE/dW| times each weight's allowance, and the printing.
    W1_after, W2_after = np.array(W1_AFTER), np.array(W2_AFTER)
    allowed = 0.0
    for W_after, tol, grads in zip((W1_after, W2_after), seed_step_tolerances(),
                                   (numerical_gradient(lambda W: error_of(X, T, W, W2_after), W1_after),
                                    numerical_gradient(lambda W: error_of(X, T, W1_after, W), W2_after))):
        allowed += float(np.sum(np.abs(grads) * (tol.atol + tol.rtol * np.abs(W_after))))
    expect_close(error_of(X, T, new_W1, new_W2), E_AFTER, "E_total of the network after your step",
                 tol=printed(EXACT.widened(allowed)), hint=STEP_HINT)


@given(net=networks(), lr=st.sampled_from([0.1, 0.5, 1.0]))
def test_step_gradient_check(student, net, lr):
    """backprop_step returns new weights W - lr * (numerical gradient of E_total), leaving its arguments as they were."""
    x, t, W1, W2 = net
    got = expect_pair(student.backprop_step(x.copy(), t.copy(), W1.copy(), W2.copy(), lr),
                      f"backprop_step(x, t, W1, W2, {lr})", STEP_HINT)
    grads2 = numerical_gradient(lambda W: error_of(x, t, W1, W), W2)
    expect_close(got[1], W2 - lr * grads2, f"W2_new from backprop_step for {sizes(x, W1, W2)}, lr {lr} "
                 "(vs W2 - lr * central differences of E_total)",
                 tol=step_tolerance(with_numerical_error(grads_tolerance(x, t, W1, W2, "output")), grads2, lr),
                 hint=STEP_HINT)
    grads1 = numerical_gradient(lambda W: error_of(x, t, W, W2), W1)
    expect_close(got[0], W1 - lr * grads1, f"W1_new from backprop_step for {sizes(x, W1, W2)}, lr {lr} "
                 "(vs W1 - lr * central differences of E_total)",
                 tol=step_tolerance(with_numerical_error(grads_tolerance(x, t, W1, W2, "hidden")), grads1, lr),
                 hint=STEP_HINT)
