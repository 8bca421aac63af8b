"""Public self-checks for optimizers: first steps worked out by hand, convergence, the update contract.

The checks that hold for every optimizer (convergence, in place, state per name, zero
gradients) go through the classes you have written and skip the ones that still raise
NotImplementedError; those are graded in their own checks.
"""
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from graders import strategies as s
from graders.expect import expect_close, expect_true
from graders.remote import NotAttempted

EPS = 1e-8
ALL = ("SGD", "Momentum", "Nesterov", "AdaGrad", "RMSprop", "Adam")
STATEFUL = ALL[1:]
ADAPTIVE = ("AdaGrad", "RMSprop", "Adam")
IN_PLACE_HINT = ("Change the arrays in params (params[key] -= step), or replace the entries "
                 "(params[key] = new array); don't build and return a new dict, and leave grads alone.")

STEPS_TO_CONVERGE = 80
# Hyperparameters that make each optimizer settle on QUADRATIC within STEPS_TO_CONVERGE steps.
CONVERGING = {
    "SGD": {"lr": 0.1},
    "Momentum": {"lr": 0.05, "momentum": 0.8},
    "Nesterov": {"lr": 0.05, "momentum": 0.9},
    "AdaGrad": {"lr": 0.5},
    "RMSprop": {"lr": 0.05, "decay_rate": 0.99},
    "Adam": {"lr": 0.1},
}
QUADRATIC = {"W": np.array([[0.5, 1.0], [2.0, 4.0]]), "b": np.array([1.0, 3.0, 0.25])}  # f = Σ a·w²
START = {"W": np.array([[1.0, -2.0], [3.0, -0.5]]), "b": np.array([2.0, -1.0, 1.5])}


def copy(arrays: dict) -> dict:
    return {key: np.array(value, dtype=np.float64) for key, value in arrays.items()}


def run(opt, params: dict, grad_steps) -> None:
    """Call opt.update(params, grads) once per grads dict in grad_steps (copies: grads must not change)."""
    update = opt.update  # one attribute lookup, not one per step
    for grads in grad_steps:
        update(params, copy(grads))


def each_written(names, check) -> None:
    """check(name) for every optimizer in names that is written.

    One that still raises NotImplementedError is skipped (its own checks grade it);
    the check reads "not attempted" only when none of them is written.
    """
    skipped = []
    for name in names:
        try:
            check(name)
        except NotAttempted as exc:
            skipped.append(exc)
    if len(skipped) == len(names):
        raise skipped[0]


SMALL_SHAPES = s.shapes(1, 2, max_side=3)


def arrays(shape=SMALL_SHAPES):
    return s.float_arrays(shape=shape, low=-3.0, high=3.0)


def gradients(shape):
    """Nonzero gradients of either sign, 0.1 <= |g| <= 10."""
    signs = hnp.arrays(np.float64, shape, elements=st.sampled_from([-1.0, 1.0]))
    return st.tuples(s.float_arrays(shape=shape, low=0.1, high=10), signs).map(lambda pair: pair[0] * pair[1])


def weights_and_grads(n_grads: int):
    """(w, [g1, ..., gn]): a weight array and n gradients of its shape."""
    return SMALL_SHAPES.flatmap(
        lambda shape: st.tuples(arrays(shape), st.lists(gradients(shape), min_size=n_grads, max_size=n_grads)))


def expect_weights(got, expected, what: str) -> None:
    """Weights equal to the by-hand values up to rounding (eps = 1e-8 included, so it must be right)."""
    expect_close(got, expected, what, rtol=1e-9, atol=1e-12)


# -- each optimizer's first steps, by hand ---------------------------------------------------------
def test_sgd_seed_example(student):
    """Seed 001: W5 = 0.45 with gradient 0.02592286 and lr 0.5 becomes 0.43703857."""
    params = {"W5": np.array([0.45])}
    student.SGD(lr=0.5).update(params, {"W5": np.array([0.02592286])})
    expect_close(params["W5"], [0.43703857], "params['W5'] after SGD(lr=0.5).update", rtol=0, atol=5e-9,
                 hint="w <- w - lr * g, changing params in place.")


@pytest.mark.hint("w <- w - lr * g for every name in params.")
@settings(max_examples=12)
@given(wg=weights_and_grads(1), b=arrays(), lr=s.floats(0.001, 1))
def test_sgd_step_by_hand(student, wg, b, lr):
    """One SGD step on {"W", "b"} gives w - lr·g for each."""
    w, (g,) = wg
    params, grads = {"W": w.copy(), "b": b.copy()}, {"W": g, "b": -b}
    student.SGD(lr=lr).update(params, copy(grads))
    expect_weights(params["W"], w - lr * g, f"params['W'] after SGD(lr={lr:g})")
    expect_weights(params["b"], b + lr * b, f"params['b'] after SGD(lr={lr:g})")


