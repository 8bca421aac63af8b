"""Public self-checks for gates: the course notes' truth tables, and each gate really is one perceptron.

"One perceptron" is a property of what a gate answers, not of how it is written: on real
inputs around and between the corners (x1, x2 in [-1, 2]) a perceptron answers 1 on one
side of a straight line and 0 on the other, so the inputs where the gate answers 1 and
those where it answers 0 must be separable by a line. Calling perceptron(x, w, b),
computing w·x + b inline, comparing x1*w1 + x2*w2 with a threshold theta, or swapping the
answers of a unit (1 when w·x + b <= 0) all pass; testing the inputs (x1 == 1 and x2 == 1)
does not. While a gate is judged, the module's perceptron and gates are correct stand-ins
run here, in the grader, so a gate is judged on its own parameters.
"""
from types import SimpleNamespace

import numpy as np
import pytest
from hypothesis import given

from graders.testing import strategies as s
from graders.testing.expect import as_array, expect_equal, expect_true, tolerance
from graders.testing.shared.gates import CORNERS, perceptron_answer

TABLES = {
    "AND": (0, 0, 0, 1),
    "NAND": (1, 1, 1, 0),
    "OR": (0, 1, 1, 1),
    "XOR": (0, 1, 1, 0),
}
GRADER_UNITS = {"AND": ((0.5, 0.5), -0.7), "NAND": ((-0.5, -0.5), 0.7), "OR": ((0.5, 0.5), -0.2)}


def _spread_points(n, low=-1.0, high=2.0):
    """``n`` points spread evenly over [low, high]² (the R2 low-discrepancy sequence), rounded to
    4 decimals: a line with short decimal weights passes exactly through one of them only by
    coincidence, and never within rounding of one."""
    g = 1.324717957244746  # the plastic number: x_k = frac(0.5 + k/g), y_k = frac(0.5 + k/g²)
    k = np.arange(1, n + 1)
    unit = np.stack([(0.5 + k / g) % 1.0, (0.5 + k / g**2) % 1.0], axis=1)
    return tuple((float(a), float(b)) for a, b in np.round(low + (high - low) * unit, 4))


REAL_INPUTS = _spread_points(48)
ONE_UNIT_HINT = ("A perceptron answers 1 on one side of the line w·x + b = 0 and 0 on the other, for every "
                 "real input, not only for 0 and 1: compute w·x + b with fixed w, b (or call "
                 "perceptron(np.array([x1, x2]), w, b)) and compare it with 0. Testing the inputs "
                 "(x1 == 1 and x2 == 1, if x1 and x2) or returning x1 * x2 is not a perceptron.")


def threshold_unit(x, w, b):
    """What a correct perceptron answers (grader side)."""
    return int(np.dot(np.ravel(np.asarray(w, float)), np.ravel(np.asarray(x, float)))
               + float(np.asarray(b, float).reshape(())) > 0)


def grader_gate(name):
    """A correct perceptron gate ``name`` (grader side), right on real inputs too."""
    w, b = GRADER_UNITS[name]

    def gate(x1, x2):
        return threshold_unit((float(x1), float(x2)), w, b)
    return gate


#: Correct stand-ins for the module's perceptron and gates while one gate is judged.
GRADER_GATES = SimpleNamespace(perceptron=threshold_unit, **{name: grader_gate(name) for name in GRADER_UNITS})


def expect_truth_table(gate, name, hint=""):
    """``gate(x1, x2)`` gives ``name``'s truth table on (0, 0), (0, 1), (1, 0), (1, 1)."""
    got = []
    for x1, x2 in CORNERS:
        out = as_array(gate(x1, x2), f"{name}({x1}, {x2})", hint)
        expect_true(out.shape == (), f"{name}({x1}, {x2}) should be one number, 0 or 1", got=out, hint=hint)
        got.append(out.item())
    expect_true(tuple(got) == TABLES[name], f"{name}'s truth table is wrong",
                expected=_table(TABLES[name]), got=_table(got), hint=hint)


def _table(outputs):
    """A truth table as text: (0,0)->0, (0,1)->1, ..."""
    return ", ".join(f"({x1},{x2})->{out!r}" for (x1, x2), out in zip(CORNERS, outputs))


