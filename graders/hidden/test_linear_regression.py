"""Hidden graders for linear_regression: the student's fit against the reference, epoch for epoch."""
from hypothesis import strategies as st

from graders.testing import strategies as s
from graders.testing.agreement import Agrees
from graders.testing.shared.linear_regression import descent_path, path_tolerance


def data(max_m: int = 30):
    """Pairs (x, y) of float64 arrays of one length m."""
    return st.integers(1, max_m).flatmap(
        lambda m: st.tuples(s.float_arrays(shape=(m,), low=-3, high=3), s.float_arrays(shape=(m,), low=-10, high=10)))


# lr <= 0.2 and |x| <= 3 keep lr·(largest curvature) <= 2: no epoch amplifies rounding.
test_matches_reference = Agrees(
    "fit_linear_regression", st.tuples(data(), s.floats(0.001, 0.2), st.integers(0, 60)).map(lambda c: (*c[0], *c[1:])),
    what=lambda x, y, lr, epochs: f"(W, b) = fit_linear_regression(x, y, {lr:g}, {epochs})",
    tol=lambda x, y, lr, epochs: path_tolerance(x, y, lr, descent_path(x, y, lr, epochs)),
    hint="Both gradients from the same errors e = W*x + b - y (means, not sums), "
         "then W -= lr * mean(e * x) and b -= lr * mean(e); W and b start at 0.0.",
    doc="fit_linear_regression gives the reference's (W, b) after the same number of epochs.",
).check()
