"""Hidden graders for backprop: each step against the reference on random networks.

Step credit: output_layer_grads, hidden_layer_grads and backprop_step run with the
reference's forward (and gradients, for the step) in place of the student's, so a wrong
forward pass costs the forward checks only, and a wrong gradient does not cost the update.
Tolerances are the public suite's: float32 arithmetic, amplified by the network's
conditioning, gradients compared relative to the size of their terms.
"""
from hypothesis import given
from hypothesis import strategies as st

from graders.testing import strategies as s
from graders.testing.expect import as_array, expect_close, expect_true, tolerance
from graders.testing.shared.backprop import forward_condition, grads_tolerance, step_tolerance

HELPERS = ("sigmoid", "forward", "total_error")
GRADS = ("output_layer_grads", "hidden_layer_grads")


@st.composite
def networks(draw):
    """(x, t, W1, W2) of random sizes (1 to 5 units per layer), weights up to ±3."""
    n_in, n_hidden, n_out = (draw(st.integers(1, 5)) for _ in range(3))
    x = draw(s.float_arrays(shape=(n_in,), low=-3, high=3))
    t = draw(s.float_arrays(shape=(n_out,), low=0, high=1))
    W1 = draw(s.float_arrays(shape=(n_hidden, n_in), low=-3, high=3))
    W2 = draw(s.float_arrays(shape=(n_out, n_hidden), low=-3, high=3))
    return x, t, W1, W2


@st.composite
def outputs_and_targets(draw):
    """(o, t): two float arrays of the same length (1 to 6 outputs), entries in [-2, 2]."""
    n = draw(st.integers(1, 6))
    return tuple(draw(s.float_arrays(shape=(n,), low=-2, high=2)) for _ in range(2))


def copies(net):
    return tuple(a.copy() for a in net)


def sizes(net) -> str:
    x, _, W1, W2 = net
    return f"a {len(x)}-{W1.shape[0]}-{W2.shape[0]} network"


@given(net=networks())
def test_forward_matches_reference(student, reference, net):
    """forward agrees with the reference for networks of any size."""
    x, _, W1, W2 = copies(net)
    got = student.forward(x, W1, W2)
    expect_true(isinstance(got, (tuple, list)) and len(got) == 2, "forward(x, W1, W2) should return (h, o)",
                got=f"{type(got).__name__}: {str(got)[:200]}")
    h, o = reference.forward(net[0], net[2], net[3])
    hint = "Use W1 @ x and W2 @ h, which work for any layer sizes."
    tol = tolerance(steps=2, condition=forward_condition(net[0], net[2], net[3]))
    expect_close(got[0], h, f"h from forward for {sizes(net)}", tol=tol, hint=hint)
    expect_close(got[1], o, f"o from forward for {sizes(net)}", tol=tol, hint=hint)


@given(case=outputs_and_targets())
def test_total_error_matches_reference(student, reference, case):
    """total_error agrees with the reference for any number of outputs."""
    o, t = case
    hint = "Sum 1/2 (t - o)^2 over all outputs."
    got = as_array(student.total_error(o.copy(), t.copy()), "total_error(o, t)", hint)
    expect_true(got.size == 1, "total_error(o, t) should be one number", got=got, hint=hint)
    # A sum of len(o) squares of differences: t - o loses float32's relative accuracy of the
    # larger of |t|, |o|, so the sum is compared relative to the size of its terms.
    magnitude = max(float(abs(o).max()), float(abs(t).max()))
    expect_close(got.reshape(()), reference.total_error(o, t), f"total_error(o, t) for {len(o)} outputs",
                 tol=tolerance(steps=len(o), scale=magnitude ** 2), hint=hint)


@given(net=networks())
def test_output_grads_matches_reference(student, reference, net):
    """output_layer_grads agrees with the reference (on the reference's forward pass)."""
    grads = student.with_reference(reference, *HELPERS).output_layer_grads(*copies(net))
    expect_close(grads, reference.output_layer_grads(*net), f"output_layer_grads for {sizes(net)}",
                 tol=grads_tolerance(*net, "output"),
                 hint="np.outer(-(t - o) * o * (1 - o), h), shape (n_out, n_hidden).")


@given(net=networks())
def test_hidden_grads_matches_reference(student, reference, net):
    """hidden_layer_grads agrees with the reference (on the reference's forward pass)."""
    module = student.with_reference(reference, *HELPERS, "output_layer_grads")
    expect_close(module.hidden_layer_grads(*copies(net)), reference.hidden_layer_grads(*net),
                 f"hidden_layer_grads for {sizes(net)}", tol=grads_tolerance(*net, "hidden"),
                 hint="np.outer((W2.T @ delta) * h * (1 - h), x), shape (n_hidden, n_in).")


@given(net=networks(), lr=st.sampled_from([0.01, 0.1, 0.5, 1.0, 2.5]))
def test_step_matches_reference(student, reference, net, lr):
    """backprop_step agrees with the reference (on the reference's forward pass and gradients)."""
    got = student.with_reference(reference, *HELPERS, *GRADS).backprop_step(*copies(net), lr)
    expect_true(isinstance(got, (tuple, list)) and len(got) == 2,
                "backprop_step should return (W1_new, W2_new)", got=f"{type(got).__name__}: {str(got)[:200]}")
    W1_new, W2_new = reference.backprop_step(*net, lr)
    hint = "Both gradients come from the old W1 and W2; then W <- W - lr * dE/dW, as new arrays."
    # The gradients are the reference's here, but a float32 step rounds them too.
    tol2 = step_tolerance(grads_tolerance(*net, "output"), reference.output_layer_grads(*net), lr)
    tol1 = step_tolerance(grads_tolerance(*net, "hidden"), reference.hidden_layer_grads(*net), lr)
    expect_close(got[1], W2_new, f"W2_new for {sizes(net)}, lr {lr}", tol=tol2, hint=hint)
    expect_close(got[0], W1_new, f"W1_new for {sizes(net)}, lr {lr}", tol=tol1, hint=hint)