def expect_one_perceptron(student, gate):
    """``gate``, with correct stand-ins for perceptron and the other gates, answers an int 0 or 1
    everywhere, gives its truth table on the corners, and answers like one linear threshold unit on
    real inputs in [-1, 2]²: a straight line separates its 1s from its 0s."""
    # not the judged gate itself: in a notebook, looking a name up while it is swapped finds the stand-in
    others = [name for name in ("perceptron", *GRADER_UNITS) if name != gate]
    own = getattr(student.with_reference(GRADER_GATES, *others), gate)
    ones, zeros, table = [], [], []
    for x1, x2 in CORNERS + REAL_INPUTS:
        out = perceptron_answer(own(x1, x2), f"{gate}({x1:g}, {x2:g})", ONE_UNIT_HINT)
        (ones if out else zeros).append((x1, x2))
        if len(table) < len(CORNERS):
            table.append(out)
    expect_true(tuple(table) == TABLES[gate],
                f"{gate}'s truth table is wrong with a correct perceptron: the fault is in {gate} itself",
                expected=_table(TABLES[gate]), got=_table(table),
                hint=f"Choose w and b so that w·x + b > 0 exactly on the corners where {gate} is 1.")
    witness = no_line_between(ones, zeros)
    expect_true(witness is None,
                f"{gate} is not one perceptron: no straight line separates the inputs where it answers 1 "
                "from those where it answers 0", got=witness, hint=ONE_UNIT_HINT)


# --- is there a straight line between two finite point sets? (exact for finite sets) ---

def _cross(o, a, b):
    return (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0])


def convex_hull(points):
    """The convex hull's vertices, counter-clockwise (Andrew's monotone chain): 1, 2 or more points."""
    pts = sorted(set(points))
    if len(pts) <= 2:
        return pts

    def half(seq):
        chain = []
        for p in seq:
            while len(chain) >= 2 and _cross(chain[-2], chain[-1], p) <= 0:
                chain.pop()
            chain.append(p)
        return chain[:-1]
    hull = half(pts) + half(reversed(pts))
    return hull if len(hull) >= 2 else pts[:1]


def _on_segment(p, a, b):
    return (_cross(a, b, p) == 0 and min(a[0], b[0]) <= p[0] <= max(a[0], b[0])
            and min(a[1], b[1]) <= p[1] <= max(a[1], b[1]))


def _container(p, hull):
    """The hull vertices (1, 2 or 3) whose convex hull holds ``p``, or None if ``p`` is outside."""
    if len(hull) == 1:
        return hull if p == hull[0] else None
    if len(hull) == 2:
        return hull if _on_segment(p, *hull) else None
    if any(_cross(hull[i], hull[(i + 1) % len(hull)], p) < 0 for i in range(len(hull))):
        return None
    for i in range(1, len(hull) - 1):  # fan triangles from hull[0]
        a, b, c = hull[0], hull[i], hull[i + 1]
        if _cross(a, b, p) >= 0 and _cross(b, c, p) >= 0 and _cross(c, a, p) >= 0:
            return [a, b, c]
    return hull[:3]


def _segments_meet(a, b, c, d):
    d1, d2, d3, d4 = _cross(c, d, a), _cross(c, d, b), _cross(a, b, c), _cross(a, b, d)
    if ((d1 > 0 > d2) or (d1 < 0 < d2)) and ((d3 > 0 > d4) or (d3 < 0 < d4)):
        return True
    return _on_segment(a, c, d) or _on_segment(b, c, d) or _on_segment(c, a, b) or _on_segment(d, a, b)


def _points(points):
    return ", ".join(f"({x1:g}, {x2:g})" for x1, x2 in points)


