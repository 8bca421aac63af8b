"""The worker boundary: what a grader suite can do with a student module in another process."""
import time
import types

import numpy as np
import pytest

from graders.engine.problems import (
    BadValue,
    BrokenModule,
    CallTimeout,
    InputChanged,
    MissingModule,
    MissingName,
    NotAttempted,
    NumpyWarning,
    StudentException,
)
from graders.engine.remote import Worker
from graders.worker import server

MODULE = '''
import time

import numpy as np


def apply(f, x):
    return f(x) * 2


def bump(params):
    params["w"] += 1.0
    params["n"] = 3


def zero_in_place(a, b):
    b[...] = 0.0
    return a.sum()


def restore(x):
    saved = x[0]
    x[0] = saved + 1.0
    x[0] = saved
    return x.sum()


def helper(x):
    return x + 1


def pause(seconds):
    time.sleep(seconds)
    return seconds


def uses_helper(x):
    return helper(x) * 10


def todo(x):
    raise NotImplementedError()


def fails(x):
    return 1 / 0


class Counter:
    def __init__(self, start):
        self.value = start

    def add(self, k):
        self.value += k
        return self


def weird():
    return Counter(0).__init__
'''


@pytest.fixture
def worker(tmp_path):
    (tmp_path / "mod.py").write_text(MODULE)
    w = Worker(tmp_path, "mod", memory_mb=1024)
    yield w
    w.stop()


def test_grader_functions_become_callbacks(worker):
    module = worker.ensure_started()
    assert module.apply(lambda x: x + 1, np.arange(3)).tolist() == [2, 4, 6]


def test_in_place_changes_are_a_failure_and_never_reach_the_grader(worker):
    a, b = np.ones(3), np.ones(3)
    with pytest.raises(InputChanged, match=r"zero_in_place\(\) changed its second argument in place"):
        worker.ensure_started().zero_in_place(a, b)
    assert b.tolist() == [1.0, 1.0, 1.0]
    params = {"w": np.zeros(2)}
    with pytest.raises(InputChanged, match="first argument"):
        worker.ensure_started().bump(params)
    assert params == {"w": params["w"]} and params["w"].tolist() == [0.0, 0.0]


def test_an_argument_changed_and_restored_is_unchanged(worker):
    x = np.array([0.1, 0.2])
    assert worker.ensure_started().restore(x) == pytest.approx(0.3)


def test_with_in_place_the_named_arguments_come_back(worker):
    params = {"w": np.zeros(2)}
    original = params["w"]
    worker.ensure_started().with_in_place(0).bump(params)
    assert params["w"] is original and original.tolist() == [1.0, 1.0] and params["n"] == 3
    a, b = np.ones(3), np.ones(3)
    with pytest.raises(InputChanged, match="second argument"):
        worker.ensure_started().with_in_place("params", 0).zero_in_place(a, b)
    worker.ensure_started().with_in_place().zero_in_place(a, b)
    assert b.tolist() == [0.0, 0.0, 0.0] and a.tolist() == [1.0, 1.0, 1.0]


def test_a_function_that_ran_out_of_time_is_not_called_again_within_that_limit(worker):
    with pytest.raises(CallTimeout, match=r"^did not finish within 0.5 s") as first:
        worker.ensure_started().with_timeout(0.5).pause(5)
    assert "again" not in first.value.message
    worker.reset_poison()
    # pause(0) would return at once: failing, it was not called.
    with pytest.raises(CallTimeout, match=r"^an earlier call did not finish within 0.5 s .*does not call pause\(\) again"):
        worker.ensure_started().with_timeout(0.5).pause(0)
    worker.reset_poison()
    assert worker.ensure_started().helper(1) == 2
    assert worker.ensure_started().with_timeout(2).pause(0) == 0   # a longer limit calls it again


def test_with_reference_swaps_module_names_during_the_call_only(worker):
    module = worker.ensure_started()
    reference = types.SimpleNamespace(helper=lambda x: x - 1)
    assert module.with_reference(reference, "helper").uses_helper(5) == 40
    assert module.uses_helper(5) == 60


def test_student_objects_are_proxies(worker):
    counter = worker.ensure_started().Counter(2)
    assert counter.add(3).value == 5
    counter.value = 10
    assert counter.value == 10


def test_errors_read_as_student_problems(worker):
    module = worker.ensure_started()
    with pytest.raises(NotAttempted):
        module.todo(1)
    with pytest.raises(StudentException, match="ZeroDivisionError") as info:
        module.fails(1)
    assert "mod.py, line" in str(info.value)
    with pytest.raises(MissingName, match="`nope` is missing from your mod.py"):
        module.nope(1)


def test_missing_and_broken_modules(tmp_path):
    with pytest.raises(MissingModule, match="mod.py was not found"):
        Worker(tmp_path, "mod").ensure_started()
    (tmp_path / "mod.py").write_text("def f(:\n    pass\n")
    broken = Worker(tmp_path, "mod")
    with pytest.raises(BrokenModule, match="syntax error") as info:
        broken.ensure_started()
    assert "mod.py, line 1" in str(info.value) and str(info.value).count("line 1") == 1
    broken.stop()


