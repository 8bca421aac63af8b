"""A passing check's examples, drawn once and replayed in every grade.

The kit's hypothesis profile is derandomized: a check's examples come from a seed fixed by its
source. While every example passes, nothing the check's body does changes which example hypothesis
draws next, so a check that passes is called with the same arguments, in the same order, in every
grade. Drawing them (hypothesis's strategies, in Python) is most of what grading a submission
costs the grader: about 1 ms per example, a thousand examples per grade.

So the kit draws them once. ``dlgrade sync`` grades the reference solutions with hypothesis drawing
as usual, and keeps the arguments of every call hypothesis made to each check's body: a *record*
per suite, ``graders/<tier>/examples/<task>.examples``, in the worker's wire format (plain data and
arrays; nothing in it is ever unpickled). A grade then calls each check's body with its record's
arguments, in order, under what hypothesis puts around every call (the check's settings, the
seeded global random generators, a build context). If every call passes, the check passes, as it
would have with hypothesis drawing. If one fails, hypothesis runs the check as it always did
(drawing, finding the failure, shrinking it to the smallest example), so a failing check's verdict
and example are hypothesis's own. Should hypothesis then find no failure, the student's code gave
two answers for one input: the check fails as hypothesis's own ``Flaky`` does. (The student's code
has then been called with the record's first examples before hypothesis calls it again: code that
draws from numpy's global generator, unseeded, gets the same verdict and example, but the numbers
it drew, quoted in the message, may differ from a grade without records.)

A record holds the key of what decides the draws: the hypothesis release, the kit's profile, the
suite's source and the shared strategies (``graders/testing``). A record whose key differs is not
used (its checks draw as before, and ``dlgrade sync --check`` names it). So is a check that has
none: a new check, one whose arguments the wire format cannot carry exactly, or one that called
``assume``. ``DLGRADE_REPLAY=0`` turns replaying off.
"""
from __future__ import annotations

import copy
import functools
import hashlib
import inspect
import os
from pathlib import Path

import hypothesis
import numpy as np
from hypothesis import HealthCheck, Phase, settings as Settings
from hypothesis._settings import local_settings
from hypothesis.control import BuildContext
from hypothesis.errors import FlakyFailure, UnsatisfiedAssumption
from hypothesis.internal.conjecture.data import ConjectureData
from hypothesis.internal.conjecture.junkdrawer import ensure_free_stackframes
from hypothesis.internal.entropy import deterministic_PRNG

from graders.kit import GRADERS
from graders.worker import wire

ENV = "DLGRADE_REPLAY"          # "0": hypothesis draws every example, as without records
FOLDER = "examples"             # graders/<tier>/examples/<task>.examples
SUFFIX = ".examples"
FORMAT = 1                      # of a record's layout; part of its key
#: Where the kit's shared strategies live: a change there may change any suite's draws.
STRATEGIES = GRADERS / "testing"
#: The kit's hypothesis profiles (below): the records are drawn under the first.
PROFILE, PROFILE_NO_SHRINK = "dlgrade", "dlgrade-no-shrink"
#: The modes of :class:`Examples`.
REPLAY, RECORD, OFF = "replay", "record", "off"


# -- how a check's examples are drawn ----------------------------------------------------------------

def _examples_independent_of_loaded_modules() -> None:
    """Keep hypothesis from drawing constants it finds in the process's own ("local") modules.

    Since 6.12x hypothesis mixes into its draws number literals of every non-library module
    loaded in the process: which reference solutions and grader modules happen to be imported,
    and whether the kit is installed editable, would then change a check's examples, and so a
    grade. Only its own constants are kept (tests/test_feedback.py checks the examples are the
    same whatever is imported). A hypothesis without the feature is left as it is.
    """
    try:
        from hypothesis.internal.conjecture import providers  # may be missing: a hypothesis internal
    except ImportError:  # pragma: no cover
        return
    if hasattr(providers, "_get_local_constants") and hasattr(providers, "Constants"):
        nothing = providers.Constants()
        providers._get_local_constants = lambda: nothing
        providers.CONSTANTS_CACHE.cache.clear()


_examples_independent_of_loaded_modules()