@pytest.mark.hint("v <- momentum * v - lr * g, then w <- w + v; v starts at zeros and is kept per name.")
@settings(max_examples=12)
@given(wg=weights_and_grads(2), lr=s.floats(0.001, 0.5), mu=s.floats(0, 0.99))
def test_momentum_first_steps(student, wg, lr, mu):
    """Momentum from v = 0: w₁ = w₀ - lr·g₁, then w₂ = w₁ - momentum·lr·g₁ - lr·g₂."""
    w, (g1, g2) = wg
    opt, params = student.Momentum(lr=lr, momentum=mu), {"W": w.copy()}
    run(opt, params, [{"W": g1}])
    w1 = w - lr * g1
    expect_weights(params["W"], w1, "w after the first Momentum step")
    run(opt, params, [{"W": g2}])
    expect_weights(params["W"], w1 - mu * lr * g1 - lr * g2, "w after the second Momentum step")


@pytest.mark.hint("v <- momentum * v - lr * g, then w <- w + momentum * v - lr * g with the new v.")
@settings(max_examples=12)
@given(wg=weights_and_grads(2), lr=s.floats(0.001, 0.5), mu=s.floats(0, 0.99))
def test_nesterov_first_steps(student, wg, lr, mu):
    """Nesterov from v = 0: w₁ = w₀ - (1 + momentum)·lr·g₁, then w₂ = w₁ - momentum²·lr·g₁ - (1 + momentum)·lr·g₂."""
    w, (g1, g2) = wg
    opt, params = student.Nesterov(lr=lr, momentum=mu), {"W": w.copy()}
    run(opt, params, [{"W": g1}])
    w1 = w - (1 + mu) * lr * g1
    expect_weights(params["W"], w1, "w after the first Nesterov step")
    run(opt, params, [{"W": g2}])
    expect_weights(params["W"], w1 - mu**2 * lr * g1 - (1 + mu) * lr * g2, "w after the second Nesterov step")


@pytest.mark.hint("h <- h + g * g, then w <- w - lr * g / (np.sqrt(h) + 1e-8).")
@settings(max_examples=12)
@given(wg=weights_and_grads(1), lr=s.floats(0.001, 1))
def test_adagrad_first_steps(student, wg, lr):
    """AdaGrad with the same g twice: steps lr·g/(|g| + 1e-8), then lr·g/(√2·|g| + 1e-8)."""
    w, (g,) = wg
    opt, params = student.AdaGrad(lr=lr), {"W": w.copy()}
    run(opt, params, [{"W": g}])
    w1 = w - lr * g / (np.abs(g) + EPS)
    expect_weights(params["W"], w1, "w after the first AdaGrad step")
    run(opt, params, [{"W": g}])
    expect_weights(params["W"], w1 - lr * g / (np.sqrt(2) * np.abs(g) + EPS), "w after the second AdaGrad step")


@pytest.mark.hint("h <- decay_rate * h + (1 - decay_rate) * g * g, then w <- w - lr * g / (np.sqrt(h) + 1e-8).")
@settings(max_examples=12)
@given(wg=weights_and_grads(1), lr=s.floats(0.001, 0.1), rho=s.floats(0.5, 0.999))
def test_rmsprop_first_steps(student, wg, lr, rho):
    """RMSprop with the same g twice: h = (1-ρ)·g², then (1-ρ²)·g², and w moves by lr·g/(√h + 1e-8)."""
    w, (g,) = wg
    opt, params = student.RMSprop(lr=lr, decay_rate=rho), {"W": w.copy()}
    run(opt, params, [{"W": g}])
    w1 = w - lr * g / (np.sqrt((1 - rho) * g * g) + EPS)
    expect_weights(params["W"], w1, f"w after the first RMSprop step (decay_rate={rho:g})")
    run(opt, params, [{"W": g}])
    w2 = w1 - lr * g / (np.sqrt((1 - rho * rho) * g * g) + EPS)
    expect_weights(params["W"], w2, f"w after the second RMSprop step (decay_rate={rho:g})")


@pytest.mark.hint("Bias-correct both moments: m_hat = m / (1 - beta1**t), v_hat = v / (1 - beta2**t), "
                  "t = 1 on the first update; then w -= lr * m_hat / (np.sqrt(v_hat) + 1e-8).")
