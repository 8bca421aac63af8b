"""The HTML pages, in a real browser: Debian's Chromium, headless, driven by Selenium (chromedriver).

The pages load without errors, the numbers on the class dashboard are those of grades.csv, every
link to a student's page resolves to that student's page with the same total, the tables sort,
and a phone-sized window scrolls only the tables, never the page. Screenshots are kept in
``test-artifacts/pages/`` (git-ignored) for a person to look at.

Without Chromium and its driver (``apt-get install chromium chromium-driver``) the browser tests
are skipped, saying so; CI installs both and sets DLGRADE_REQUIRE_BROWSER=1, which makes a missing
browser a failure instead.
"""
from __future__ import annotations

import csv
import os
import shutil
from pathlib import Path

import pytest

from graders.classroom.grading import read_record
from graders.pages.render import feedback_page
from graders.results import StudentRecord
from tests.kit import KIT

TASKS = ["softmax", "encoding"]
SHOTS = KIT / "test-artifacts" / "pages"
PHONE = (390, 844)
CHROMIUM_FLAGS = ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync")


@pytest.fixture(scope="module")
def graded(graded_class) -> Path:
    """alice: the reference; bob: a buggy softmax and the stub of encoding; carol: an encoding.py that does
    not load; dave: could not be graded (tests/conftest.py)."""
    return graded_class


@pytest.fixture(scope="module")
def browser():
    chromium, driver = shutil.which("chromium") or shutil.which("chromium-browser"), shutil.which("chromedriver")
    if not (chromium and driver):
        message = "no Chromium and chromedriver here: apt-get install chromium chromium-driver"
        if os.environ.get("DLGRADE_REQUIRE_BROWSER"):
            pytest.fail(message)
        pytest.skip(message)
    from selenium import webdriver
    from selenium.webdriver.chrome.options import Options
    from selenium.webdriver.chrome.service import Service

    options = Options()
    options.binary_location = chromium
    for flag in CHROMIUM_FLAGS:
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    session = webdriver.Chrome(service=Service(driver), options=options)
    SHOTS.mkdir(parents=True, exist_ok=True)
    yield session
    session.quit()


def _open(browser, page: Path, size=(1200, 900)):
    browser.set_window_size(*size)
    browser.get(page.as_uri())
    errors = [entry for entry in browser.get_log("browser") if entry["level"] == "SEVERE"]
    assert not errors, errors
    return browser


def _shoot(browser, name: str) -> None:
    """A screenshot of the whole page (the window stretched to its height)."""
    width = browser.execute_script("return window.innerWidth")
    height = browser.execute_script("return document.documentElement.scrollHeight")
    browser.set_window_size(width, min(height + 120, 6000))
    browser.save_screenshot(str(SHOTS / f"{name}.png"))


def _table(browser, table_id: str) -> list[list[str]]:
    from selenium.webdriver.common.by import By

    return [[cell.text for cell in row.find_elements(By.TAG_NAME, "td")]
            for row in browser.find_elements(By.CSS_SELECTOR, f"#{table_id} tbody tr")]


def test_the_dashboard_shows_grades_csv_and_links_every_students_page(graded, browser):
    from selenium.webdriver.common.by import By

    with open(graded / "grades.csv", newline="") as handle:
        csv_rows = list(csv.DictReader(handle))
    _open(browser, graded / "dashboard.html")
    shown = _table(browser, "students")
    assert [row[0] for row in shown] == [row["student"] for row in csv_rows]
    for row, expected in zip(shown, csv_rows):
        assert row[1:2 + len(TASKS)] == [expected["total"], *(expected[t] for t in TASKS)]
    assert "could not be read" in shown[-1][-1]   # dave
    assert browser.find_element(By.ID, "graded-count").text == "3"
    _shoot(browser, "dashboard")
    links = {a.text: a.get_attribute("href") for a in browser.find_elements(By.CSS_SELECTOR, "#students a")}
    assert set(links) == {"alice", "bob", "carol"}
    for student, href in links.items():
        browser.get(href)
        assert browser.find_element(By.TAG_NAME, "h1").text == f"Feedback: {student}"
        total = next(r["total"] for r in csv_rows if r["student"] == student)
        assert browser.find_element(By.ID, "total").text == total
        assert not [e for e in browser.get_log("browser") if e["level"] == "SEVERE"]


def test_the_dashboards_tables_sort_by_any_column(graded, browser):
    from selenium.webdriver.common.by import By

    _open(browser, graded / "dashboard.html")
    header = browser.find_elements(By.CSS_SELECTOR, "#students th")[1]   # total
    totals = lambda: [row[1] for row in _table(browser, "students")]   # noqa: E731
    header.click()
    ascending = totals()
    assert [float(t) for t in ascending if t] == sorted(float(t) for t in ascending if t)
    header.click()
    assert [float(t) for t in totals() if t] == sorted((float(t) for t in ascending if t), reverse=True)
    failed = browser.find_elements(By.CSS_SELECTOR, "#per-check th")[2]
    failed.click()
    rates = [float(row[2].rstrip("%")) for row in _table(browser, "per-check")]
    assert rates == sorted(rates)


def test_on_a_phone_only_the_tables_scroll(graded, browser):
    for page, name in ((graded / "dashboard.html", "dashboard-phone"),
                       (graded / "students" / "bob" / "feedback.html", "feedback-phone")):
        _open(browser, page, size=PHONE)
        overflow = browser.execute_script("return document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, (name, overflow)
        _shoot(browser, name)


def test_a_students_page_shows_each_failure_with_its_input_and_hint(graded, browser):
    from selenium.webdriver.common.by import By

    record = read_record(graded / "students" / "bob")
    _open(browser, graded / "students" / "bob" / "feedback.html", size=(1000, 900))
    rows = {row[0]: row for row in _table(browser, "tasks")}
    for task in record.tasks:
        assert rows[task.task][1:3] == [f"{task.points:g}", f"{task.max_points:g}"]
    softmax = next(t for t in record.tasks if t.task == "softmax")
    blocks = browser.find_elements(By.CSS_SELECTOR, "#task-softmax .failure")
    assert len(blocks) == len(softmax.failures) > 0
    with_example = [c for c in softmax.failures if c.verdict.example]
    assert with_example and with_example[0].verdict.example in browser.find_element(By.ID, "task-softmax").text
    encoding = browser.find_elements(By.CSS_SELECTOR, "#task-encoding .failure")
    assert len(encoding) == 1 and "every check of this task" in encoding[0].text   # not attempted, said once
    _shoot(browser, "feedback-bob")


def test_what_a_student_wrote_is_shown_never_run(graded, tmp_path):
    data = read_record(graded / "students" / "bob").to_dict()
    check = next(c for t in data["tasks"] for c in t["checks"] if c["status"] == "failed")
    check["message"] = "got <script>alert(1)</script> and <img src=x onerror=alert(2)>"
    page = feedback_page(StudentRecord.from_dict(data).report)
    assert "<script>alert" not in page and "<img src=x" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
