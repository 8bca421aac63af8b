"""Public self-checks for gates: the seeds' truth tables, and each gate really is one perceptron.

The structure checks swap the module's ``perceptron`` (or its gates) for recording
stand-ins that run here, in the grader: they see the (x, w, b) a gate passes and
answer like a correct perceptron, so a gate is judged on its own parameters.
"""
from types import SimpleNamespace

import numpy as np
from hypothesis import given

from graders import strategies as s
from graders.expect import CheckFailed, as_array, expect_equal, expect_true

CORNERS = ((0, 0), (0, 1), (1, 0), (1, 1))
TABLES = {
    "AND": (0, 0, 0, 1),
    "NAND": (1, 1, 1, 0),
    "OR": (0, 1, 1, 1),
    "XOR": (0, 1, 1, 0),
}
ONE_UNIT_HINT = ("Each gate calls perceptron(np.array([x1, x2]), w, b) once, with its own fixed "
                 "w (shape (2,)) and b, and returns what perceptron returns.")


class Recorder:
    """Stands in for a student function: keeps every call's arguments, answers with ``answer``."""

    def __init__(self, answer):
        self.answer = answer
        self.calls = []

    def __call__(self, *args, **kwargs):
        self.calls.append((args, kwargs))
        try:
            return self.answer(*args, **kwargs)
        except Exception:  # odd arguments: answered 0 here, judged by the check afterwards
            return 0


def threshold_unit(x, w, b):
    """What a correct perceptron answers (grader side)."""
    return int(np.dot(np.ravel(np.asarray(w, float)), np.ravel(np.asarray(x, float)))
               + float(np.asarray(b, float).reshape(())) > 0)


def gate_answer(name):
    """A correct gate ``name`` (grader side), for recorders that stand in for the student's gates."""
    def answer(x1, x2):
        return TABLES[name][CORNERS.index((int(x1), int(x2)))]
    return answer


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


def unit_arguments(call, gate, x1, x2):
    """The (x, w, b) of one recorded perceptron call, as arrays; CheckFailed if they are not."""
    args, kwargs = call
    named = dict(zip(("x", "w", "b"), args))
    named.update(kwargs)
    if len(args) + len(kwargs) != 3 or set(named) != {"x", "w", "b"}:
        raise CheckFailed(f"{gate}({x1}, {x2}) should call perceptron(x, w, b) with three arguments",
                          got=f"perceptron called with {len(args)} positional and {sorted(kwargs)} keyword "
                              "arguments", hint=ONE_UNIT_HINT)
    where = f"in {gate}({x1}, {x2}), perceptron's"
    x = as_array(named["x"], f"{where} x", ONE_UNIT_HINT).ravel()
    w = as_array(named["w"], f"{where} w", ONE_UNIT_HINT).ravel()
    b = as_array(named["b"], f"{where} b", ONE_UNIT_HINT)
    expect_true(w.shape == (2,), f"{where} w should hold two weights, one per input", got=w,
                hint=ONE_UNIT_HINT)
    expect_true(b.size == 1, f"{where} b should be one number", got=b, hint=ONE_UNIT_HINT)
    expect_true(x.shape == (2,) and np.array_equal(x, [x1, x2]),
                f"{where} x should be the gate's inputs [{x1}, {x2}]", got=x, hint=ONE_UNIT_HINT)
    return w.astype(float), float(b.reshape(-1)[0])


def expect_one_perceptron(student, gate):
    """``gate`` calls perceptron once per input pair, always with the same (w, b); that unit
    computes ``gate``; and the gate returns the unit's answer."""
    recorder = Recorder(threshold_unit)
    patched = getattr(student.with_reference(SimpleNamespace(perceptron=recorder), "perceptron"), gate)
    units, outputs = [], []
    for x1, x2 in CORNERS:
        before = len(recorder.calls)
        outputs.append(patched(x1, x2))
        calls = recorder.calls[before:]
        expect_true(len(calls) == 1, f"{gate}({x1}, {x2}) should call perceptron(x, w, b) exactly once",
                    got=f"{len(calls)} calls", hint=ONE_UNIT_HINT)
        units.append(unit_arguments(calls[0], gate, x1, x2))
    w, b = units[0]
    expect_true(all(np.array_equal(w, w2) and b == b2 for w2, b2 in units),
                f"{gate} should use one fixed (w, b) for every input", got=[(u.tolist(), v) for u, v in units],
                hint=ONE_UNIT_HINT)
    computed = tuple(threshold_unit(corner, w, b) for corner in CORNERS)
    expect_true(computed == TABLES[gate],
                f"the perceptron {gate} builds (w={w.tolist()}, b={b}) does not compute {gate}",
                expected=f"{gate}: {_table(TABLES[gate])}", got=f"this unit: {_table(computed)}",
                hint="Choose w and b so that w·x + b > 0 exactly where the gate's output is 1. "
                     "Inverting another unit's answer (1 - AND(x1, x2)) is two steps, not one perceptron.")
    for (x1, x2), out, want in zip(CORNERS, outputs, computed):
        expect_equal(out, want, f"{gate}({x1}, {x2}), whose perceptron answered {want},", hint=ONE_UNIT_HINT)


