"""Hidden graders for batchnorm: a BatchNorm layer's training, evaluation and backward against the reference.

BatchNorm is an object with state, so no check here is a row of graders.testing.agreement's Agrees
(which calls one module-level function); each one drives both layers through the same calls."""
from hypothesis import given
from hypothesis import strategies as st

from graders.testing.expect import expect_close
from graders.testing.shared.batchnorm import (
    BACKWARD_HINT, FORWARD_HINT, MOMENTA, RUNNING_HINT, SMALL_VARIANCE, backward_tolerances, eval_tolerance, layers,
    out_tolerance, running_tolerances,
)


def expect_running(mine, ref, xs, where):
    mean_tol, var_tol = running_tolerances(xs)
    expect_close(mine.running_mean, ref.running_mean, f"running_mean {where}", tol=mean_tol, hint=RUNNING_HINT)
    expect_close(mine.running_var, ref.running_var, f"running_var {where}", tol=var_tol, hint=RUNNING_HINT)


def expect_backward(mine, ref, x, gamma, dout, where, eps):
    dx_tol, dgamma_tol, dbeta_tol = backward_tolerances(x, gamma, dout, eps)
    expect_close(mine.backward(dout), ref.backward(dout), f"BatchNorm.backward(dout) {where}", tol=dx_tol,
                 hint=BACKWARD_HINT)
    expect_close(mine.dgamma, ref.dgamma, f"BatchNorm.dgamma {where}", tol=dgamma_tol, hint=BACKWARD_HINT)
    expect_close(mine.dbeta, ref.dbeta, f"BatchNorm.dbeta {where}", tol=dbeta_tol, hint=BACKWARD_HINT)


@given(case=layers(batches=3), momentum=MOMENTA)
def test_training_matches_reference(student, reference, case, momentum):
    """Three training forwards and a backward agree with the reference: out, running statistics, dx, dgamma, dbeta."""
    xs, gamma, beta, dout = case
    mine, ref = student.BatchNorm(gamma, beta, momentum), reference.BatchNorm(gamma, beta, momentum)
    for i, x in enumerate(xs, 1):
        where = f"for training batch {i} of shape {x.shape}, momentum {momentum}"
        expect_close(mine.forward(x), ref.forward(x), f"BatchNorm.forward(x) {where}",
                     tol=out_tolerance(x, gamma, beta), hint=FORWARD_HINT)
        expect_running(mine, ref, xs[:i], f"after training batch {i}, momentum {momentum}")
    expect_backward(mine, ref, xs[-1], gamma, dout, f"after training batch {len(xs)}", ref.eps)


@given(case=layers(batches=3), momentum=MOMENTA)
def test_evaluation_matches_reference(student, reference, case, momentum):
    """After two training forwards, evaluation forwards (a batch, one row) agree with the reference."""
    xs, gamma, beta, _ = case
    mine, ref = student.BatchNorm(gamma, beta, momentum), reference.BatchNorm(gamma, beta, momentum)
    for x in xs[:2]:
        mine.forward(x)
        ref.forward(x)
    for x in (xs[2], xs[2][:1]):
        expect_close(mine.forward(x, False), ref.forward(x, False),
                     f"BatchNorm.forward(x, train_flg=False) for x {x.shape} after two training batches",
                     tol=eval_tolerance(x, gamma, beta, ref.running_mean, ref.running_var), hint=RUNNING_HINT)
    expect_running(mine, ref, xs, "after two training batches and two evaluation forwards")


@given(case=SMALL_VARIANCE, eps=st.sampled_from([1e-7, 1e-8, 1e-6]))
def test_small_variance_matches_reference(student, reference, case, eps):
    """Columns whose variance is near eps (1e-8 to 1e-6) agree with the reference, forward and backward."""
    (x,), gamma, beta, dout = case
    mine, ref = student.BatchNorm(gamma, beta, eps=eps), reference.BatchNorm(gamma, beta, eps=eps)
    where = f"for x {x.shape} with column variances {x.var(axis=0)}, eps {eps}"
    expect_close(mine.forward(x), ref.forward(x), f"BatchNorm.forward(x) {where}",
                 tol=out_tolerance(x, gamma, beta, eps), hint=FORWARD_HINT)
    expect_backward(mine, ref, x, gamma, dout, where, eps)