Settings.register_profile(
    PROFILE,
    derandomize=True,          # same examples on every run and machine
    database=None,             # nothing remembered between runs
    deadline=None,             # time limits are the worker's business
    # A check draws 10 examples unless it says otherwise, beside its explicit ones (the seeds'
    # vectors, zeros, kinks, extremes). The rule, from benchmarks/budget_study.py: a check's
    # budget is at least twice the examples that the slowest-caught buggy variant naming it in
    # CAUGHT_BY needs; the few checks where that is over 10 set their own (cross_entropy_error
    # on labels: 9 needed, 18 drawn). At 5 for every check, five variants escape.
    max_examples=10,
    print_blob=False,
    report_multiple_bugs=False,
    suppress_health_check=list(HealthCheck),
    phases=(Phase.explicit, Phase.generate, Phase.shrink),  # no "explain": slow, and adds nothing here
)

# The kit's own tests ask only whether each check passes: the same examples, without shrinking
# a failure to its smallest input (the verdict's status is the same, the message less helpful).
Settings.register_profile(PROFILE_NO_SHRINK, Settings.get_profile(PROFILE),
                          phases=(Phase.explicit, Phase.generate))


# -- the records ------------------------------------------------------------------------------------

def enabled() -> bool:
    return os.environ.get(ENV, "1") != "0"


def record_path(suite: Path) -> Path:
    """``graders/<tier>/examples/<task>.examples`` for the suite ``graders/<tier>/test_<task>.py``."""
    suite = Path(suite)
    return suite.parent / FOLDER / (suite.stem.removeprefix("test_") + SUFFIX)


def suite_key(suite: Path) -> str:
    """SHA-256 of what decides the examples hypothesis draws for the checks of ``suite``: the hypothesis
    release, the kit's profile, the shared strategies and the suite's source."""
    shared = [path for path in sorted(STRATEGIES.rglob("*.py")) if "__pycache__" not in path.parts]
    stamp = (repr(Settings.get_profile(PROFILE)), *((str(p), p.stat().st_mtime_ns, p.stat().st_size) for p in shared))
    return hashlib.sha256(_shared_digest(stamp) + Path(suite).read_bytes()).hexdigest()


@functools.lru_cache(maxsize=8)
def _shared_digest(stamp: tuple) -> bytes:
    """The digest of what every suite's key holds (read again only when a file's time or size changes)."""
    profile, *files = stamp
    digest = hashlib.sha256(f"{FORMAT}\0{hypothesis.__version__}\0{profile}\0".encode())
    for name, *_ in files:
        path = Path(name)
        digest.update(f"{path.relative_to(GRADERS).as_posix()}\0".encode() + path.read_bytes() + b"\0")
    return digest.digest()


def load(suite: Path) -> dict[str, list[dict]]:
    """The recorded examples of ``suite``'s checks, by check name; empty where its record is missing or
    was drawn for another version of what decides the draws."""
    try:
        record = wire.decode(record_path(suite).read_bytes())
    except (OSError, wire.WireError):
        return {}
    if not isinstance(record, dict) or record.get("key") != suite_key(suite):
        return {}
    return record.get("checks", {})


def encoded(suite: Path, checks: dict[str, list[dict]]) -> bytes:
    """The record of ``suite`` (a check name -> the arguments of each call to its body, in order), as written."""
    return wire.encode({"key": suite_key(suite), "checks": dict(sorted(checks.items()))})


class Examples:
    """What a grading session does with a check's examples: ``replay`` its record where it has one (the
    default), ``record`` the calls hypothesis makes (``dlgrade sync``), or ``off``: hypothesis draws."""

    def __init__(self, mode: str = REPLAY):
        self.mode = mode if mode != REPLAY or enabled() else OFF
        self.loaded: dict[Path, dict[str, list[dict]]] = {}
        self.recorded: dict[Path, dict[str, list[dict]]] = {}   # record mode: suite -> check -> calls
        self.unrecorded: list[str] = []   # record mode: the checks that cannot be replayed exactly

    def run(self, test, fixtures: dict, suite: Path, name: str, shown=None) -> bool | None:
        """Run the check ``test`` (hypothesis's wrapper, called with its ``fixtures``) named ``name`` of ``suite``;
        None where it is not hypothesis's to run, or this session leaves it to hypothesis. ``shown`` is the
        feedback's record of the latest arguments (graders.engine.feedback.ExampleRecord), set back to the
        replayed call's where hypothesis then finds no failure."""
        handle = getattr(test, "hypothesis", None)
        if handle is None or self.mode == OFF:
            return None
        if self.mode == RECORD:
            self.recorded.setdefault(Path(suite), {}).pop(name, None)
            calls = _recording(test, fixtures)
            if calls is not None:
                self.recorded[Path(suite)][name] = calls
            else:
                self.unrecorded.append(f"{Path(suite).name}::{name}")
            return True
        examples = self._record_of(Path(suite)).get(name)
        if examples is None:
            return None
        try:
            for arguments in examples:
                _call_body(test, fixtures, copy.deepcopy(arguments))
        except (KeyboardInterrupt, SystemExit, GeneratorExit):
            raise
        except BaseException as replayed:
            arguments = getattr(shown, "arguments", None)
            test(**fixtures)   # hypothesis as always: it draws the same examples, finds the failure, shrinks it
            if shown is not None:
                shown.arguments = arguments
            if not isinstance(replayed, Exception):
                raise
            raise FlakyFailure("the check failed on a recorded example that passed when hypothesis drew it again",
                               [replayed]) from None
        return True

    def _record_of(self, suite: Path) -> dict[str, list[dict]]:
        found = self.loaded.get(suite)
        if found is None:
            found = self.loaded[suite] = load(suite)
        return found


