"""The hostile corpus: submissions that hang, crash, flood, escape or try to game the grader.

Each case is ``tests/hostile/<task>/<case>.py``: like a variant (tests/kit.py), it is
appended to a copy of the reference module of its task, so everything else in the
submission is correct. Its module docstring says what it does; at its top it declares
what the grader must make of it:

    STATUS = "timeout"                    # the verdict status of the task's checks
    MESSAGE = "did not finish within"     # a regex the one-line reason matches
    FALLBACK = "not contained"            # only where process isolation alone cannot stop it
    WITHOUT_CGROUP = "may not start"      # tree cases: the reason where the grader can make no cgroup

These lines are read as text, so a case may be a file that does not even parse.
"""
from __future__ import annotations

import ast
import re
from dataclasses import dataclass
from pathlib import Path

from tests.kit import Variant

HOSTILE = Path(__file__).resolve().parent
#: Submissions that try to decide their own grade rather than knock the grader over: ``forgery/<task>/<case>.py``,
#: appended to the reference like a variant; tests/test_forgery.py says what the grader must make of each.
FORGERY = HOSTILE / "forgery"
#: Submissions whose process tree goes over the limits it shares (memory, processes): ``tree/<task>/<case>.py``,
#: declared like the class corpus; tests/test_hostile.py grades each on one check, with a cgroup per worker
#: (where one can be made) and without (where the worker may start no process: status "error", WITHOUT_CGROUP).
TREE = HOSTILE / "tree"
#: Submissions that make the grader's own functions (reference helpers the student's code calls) work
#: without end: ``callbacks/<task>/<case>.py``; tests/test_forgery.py bounds what they cost.
CALLBACKS = HOSTILE / "callbacks"
DECLARATION = re.compile(r"^(STATUS|MESSAGE|FALLBACK|ORPHAN_NAME|WITHOUT_CGROUP) = (r?\"[^\"\n]*\")", re.M)


@dataclass(frozen=True)
class HostileCase(Variant):
    """A hostile submission and the outcome it must get."""

    @property
    def declared(self) -> dict[str, str]:
        text = self.path.read_text(encoding="utf-8")
        return {name: ast.literal_eval(value) for name, value in DECLARATION.findall(text)}

    def setting(self, variable: str, default=None):
        """As Variant.setting, read from the text: a hostile case need not parse."""
        return self.declared.get(variable, default)

    @property
    def status(self) -> str:
        return self.declared["STATUS"]

    @property
    def message(self) -> str:
        return self.declared["MESSAGE"]

    def contained_without_sandbox(self) -> bool:
        return self.declared.get("FALLBACK") != "not contained"


def all_cases() -> list[HostileCase]:
    return [HostileCase(p.parent.name, p) for p in sorted(HOSTILE.glob("*/*.py"))]