@settings(max_examples=12)
@given(wg=weights_and_grads(1), lr=s.floats(0.0001, 0.1), beta1=s.floats(0.5, 0.99), beta2=s.floats(0.9, 0.9999))
def test_adam_first_steps(student, wg, lr, beta1, beta2):
    """Adam with a constant gradient g moves w by lr·g/(|g| + 1e-8) in each of its first three steps.

    Bias correction makes m_hat = g and v_hat = g² exactly, whatever beta1 and beta2 are.
    """
    w, (g,) = wg
    opt, params = student.Adam(lr=lr, beta1=beta1, beta2=beta2), {"W": w.copy()}
    step = lr * g / (np.abs(g) + EPS)
    for t in (1, 2, 3):
        run(opt, params, [{"W": g}])
        expect_weights(params["W"], w - t * step, f"w after {t} Adam step(s) with the same gradient")


# -- every optimizer -----------------------------------------------------------------------------------
def quadratic_loss(params: dict) -> float:
    return sum(float(np.sum(QUADRATIC[key] * params[key] ** 2)) for key in QUADRATIC)


@pytest.mark.hint("Step against the gradient, and check the formula in the docstring term by term.")
def test_all_converge_on_a_quadratic(student):
    """Each optimizer, fed its own gradients 2·a·w, brings f(w) = Σ a·w² below 1e-3 of its start in 80 steps."""
    def check(name):
        opt, params = getattr(student, name)(**CONVERGING[name]), copy(START)
        update = opt.update
        for _ in range(STEPS_TO_CONVERGE):
            grads = {key: 2 * QUADRATIC[key] * params[key] for key in params}
            update(params, grads)
        loss = quadratic_loss(params)
        expect_true(np.isfinite(loss) and loss < 1e-3 * quadratic_loss(START),
                    f"{name}({', '.join(f'{k}={v}' for k, v in CONVERGING[name].items())}) did not bring "
                    f"f(w) = Σ a·w² close to 0 in {STEPS_TO_CONVERGE} steps",
                    expected=f"f(w) < {1e-3 * quadratic_loss(START):.3g}", got=f"f(w) = {loss:.3g}")

    each_written(ALL, check)


@pytest.mark.hint(IN_PLACE_HINT)
def test_update_is_in_place(student):
    """update(params, grads) changes the caller's params dict and leaves grads as they were."""
    rng = np.random.default_rng(7)

    def check(name):
        params = {"W": rng.normal(size=(2, 3)), "b": rng.normal(size=3)}
        grads = {key: rng.normal(size=value.shape) for key, value in params.items()}
        before, grads_before = copy(params), copy(grads)
        getattr(student, name)(**CONVERGING[name]).update(params, grads)
        for key, value in params.items():
            expect_true(isinstance(value, np.ndarray) and value.shape == before[key].shape
                        and not np.allclose(value, before[key], rtol=0, atol=0),
                        f"{name}.update(params, grads) did not change params['{key}']",
                        got=value, hint=IN_PLACE_HINT)
            expect_close(grads[key], grads_before[key], f"grads['{key}'] after {name}.update(params, grads)",
                         rtol=0, atol=0, hint="Don't change grads: compute the step into a new array.")

    each_written(ALL, check)


@pytest.mark.hint("Keep state in a dict keyed by name (self.v[key]), one array per parameter.")
def test_state_kept_per_key(student):
    """One optimizer updating "a" and "b" moves each exactly as a separate optimizer for each would."""
    rng = np.random.default_rng(11)
    start = {"a": rng.normal(size=4), "b": rng.normal(size=4)}
    steps = [{"a": rng.normal(size=4), "b": 5 * rng.normal(size=4)} for _ in range(4)]

    def check(name):
        together = copy(start)
        run(getattr(student, name)(**CONVERGING[name]), together, steps)
        for key, value in start.items():
            alone = {key: value.copy()}
            run(getattr(student, name)(**CONVERGING[name]), alone, [{key: g[key]} for g in steps])
            expect_close(together[key], alone[key],
                         f"{name}: params['{key}'] updated together with another parameter vs alone",
                         rtol=1e-12, atol=1e-12, hint="State shared between names mixes their updates.")

    each_written(STATEFUL, check)


@pytest.mark.hint("Add eps = 1e-8 to the square root: w -= lr * g / (np.sqrt(h) + 1e-8), so 0 / 0 never happens.")
def test_zero_gradient_is_safe(student):
    """AdaGrad, RMSprop and Adam leave a weight with gradient 0 unchanged (no 0/0 = nan)."""
    def check(name):
        params = {"W": np.array([[1.0, -2.0], [0.5, 3.0]])}
        grads = {"W": np.array([[0.0, 0.0], [1.0, 0.0]])}
        run(getattr(student, name)(**CONVERGING[name]), params, [grads, grads])
        expect_true(np.all(np.isfinite(params["W"])), f"{name} turned a zero gradient into nan or inf",
                    got=params["W"])
        expect_close(params["W"].ravel()[[0, 1, 3]], [1.0, -2.0, 3.0],
                     f"{name}: the weights whose gradient is 0", rtol=0, atol=0)

    each_written(ADAPTIVE, check)