def fixture_arguments(test, funcargs: dict) -> dict:
    """What pytest passes to ``test`` (hypothesis's wrapper, whose signature lists only fixtures)."""
    return {name: funcargs[name] for name in inspect.signature(test).parameters}


def _call_body(test, fixtures: dict, arguments: dict) -> None:
    """Call the body of the check ``test`` as hypothesis calls it for one example (core.StateForActualGivenExecution
    .execute_once): under its settings, with the global random generators seeded, in a build context."""
    data = ConjectureData.for_choices([])
    with local_settings(test._hypothesis_internal_use_settings), deterministic_PRNG(), \
            BuildContext(data, is_final=False, wrapped_test=test), \
            data.provider.per_test_case_context_manager(), ensure_free_stackframes():
        test.hypothesis.inner_test(**fixtures, **arguments)


def _recording(test, fixtures: dict) -> list[dict] | None:
    """Run ``test`` under hypothesis; the arguments of each call it made to the body, or None where the check
    cannot be replayed exactly (an argument the wire format does not carry as it is, an ``assume`` that
    rejected a call). A check that fails raises, as it would unrecorded."""
    handle = test.hypothesis
    inner = handle.inner_test
    calls: list[dict] | None = []

    @functools.wraps(inner)   # hypothesis seeds a check's draws with a digest of this function's source
    def recorded(*args, **kwargs):
        nonlocal calls
        drawn = {name: value for name, value in kwargs.items() if name not in fixtures}
        copied = _carried(drawn)
        if copied is None:
            calls = None
        elif calls is not None:
            calls.append(copied)
        try:
            return inner(*args, **kwargs)
        except UnsatisfiedAssumption:
            calls = None
            raise

    handle.inner_test = recorded
    try:
        test(**fixtures)
    finally:
        handle.inner_test = inner
    return calls


def _carried(arguments: dict) -> dict | None:
    """``arguments`` as the wire format carries them, or None where the copy would not be exactly the same
    (a type it changes, an array that is not C-ordered, arrays that share memory)."""
    try:
        copied = wire.decode(wire.encode(arguments))
    except (wire.WireError, TypeError, ValueError, RecursionError):
        return None
    arrays: list[np.ndarray] = []
    if not _same(arguments, copied, arrays):
        return None
    if any(np.may_share_memory(a, b) for i, a in enumerate(arrays) for b in arrays[i + 1:]):
        return None
    return copied


def _same(original, copied, arrays: list) -> bool:
    if type(original) is not type(copied):
        return False
    if isinstance(original, np.ndarray):
        arrays.append(original)
        return (original.dtype == copied.dtype and original.shape == copied.shape
                and original.flags.c_contiguous and original.tobytes() == copied.tobytes())
    if isinstance(original, np.generic):
        return original.dtype == copied.dtype and original.tobytes() == copied.tobytes()
    if isinstance(original, float):
        return np.float64(original).tobytes() == np.float64(copied).tobytes()   # -0.0 and NaN payloads too
    if isinstance(original, (list, tuple)):
        return len(original) == len(copied) and all(_same(a, b, arrays) for a, b in zip(original, copied))
    if isinstance(original, dict):
        return list(original) == list(copied) and all(_same(original[k], copied[k], arrays) for k in original)
    if isinstance(original, np.random.Generator):
        return repr(original.bit_generator.state) == repr(copied.bit_generator.state)
    return original == copied
