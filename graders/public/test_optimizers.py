"""Public self-checks for optimizers: first steps worked out by hand, convergence, the update contract.

update(params, grads) may change params (that is its job) and nothing else: a call that
changes grads fails its check. Results are compared allowing for float32 rounding,
compounded over the steps taken. AdaGrad, RMSprop and Adam are also checked on gradients
near 1e-8, where eps = 1e-8 changes the step by a factor of about 2: eps must be where the
docstring puts it.

The checks that hold for every optimizer (convergence, in place, state per name, zero
gradients) go through the classes you have written and skip the ones that still raise
NotImplementedError; those are graded in their own checks.
"""
import functools

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from graders.engine.problems import NotAttempted
from graders.testing import strategies as s
from graders.testing.expect import expect_close, expect_true, tolerance

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


def optimizer(student, name: str, **hyper):
    """The student's optimizer `name`, whose update(params, grads) may change params (its first argument)."""
    return getattr(student.with_in_place(0), name)(**hyper)


def run(opt, params: dict, grad_steps) -> None:
    """Call opt.update(params, grads) once per grads dict in grad_steps."""
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


@functools.lru_cache(maxsize=1024)   # made per example (weights_and_grads): hypothesis validates each new one
def gradients(shape, low: float = 0.1, high: float = 10.0):
    """Nonzero gradients of either sign, low <= |g| <= high."""
    signs = hnp.arrays(np.float64, shape, elements=st.sampled_from([-1.0, 1.0]))
    return st.tuples(s.float_arrays(shape=shape, low=low, high=high), signs).map(lambda pair: pair[0] * pair[1])


@st.composite
def weights_and_grads(draw, n_grads: int, tiny: bool = False):
    """(params, [grads_1, ..., grads_n]): params {"W"} with gradients 0.1 <= |g| <= 10, and with
    `tiny` also {"b"} with gradients 1e-9 <= |g| <= 1e-7 (where eps = 1e-8 matters)."""
    params, steps = {}, [{} for _ in range(n_grads)]
    for key, (low, high) in [("W", (0.1, 10.0))] + ([("b", (1e-9, 1e-7))] if tiny else []):
        shape = draw(SMALL_SHAPES)
        params[key] = draw(arrays(shape))
        for grads in steps:
            grads[key] = draw(gradients(shape, low, high))
    return params, steps


def expect_weights(got, expected, start, what: str, steps: int = 1, hint: str = "") -> None:
    """Weights equal to the by-hand values up to float32 rounding over `steps` updates; an entry
    near 0 (w and its step cancelling) is compared relative to the size of the weights."""
    scale = max(float(np.max(np.abs(start))), float(np.max(np.abs(expected))))
    expect_close(got, expected, what, tol=tolerance(steps=steps, scale=scale), hint=hint)


def expect_each(params: dict, start: dict, by_hand, what: str, steps: int) -> None:
    """params[key] == by_hand(key) for every key, up to rounding over `steps` updates."""
    for key in start:
        expect_weights(params[key], by_hand(key), start[key], f"params['{key}'] after {what}", steps)


# -- each optimizer's first steps, by hand ---------------------------------------------------------
def test_sgd_course_notes_example(student):
    """Course notes 001: W5 = 0.45 with gradient 0.02592286 and lr 0.5 becomes 0.43703857."""
    params = {"W5": np.array([0.45])}
    optimizer(student, "SGD", lr=0.5).update(params, {"W5": np.array([0.02592286])})
    expect_close(params["W5"], [0.43703857], "params['W5'] after SGD(lr=0.5).update",
                 tol=tolerance(printed_decimals=8), hint="w <- w - lr * g, changing params in place.")


@pytest.mark.hint("w <- w - lr * g for every name in params.")
@given(wg=weights_and_grads(1), b=arrays(), lr=s.floats(0.001, 1))
def test_sgd_step_by_hand(student, wg, b, lr):
    """One SGD step on {"W", "b"} gives w - lr·g for each."""
    (start, (grads,)) = wg
    start, grads = {**start, "b": b}, {**grads, "b": -b}
    params = copy(start)
    run(optimizer(student, "SGD", lr=lr), params, [grads])
    expect_each(params, start, lambda key: start[key] - lr * grads[key], f"SGD(lr={lr:g})", 1)