def no_line_between(ones, zeros):
    """None when a straight line separates the points ``ones`` from the points ``zeros``; else a
    witness in words. Two finite sets are strictly separable exactly when their convex hulls are
    disjoint, and two convex polygons meet exactly when a vertex of one lies in the other or two of
    their edges cross."""
    if not ones or not zeros:
        return None
    hull_1, hull_0 = convex_hull(ones), convex_hull(zeros)
    for p in hull_0:
        around = _container(p, hull_1)
        if around is not None:
            return f"1 at {_points(around)}, but 0 at ({p[0]:g}, {p[1]:g}) between them"
    for p in hull_1:
        around = _container(p, hull_0)
        if around is not None:
            return f"0 at {_points(around)}, but 1 at ({p[0]:g}, {p[1]:g}) between them"
    edges_1 = [(hull_1[i], hull_1[(i + 1) % len(hull_1)]) for i in range(len(hull_1))]
    edges_0 = [(hull_0[i], hull_0[(i + 1) % len(hull_0)]) for i in range(len(hull_0))]
    for a, b in edges_1:
        for c, d in edges_0:
            if _segments_meet(a, b, c, d):
                return (f"1 at {_points([a, b])} and 0 at {_points([c, d])}: the segment between the 1s "
                        "crosses the segment between the 0s")
    return None


# --- the checks ---

def test_perceptron_course_notes_example(student):
    """perceptron([0, 1], [0.5, 0.5], -0.7) = 0 (sum -0.2) and perceptron([1, 1], ...) = 1 (course notes 004)."""
    w = np.array([0.5, 0.5])
    got = perceptron_answer(student.perceptron(np.array([0, 1]), w, -0.7), "perceptron([0, 1], [0.5, 0.5], -0.7)")
    expect_equal(got, 0, "perceptron([0, 1], [0.5, 0.5], -0.7)")
    got = perceptron_answer(student.perceptron(np.array([1, 1]), w, -0.7), "perceptron([1, 1], [0.5, 0.5], -0.7)")
    expect_equal(got, 1, "perceptron([1, 1], [0.5, 0.5], -0.7)")


def test_perceptron_zero_sum_gives_0(student):
    """A weighted sum of exactly 0 does not fire (the test is w·x + b > 0), a sum just above 0 does."""
    hint = "The course notes' listings return 0 when w·x + b <= 0 and 1 only when it is > 0 (strictly)."
    cases = [((1.0, 0.0), (1.0, 1.0), -1.0, 0, "sum exactly 0"),
             ((0.0, 0.0), (0.5, 0.5), 0.0, 0, "sum exactly 0"),
             ((1.0, 0.0), (1.0, 1.0), -0.75, 1, "sum 0.25")]
    for x, w, b, want, total in cases:
        what = f"perceptron({list(x)}, {list(w)}, {b}) ({total})"
        got = perceptron_answer(student.perceptron(np.array(x), np.array(w), b), what, hint)
        expect_equal(got, want, what, hint=hint)


@given(x=s.float_arrays(shape=(2,), low=-5, high=5), w=s.float_arrays(shape=(2,), low=-5, high=5),
       b=s.floats(-5, 5))
def test_perceptron_is_a_threshold_of_w_dot_x_plus_b(student, x, w, b):
    """perceptron(x, w, b) is 1 exactly when w·x + b > 0, for two inputs."""
    total = float(np.dot(w, x) + b)
    # a sum within float32 rounding of 0 may fall on either side (the contract allows float32)
    if abs(total) <= tolerance(steps=3, scale=float(np.abs(w * x).sum() + abs(b))).atol:
        return
    what = f"perceptron(x, w, b) with w·x + b = {total:.6g}"
    got = perceptron_answer(student.perceptron(x, w, b), what)
    expect_equal(got, int(total > 0), what,
                 hint="Return 1 if np.dot(w, x) + b > 0 else 0: the bias is added, not compared against.")


def test_AND_truth_table(student):
    """AND gives 0, 0, 0, 1 on (0,0), (0,1), (1,0), (1,1) (course notes 001)."""
    expect_truth_table(student.AND, "AND",
                       hint="Only (1, 1) may give w·x + b > 0, e.g. w = [0.5, 0.5], b = -0.7.")


def test_NAND_truth_table(student):
    """NAND gives 1, 1, 1, 0 (course notes 001)."""
    expect_truth_table(student.NAND, "NAND",
                       hint="Flip the sign of every AND parameter: w = [-0.5, -0.5], b = 0.7.")


