"""JUnit XML, the report CI platforms read (GitHub Classroom's and GitLab's test views, Jenkins).

One file per student: ``<testsuites>`` with one ``<testsuite>`` per task and one ``<testcase>`` per
check (``classname`` task.tier), with the attributes the Ant JUnit schema requires (``name``,
``tests``, ``failures``, ``errors``, ``skipped``, ``time``, ``timestamp``, ``hostname``). A wrong
result is a ``<failure>``; a check that crashed, hung or could not load the module is an
``<error>``; a check not run, or a task not graded, is ``<skipped>`` with the reason (never a pass).
The points are ``<properties>`` of each suite.
"""
from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from datetime import datetime

from graders.report import check_feedback, could_not_grade_text
from graders.results import CheckResult, Status, StudentRecord, TaskResult

#: Statuses that are the student's code failing to run, not a wrong result (JUnit's "error").
ERRORS = frozenset({Status.ERROR, Status.TIMEOUT, Status.CRASHED, Status.GRADER_ERROR})
SKIPPED = frozenset({Status.NOT_RUN, Status.NOT_GRADED})
NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
HOSTNAME = "localhost"   # the schema's word for a host not named (the grading machine's name is not the student's business)


def junit_xml(record: StudentRecord, graded_at: datetime) -> str:
    """The student's grade as a JUnit XML document. ``graded_at``: when it was graded (local time)."""
    stamp = graded_at.replace(tzinfo=None, microsecond=0).isoformat()
    root = ET.Element("testsuites", name=_xml_text(f"dlgrade: {record.student}"))
    if record.report is None:
        suite = _suite(root, "submission", stamp, {"status": "could not be graded"})
        case = ET.SubElement(suite, "testcase", name="graded", classname="submission", time="0")
        ET.SubElement(case, "error", message=_xml_text(f"could not be graded: {record.problem}"),
                      type="could not be graded").text = _xml_text(could_not_grade_text(record))
    else:
        for task in record.report.tasks:
            _task_suite(root, task, stamp)
    for suite in root:   # the strict (Ant) schema closes each suite with its output streams
        ET.SubElement(suite, "system-out")
        ET.SubElement(suite, "system-err")
    for element in (*root, root):
        _count(element)
    ET.indent(root)
    return ET.tostring(root, encoding="unicode", xml_declaration=True) + "\n"


def _task_suite(root: ET.Element, task: TaskResult, stamp: str) -> None:
    suite = _suite(root, task.task, stamp, {"title": task.title, "points": f"{task.points:g}",
                                            "max_points": f"{task.max_points:g}", "status": str(task.status)})
    if not task.graded:
        case = ET.SubElement(suite, "testcase", name="not graded", classname=task.task, time="0")
        ET.SubElement(case, "skipped", message=_xml_text(f"not graded: {task.not_graded}"))
        return
    for check in task.checks:
        _case(suite, task, check)


def _case(suite: ET.Element, task: TaskResult, check: CheckResult) -> None:
    earned, possible = task.check_points(check)
    case = ET.SubElement(suite, "testcase", name=check.check, classname=f"{task.task}.{check.tier}",
                         time=f"{check.seconds:.3f}")
    status, first_line = check.verdict.status, (check.verdict.message.splitlines() or [""])[0]
    if status in SKIPPED:
        ET.SubElement(case, "skipped", message=_xml_text(f"{status}: {first_line}"))
    elif not check.verdict.passed:
        kind = "error" if status in ERRORS else "failure"
        ET.SubElement(case, kind, message=_xml_text(f"{status}: {first_line}"),
                      type=str(status)).text = _xml_text(check_feedback(check))
    if possible:
        ET.SubElement(case, "system-out").text = f"points: {earned:.4g} of {possible:.4g}"


def _suite(root: ET.Element, name: str, stamp: str, properties: dict[str, str]) -> ET.Element:
    suite = ET.SubElement(root, "testsuite", name=name, timestamp=stamp, hostname=HOSTNAME)
    listed = ET.SubElement(suite, "properties")
    for key, value in properties.items():
        ET.SubElement(listed, "property", name=key, value=_xml_text(value))
    return suite


def _xml_text(text: str) -> str:
    """``text`` without the characters XML 1.0 cannot hold (a student's output may have any)."""
    return NOT_XML.sub("\ufffd", text)


def _count(element: ET.Element) -> None:
    """The counts JUnit readers show, of the test cases under ``element``: tests, failures, errors,
    skipped, and their time."""
    cases = list(element.iter("testcase"))
    element.set("tests", str(len(cases)))
    for kind, attribute in (("failure", "failures"), ("error", "errors"), ("skipped", "skipped")):
        element.set(attribute, str(sum(case.find(kind) is not None for case in cases)))
    element.set("time", f"{sum(float(case.get('time', '0')) for case in cases):.3f}")