@pytest.mark.hint("v <- momentum * v - lr * g, then w <- w + v; v starts at zeros and is kept per name.")
@given(wg=weights_and_grads(2), lr=s.floats(0.001, 0.5), mu=s.floats(0, 0.99))
def test_momentum_first_steps(student, wg, lr, mu):
    """Momentum from v = 0: w₁ = w₀ - lr·g₁, then w₂ = w₁ - momentum·lr·g₁ - lr·g₂."""
    start, (g1, g2) = wg
    opt, params = optimizer(student, "Momentum", lr=lr, momentum=mu), copy(start)
    run(opt, params, [g1])
    expect_each(params, start, lambda key: start[key] - lr * g1[key], "the first Momentum step", 1)
    run(opt, params, [g2])
    expect_each(params, start, lambda key: start[key] - lr * g1[key] - mu * lr * g1[key] - lr * g2[key],
                "the second Momentum step", 2)


@pytest.mark.hint("v <- momentum * v - lr * g, then w <- w + momentum * v - lr * g with the new v.")
@given(wg=weights_and_grads(2), lr=s.floats(0.001, 0.5), mu=s.floats(0, 0.99))
def test_nesterov_first_steps(student, wg, lr, mu):
    """Nesterov from v = 0: w₁ = w₀ - (1 + momentum)·lr·g₁, then w₂ = w₁ - momentum²·lr·g₁ - (1 + momentum)·lr·g₂."""
    start, (g1, g2) = wg
    opt, params = optimizer(student, "Nesterov", lr=lr, momentum=mu), copy(start)

    def w1(key):
        return start[key] - (1 + mu) * lr * g1[key]

    run(opt, params, [g1])
    expect_each(params, start, w1, "the first Nesterov step", 1)
    run(opt, params, [g2])
    expect_each(params, start, lambda key: w1(key) - mu**2 * lr * g1[key] - (1 + mu) * lr * g2[key],
                "the second Nesterov step", 2)


@pytest.mark.hint("h <- h + g * g, then w <- w - lr * g / (np.sqrt(h) + 1e-8).")
@given(wg=weights_and_grads(1, tiny=True), lr=s.floats(0.001, 1))
def test_adagrad_first_steps(student, wg, lr):
    """AdaGrad with the same g twice: steps lr·g/(|g| + 1e-8), then lr·g/(√2·|g| + 1e-8) (|g| near 1e-8 too)."""
    start, (g,) = wg
    opt, params = optimizer(student, "AdaGrad", lr=lr), copy(start)

    def w1(key):
        return start[key] - lr * g[key] / (np.abs(g[key]) + EPS)

    run(opt, params, [g])
    expect_each(params, start, w1, "the first AdaGrad step", 1)
    run(opt, params, [g])
    expect_each(params, start, lambda key: w1(key) - lr * g[key] / (np.sqrt(2) * np.abs(g[key]) + EPS),
                "the second AdaGrad step", 2)


@pytest.mark.hint("h <- decay_rate * h + (1 - decay_rate) * g * g, then w <- w - lr * g / (np.sqrt(h) + 1e-8).")
@given(wg=weights_and_grads(1, tiny=True), lr=s.floats(0.001, 0.1), rho=s.floats(0.5, 0.999))
def test_rmsprop_first_steps(student, wg, lr, rho):
    """RMSprop with the same g twice: h = (1-ρ)·g², then (1-ρ²)·g², and w moves by lr·g/(√h + 1e-8)."""
    start, (g,) = wg
    opt, params = optimizer(student, "RMSprop", lr=lr, decay_rate=rho), copy(start)

    def w1(key):
        return start[key] - lr * g[key] / (np.sqrt((1 - rho) * g[key] ** 2) + EPS)

    run(opt, params, [g])
    expect_each(params, start, w1, f"the first RMSprop step (decay_rate={rho:g})", 1)
    run(opt, params, [g])
    expect_each(params, start, lambda key: w1(key) - lr * g[key] / (np.sqrt((1 - rho * rho) * g[key] ** 2) + EPS),
                f"the second RMSprop step (decay_rate={rho:g})", 2)


@pytest.mark.hint("Bias-correct both moments: m_hat = m / (1 - beta1**t), v_hat = v / (1 - beta2**t), "
                  "t = 1 on the first update; then w -= lr * m_hat / (np.sqrt(v_hat) + 1e-8).")
@given(wg=weights_and_grads(1, tiny=True), lr=s.floats(0.0001, 0.1), beta1=s.floats(0.5, 0.99),
       beta2=s.floats(0.9, 0.9999))
def test_adam_first_steps(student, wg, lr, beta1, beta2):
    """Adam with a constant gradient g moves w by lr·g/(|g| + 1e-8) in each of its first three steps.

    Bias correction makes m_hat = g and v_hat = g² exactly, whatever beta1 and beta2 are.
    """
    start, (g,) = wg
    opt, params = optimizer(student, "Adam", lr=lr, beta1=beta1, beta2=beta2), copy(start)
    for t in (1, 2, 3):
        run(opt, params, [g])
        expect_each(params, start, lambda key: start[key] - t * lr * g[key] / (np.abs(g[key]) + EPS),
                    f"{t} Adam step(s) with the same gradient", t)