def test_OR_truth_table(student):
    """OR gives 0, 1, 1, 1 (course notes 001)."""
    expect_truth_table(student.OR, "OR",
                       hint="One input of 1 must already give w·x + b > 0, and (0, 0) must not.")


def test_XOR_truth_table(student):
    """XOR gives 0, 1, 1, 0 with your own gates (course notes 001)."""
    expect_truth_table(student.XOR, "XOR",
                       hint="XOR = AND(NAND(x1, x2), OR(x1, x2)); it is only right when those three gates are.")


@pytest.mark.hint(ONE_UNIT_HINT)
def test_AND_is_one_perceptron(student):
    """AND answers like one perceptron: right on 0 and 1, and one straight line splits its 1s from its 0s
    on real inputs in [-1, 2]²."""
    expect_one_perceptron(student, "AND")


@pytest.mark.hint(ONE_UNIT_HINT)
def test_NAND_is_one_perceptron(student):
    """NAND answers like one perceptron: right on 0 and 1, and one straight line splits its 1s from its 0s
    on real inputs in [-1, 2]²."""
    expect_one_perceptron(student, "NAND")


@pytest.mark.hint(ONE_UNIT_HINT)
def test_OR_is_one_perceptron(student):
    """OR answers like one perceptron: right on 0 and 1, and one straight line splits its 1s from its 0s
    on real inputs in [-1, 2]²."""
    expect_one_perceptron(student, "OR")


def test_XOR_is_AND_of_NAND_and_OR(student):
    """XOR(x1, x2) computes s1 = NAND(x1, x2), s2 = OR(x1, x2) and returns AND(s1, s2)."""
    for x1, x2 in CORNERS:
        expect_xor_composition(student, x1, x2)


class Recorder:
    """Stands in for one of the student's gates: keeps every call's arguments, answers like the gate."""

    def __init__(self, name):
        self.name = name
        self.calls = []

    def __call__(self, *args, **kwargs):
        self.calls.append((args, kwargs))
        inputs = _inputs((args, kwargs))
        if isinstance(inputs, str) or len(inputs) != 2:
            return 0  # odd arguments: judged by the check afterwards
        return grader_gate(self.name)(*inputs)


def expect_xor_composition(student, x1, x2):
    """XOR(x1, x2) on recording gates calls NAND and OR on the inputs, then AND on their outputs."""
    hint = "Write XOR as in the course notes: s1 = NAND(x1, x2); s2 = OR(x1, x2); return AND(s1, s2)."
    gates = {name: Recorder(name) for name in GRADER_UNITS}
    out = student.with_reference(SimpleNamespace(**gates), *gates).XOR(x1, x2)
    for name in ("NAND", "OR"):
        expect_true(len(gates[name].calls) == 1 and _inputs(gates[name].calls[0]) == (x1, x2),
                    f"XOR({x1}, {x2}) should call {name}({x1}, {x2}) once",
                    got=f"{name} called with {[_inputs(c) for c in gates[name].calls]}", hint=hint)
    s1, s2 = grader_gate("NAND")(x1, x2), grader_gate("OR")(x1, x2)
    expect_true(len(gates["AND"].calls) == 1 and _inputs(gates["AND"].calls[0]) in ((s1, s2), (s2, s1)),
                f"XOR({x1}, {x2}) should call AND(NAND({x1}, {x2}), OR({x1}, {x2})) = AND({s1}, {s2}) once",
                got=f"AND called with {[_inputs(c) for c in gates['AND'].calls]}", hint=hint)
    expect_equal(out, grader_gate("AND")(s1, s2), f"XOR({x1}, {x2}) should return what AND returned", hint=hint)


def _inputs(call):
    """The inputs of a recorded gate call as floats, or a description when they are not numbers."""
    args, kwargs = call
    values = list(args) + [kwargs[k] for k in ("x1", "x2") if k in kwargs]
    try:
        return tuple(float(np.asarray(v, dtype=float).reshape(())) for v in values)
    except (TypeError, ValueError):
        return f"arguments {args!r} {kwargs!r}"