def test_perceptron_seed_example(student):
    """perceptron([0, 1], [0.5, 0.5], -0.7) = 0 (sum -0.2) and perceptron([1, 1], ...) = 1 (seed 004)."""
    w = np.array([0.5, 0.5])
    expect_equal(student.perceptron(np.array([0, 1]), w, -0.7), 0, "perceptron([0, 1], [0.5, 0.5], -0.7)")
    expect_equal(student.perceptron(np.array([1, 1]), w, -0.7), 1, "perceptron([1, 1], [0.5, 0.5], -0.7)")


def test_perceptron_zero_sum_gives_0(student):
    """A weighted sum of exactly 0 does not fire: the test is w·x + b > 0."""
    hint = "The seeds return 0 when w·x + b <= 0 and 1 only when it is > 0 (strictly)."
    expect_equal(student.perceptron(np.array([1.0, 0.0]), np.array([1.0, 1.0]), -1.0), 0,
                 "perceptron([1, 0], [1, 1], -1) (sum exactly 0)", hint=hint)
    expect_equal(student.perceptron(np.array([0.0, 0.0]), np.array([0.5, 0.5]), 0.0), 0,
                 "perceptron([0, 0], [0.5, 0.5], 0) (sum exactly 0)", hint=hint)


@given(x=s.float_arrays(shape=(2,), low=-5, high=5), w=s.float_arrays(shape=(2,), low=-5, high=5),
       b=s.floats(-5, 5))
def test_perceptron_is_a_threshold_of_w_dot_x_plus_b(student, x, w, b):
    """perceptron(x, w, b) is 1 exactly when w·x + b > 0, for two inputs."""
    total = float(np.dot(w, x) + b)
    if abs(total) < 1e-9:  # rounding decides this one either way
        return
    expect_equal(student.perceptron(x, w, b), int(total > 0), f"perceptron(x, w, b) with w·x + b = {total:.6g}",
                 hint="Return 1 if np.dot(w, x) + b > 0 else 0: the bias is added, not compared against.")


def test_AND_truth_table(student):
    """AND gives 0, 0, 0, 1 on (0,0), (0,1), (1,0), (1,1) (seed 001)."""
    expect_truth_table(student.AND, "AND",
                       hint="Only (1, 1) may give w·x + b > 0, e.g. w = [0.5, 0.5], b = -0.7.")


def test_NAND_truth_table(student):
    """NAND gives 1, 1, 1, 0 (seed 001)."""
    expect_truth_table(student.NAND, "NAND",
                       hint="Flip the sign of every AND parameter: w = [-0.5, -0.5], b = 0.7.")


def test_OR_truth_table(student):
    """OR gives 0, 1, 1, 1 (seed 001)."""
    expect_truth_table(student.OR, "OR",
                       hint="One input of 1 must already give w·x + b > 0, and (0, 0) must not.")


def test_XOR_truth_table(student):
    """XOR gives 0, 1, 1, 0 with your own gates (seed 001)."""
    expect_truth_table(student.XOR, "XOR",
                       hint="XOR = AND(NAND(x1, x2), OR(x1, x2)); it is only right when those three gates are.")


def test_AND_is_one_perceptron(student):
    """AND is one perceptron whose (w, b) computes AND."""
    expect_one_perceptron(student, "AND")


def test_NAND_is_one_perceptron(student):
    """NAND is one perceptron whose (w, b) computes NAND."""
    expect_one_perceptron(student, "NAND")


def test_OR_is_one_perceptron(student):
    """OR is one perceptron whose (w, b) computes OR."""
    expect_one_perceptron(student, "OR")


def test_XOR_is_AND_of_NAND_and_OR(student):
    """XOR(x1, x2) computes s1 = NAND(x1, x2), s2 = OR(x1, x2) and returns AND(s1, s2)."""
    for x1, x2 in CORNERS:
        expect_xor_composition(student, x1, x2)


def expect_xor_composition(student, x1, x2):
    """XOR(x1, x2) on recording gates calls NAND and OR on the inputs, then AND on their outputs."""
    hint = "Write XOR as in the seeds: s1 = NAND(x1, x2); s2 = OR(x1, x2); return AND(s1, s2)."
    gates = {name: Recorder(gate_answer(name)) for name in ("AND", "NAND", "OR")}
    out = student.with_reference(SimpleNamespace(**gates), *gates).XOR(x1, x2)
    for name in ("NAND", "OR"):
        expect_true(len(gates[name].calls) == 1 and _inputs(gates[name].calls[0]) == (x1, x2),
                    f"XOR({x1}, {x2}) should call {name}({x1}, {x2}) once",
                    got=f"{name} called with {[_inputs(c) for c in gates[name].calls]}", hint=hint)
    s1, s2 = gate_answer("NAND")(x1, x2), gate_answer("OR")(x1, x2)
    expect_true(len(gates["AND"].calls) == 1 and _inputs(gates["AND"].calls[0]) == (s1, s2),
                f"XOR({x1}, {x2}) should call AND(NAND({x1}, {x2}), OR({x1}, {x2})) = AND({s1}, {s2}) once",
                got=f"AND called with {[_inputs(c) for c in gates['AND'].calls]}", hint=hint)
    expect_equal(out, gate_answer("AND")(s1, s2), f"XOR({x1}, {x2}) should return what AND returned", hint=hint)


def _inputs(call):
    """The inputs of a recorded gate call as floats, or a description when they are not numbers."""
    args, kwargs = call
    values = list(args) + [kwargs[k] for k in ("x1", "x2") if k in kwargs]
    try:
        return tuple(float(np.asarray(v, dtype=float).reshape(())) for v in values)
    except (TypeError, ValueError):
        return f"arguments {args!r} {kwargs!r}"