# -- every optimizer -----------------------------------------------------------------------------------
def quadratic_loss(params: dict) -> float:
    return sum(float(np.sum(QUADRATIC[key] * params[key] ** 2)) for key in QUADRATIC)


@pytest.mark.hint("Step against the gradient, and check the formula in the docstring term by term.")
def test_all_converge_on_a_quadratic(student):
    """Each optimizer, fed its own gradients 2·a·w, brings f(w) = Σ a·w² below 1e-3 of its start in 80 steps."""
    def check(name):
        params = copy(START)
        update = optimizer(student, name, **CONVERGING[name]).update
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
    """update(params, grads) changes the caller's params dict: every entry moves."""
    rng = np.random.default_rng(7)

    def check(name):
        params = {"W": rng.normal(size=(2, 3)), "b": rng.normal(size=3)}
        grads = {key: rng.normal(size=value.shape) for key, value in params.items()}
        before = copy(params)
        optimizer(student, name, **CONVERGING[name]).update(params, grads)
        for key, value in params.items():
            expect_true(isinstance(value, np.ndarray) and value.shape == before[key].shape
                        and not np.any(value == before[key]),
                        f"{name}.update(params, grads) did not change every entry of params['{key}']",
                        got=value, hint=IN_PLACE_HINT)

    each_written(ALL, check)


@pytest.mark.hint("Keep state in a dict keyed by name (self.v[key]), one array per parameter.")
def test_state_kept_per_key(student):
    """One optimizer updating "a" and "b" moves each exactly as a separate optimizer for each would."""
    rng = np.random.default_rng(11)
    start = {"a": rng.normal(size=4), "b": rng.normal(size=4)}
    steps = [{"a": rng.normal(size=4), "b": 5 * rng.normal(size=4)} for _ in range(4)]

    def check(name):
        together = copy(start)
        run(optimizer(student, name, **CONVERGING[name]), together, steps)
        for key, value in start.items():
            expect_true(not np.any(together[key] == value),
                        f"{name}: params['{key}'] did not move in {len(steps)} updates", got=together[key])
            alone = {key: value.copy()}
            run(optimizer(student, name, **CONVERGING[name]), alone, [{key: g[key]} for g in steps])
            # The same arithmetic on the same numbers: equal up to the order of operations at most.
            expect_close(together[key], alone[key],
                         f"{name}: params['{key}'] updated together with another parameter vs alone",
                         tol=tolerance(steps=len(steps), scale=float(np.max(np.abs(value)))),
                         hint="State shared between names mixes their updates.")

    each_written(STATEFUL, check)


@pytest.mark.hint("Add eps = 1e-8 to the square root: w -= lr * g / (np.sqrt(h) + 1e-8), so 0 / 0 never happens.")
def test_zero_gradient_is_safe(student):
    """AdaGrad, RMSprop and Adam leave a weight with gradient 0 unchanged (no 0/0 = nan) and move the others."""
    start = np.array([[1.0, -2.0], [0.5, 3.0]])
    grads = {"W": np.array([[0.0, 0.0], [1.0, 0.0]])}
    lr = {name: CONVERGING[name]["lr"] for name in ADAPTIVE}
    rho = CONVERGING["RMSprop"]["decay_rate"]
    # Two steps with g = 1 on the entry [1, 0], by the docstrings' formulas.
    moved = {"AdaGrad": 0.5 - lr["AdaGrad"] / (1 + EPS) - lr["AdaGrad"] / (np.sqrt(2) + EPS),
             "RMSprop": 0.5 - lr["RMSprop"] / (np.sqrt(1 - rho) + EPS) - lr["RMSprop"] / (np.sqrt(1 - rho**2) + EPS),
             "Adam": 0.5 - 2 * lr["Adam"] / (1 + EPS)}

    def check(name):
        params = {"W": start.copy()}
        run(optimizer(student, name, **CONVERGING[name]), params, [grads, grads])
        expect_true(np.all(np.isfinite(params["W"])), f"{name} turned a zero gradient into nan or inf",
                    got=params["W"])
        expected = start.copy()
        expected[1, 0] = moved[name]
        expect_close(params["W"], expected, f"{name}: params['W'] after two steps with gradient {grads['W'].tolist()}",
                     tol=tolerance(steps=2, scale=3.0))

    each_written(ADAPTIVE, check)