def test_submission_cannot_import_the_kit(tmp_path):
    (tmp_path / "mod.py").write_text("import solutions.softmax\n")
    worker = Worker(tmp_path, "mod")
    with pytest.raises(BrokenModule, match="may not import 'solutions"):
        worker.ensure_started()
    worker.stop()


def test_a_generator_argument_advances_like_a_local_one(tmp_path):
    (tmp_path / "draw.py").write_text("def draw(rng):\n    return rng.normal(size=3)\n")
    worker = Worker(tmp_path, "draw")
    ours, local = np.random.default_rng(7), np.random.default_rng(7)
    np.testing.assert_array_equal(worker.ensure_started().draw(ours), local.normal(size=3))
    assert ours.random() == local.random()
    worker.stop()


def test_a_callback_may_call_student_code_again(worker):
    """A grader callback (e.g. a reference that calls the student's f) re-enters the worker."""
    module = worker.ensure_started()
    assert module.apply(lambda x: module.uses_helper(x), 1) == 40


def test_numpy_warnings_fail_a_call_only_when_asked(tmp_path):
    (tmp_path / "warn.py").write_text("import numpy as np\n\ndef f(x):\n    return np.exp(x)\n")
    worker = Worker(tmp_path, "warn")
    module = worker.ensure_started()
    assert np.isinf(module.f(np.array([1000.0]))[0])
    with pytest.raises(NumpyWarning, match="made numpy warn: overflow encountered in exp") as info:
        module.with_numpy_errors().f(np.array([1000.0]))
    assert "warn.py, line 4" in str(info.value)
    worker.stop()


def test_the_workers_numpy_is_reachable(worker):
    module = worker.ensure_started()
    module.numpy().random.seed(3)
    assert module.numpy().random.random() == np.random.RandomState(3).random_sample()


def test_a_tensor_changed_in_place_is_a_failure(tmp_path):
    torch = pytest.importorskip("torch")
    (tmp_path / "t.py").write_text("def zero(x):\n    x.zero_()\n    return 1\n\ndef keep(x):\n    return float(x.sum())\n")
    worker = Worker(tmp_path, "t", memory_mb=None)
    x = torch.ones(3)
    with pytest.raises(InputChanged, match="first argument"):
        worker.ensure_started().zero(x)
    assert x.tolist() == [1.0, 1.0, 1.0]
    assert worker.ensure_started().keep(x) == 3.0
    worker.ensure_started().with_in_place(0).zero(x)
    assert x.tolist() == [0.0, 0.0, 0.0]
    worker.stop()


def test_a_call_sends_back_only_the_arguments_it_changed(tmp_path):
    """The worker's reply carries the arguments whose fingerprint changed, not an echo of every one."""
    module = types.ModuleType("served")
    exec(MODULE, module.__dict__)
    served = server.Worker(None, str(tmp_path), "served", server.BoundedOutput(), server.BoundedOutput())
    served.objects[0] = module
    a, b = np.ones(3), np.ones(3)
    reply = served.call(module.zero_in_place, {"args": [a, b], "kwargs": {}})
    assert len(reply["writeback"]) == 1 and reply["writeback"][0][0] == 1
    assert served.call(module.restore, {"args": [np.ones(2)]})["writeback"] == []
    params = {"w": np.zeros(2)}
    assert served.call(module.bump, {"args": [], "kwargs": {"params": params}})["writeback"] == [["params", params]]


@pytest.mark.parametrize("writeback", ["x", [[0]], [[5, 1.0]], [["other", 1.0]], [[True, 1.0]], [[[0], 1.0]]])
def test_a_writeback_for_arguments_it_was_not_given_is_refused(worker, writeback):
    with pytest.raises(BadValue, match="sent back"):
        worker._writeback({"op": "call", "args": [np.ones(2)], "kwargs": {"k": 1}}, {"writeback": writeback},
                          frozenset())


def test_a_writeback_is_compared_not_believed(worker):
    """What the worker says changed is compared with the grader's own value: only a real change counts."""
    ours = np.ones(2)
    worker._writeback({"op": "call", "args": [ours]}, {"writeback": [[0, np.ones(2)]]}, frozenset())
    with pytest.raises(InputChanged, match="first argument"):
        worker._writeback({"op": "call", "args": [ours]}, {"writeback": [[0, np.zeros(2)]]}, frozenset())
    assert ours.tolist() == [1.0, 1.0]


def test_an_argument_given_something_the_wire_cannot_carry_fails_the_call(tmp_path):
    (tmp_path / "objs.py").write_text("import numpy as np\n\ndef stash(params):\n"
                                      "    params['w'] = np.array([None], dtype=object)\n")
    worker = Worker(tmp_path, "objs")
    with pytest.raises(BadValue, match="dtype object cannot be sent"):
        worker.ensure_started().with_in_place(0).stash({"w": np.zeros(2)})
    worker.stop()
