"""Public self-checks for batchnorm: the properties of a standardised batch, the running statistics,
and a gradient check of backward against the grader's numerical gradient of sum(dout * out)."""
import functools

import numpy as np
from hypothesis import given

from graders.testing import gradients
from graders.testing.expect import expect_close, expect_shape
from graders.testing.gradients import expect_gradient
from graders.testing.shared.batchnorm import (
    BACKWARD_HINT, EPS, FORWARD_HINT, MOMENTA, RUNNING_HINT, SMALL_VARIANCE, backward_tolerances, eval_tolerance,
    layers, out_tolerance, running_tolerances,
)

STEP = 1e-5
numerical_gradient = functools.partial(gradients.numerical_gradient, step=STEP)


def batchnorm_of(x, gamma, beta, mean=None, var=None):
    """The grader's own BatchNorm in float64: the batch's statistics, or the ones given."""
    mean, var = (x.mean(axis=0), x.var(axis=0)) if mean is None else (mean, var)
    return gamma * (x - mean) / np.sqrt(var + EPS) + beta


def running_of(xs, momentum):
    mean, var = 0.0, 0.0
    for x in xs:
        mean, var = momentum * mean + (1 - momentum) * x.mean(axis=0), momentum * var + (1 - momentum) * x.var(axis=0)
    return mean, var


@given(case=layers())
def test_train_output_is_standardised(student, case):
    """In training, every column of the output has mean beta and standard deviation |gamma| (batches of 2 to 5)."""
    (x,), gamma, beta, _ = case
    out = expect_shape(student.BatchNorm(gamma, beta).forward(x), x.shape, "BatchNorm.forward(x)", FORWARD_HINT)
    tol, var = out_tolerance(x, gamma, beta), x.var(axis=0)
    expect_close(out.mean(axis=0), beta, f"the column means of BatchNorm(gamma, beta).forward(x) for x {x.shape}",
                 tol=tol, hint=FORWARD_HINT)
    expect_close(out.std(axis=0), np.abs(gamma) * np.sqrt(var / (var + EPS)),
                 f"the column standard deviations of BatchNorm(gamma, beta).forward(x) for x {x.shape}", tol=tol,
                 hint=FORWARD_HINT)


@given(case=SMALL_VARIANCE)
def test_small_variance_forward(student, case):
    """In training, columns whose variance is near eps are normalised by sqrt(var + eps)."""
    (x,), gamma, beta, _ = case
    expect_close(student.BatchNorm(gamma, beta).forward(x), batchnorm_of(x, gamma, beta),
                 f"BatchNorm.forward(x) for x {x.shape} with column variances {x.var(axis=0)}",
                 tol=out_tolerance(x, gamma, beta), hint=FORWARD_HINT)


@given(case=layers())
def test_gradient_check(student, case):
    """BatchNorm.backward(dout)'s dx, dgamma and dbeta match numerical gradients of sum(dout * out)."""
    (x,), gamma, beta, dout = case
    layer, where = student.BatchNorm(gamma, beta), f"for x {x.shape}"
    expect_close(layer.forward(x), batchnorm_of(x, gamma, beta), f"BatchNorm.forward(x) {where}",
                 tol=out_tolerance(x, gamma, beta), hint=FORWARD_HINT)
    # the numerical gradient's own error: float64 rounding over 2 STEP, and STEP**2 times L''' (~ N / std**3)
    min_std = float(np.min(np.sqrt(x.var(axis=0) + EPS)))
    error = (4e-16 * float(np.sum(np.abs(dout) * (np.abs(gamma) * len(x) + np.abs(beta)))) / (2 * STEP)
             + STEP ** 2 * 10 * len(x) * float(np.max(np.abs(gamma * dout))) / min_std ** 3)

    def loss(x_, gamma_, beta_):
        return float(np.sum(dout * batchnorm_of(x_, gamma_, beta_)))

    dx_tol, dgamma_tol, dbeta_tol = backward_tolerances(x, gamma, dout)
    expect_gradient(layer.backward(dout), numerical_gradient(lambda a: loss(a, gamma, beta), x),
                    f"dx = BatchNorm.backward(dout) {where}", dx_tol.widened(error), BACKWARD_HINT)
    expect_gradient(layer.dgamma, numerical_gradient(lambda a: loss(x, a, beta), gamma), f"BatchNorm.dgamma {where}",
                    dgamma_tol.widened(error), BACKWARD_HINT)
    expect_gradient(layer.dbeta, numerical_gradient(lambda a: loss(x, gamma, a), beta), f"BatchNorm.dbeta {where}",
                    dbeta_tol.widened(error), BACKWARD_HINT)


@given(case=layers(batches=3), momentum=MOMENTA)
def test_running_statistics(student, case, momentum):
    """Each training forward sets running_mean and running_var to momentum * old + (1 - momentum) * the batch's."""
    xs, gamma, beta, _ = case
    layer, (mean_tol, var_tol) = student.BatchNorm(gamma, beta, momentum), running_tolerances(xs)
    for i in range(1, len(xs) + 1):
        layer.forward(xs[i - 1])
        mean, var = running_of(xs[:i], momentum)
        where = f"after {i} training forward(s) with momentum {momentum}"
        expect_close(layer.running_mean, mean, f"running_mean {where}", tol=mean_tol, hint=RUNNING_HINT)
        expect_close(layer.running_var, var, f"running_var {where}", tol=var_tol, hint=RUNNING_HINT)


@given(case=layers(batches=3), momentum=MOMENTA)
def test_eval_uses_running_statistics(student, case, momentum):
    """With train_flg=False, forward uses the running statistics (for one row too) and leaves them as they are."""
    xs, gamma, beta, _ = case
    layer, (mean_tol, var_tol) = student.BatchNorm(gamma, beta, momentum), running_tolerances(xs)
    for x in xs[:-1]:
        layer.forward(x)
    mean, var = running_of(xs[:-1], momentum)
    for x in (xs[-1], xs[-1][:1]):
        expect_close(layer.forward(x, train_flg=False), batchnorm_of(x, gamma, beta, mean, var),
                     f"BatchNorm.forward(x, train_flg=False) for x {x.shape} after {len(xs) - 1} training forwards",
                     tol=eval_tolerance(x, gamma, beta, mean, var), hint=RUNNING_HINT)
    expect_close(layer.running_mean, mean, "running_mean after evaluation forwards", tol=mean_tol, hint=RUNNING_HINT)
    expect_close(layer.running_var, var, "running_var after evaluation forwards", tol=var_tol, hint=RUNNING_HINT)
