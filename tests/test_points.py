"""The instructor's points file names only tasks and checks that exist."""
import pytest

from graders import tasks
from graders.points import ConfigError, load_points


def test_every_task_has_points_and_every_weight_names_a_real_check(reference_report):
    points = load_points()
    assert set(points) == {t.id for t in tasks.TASKS}
    for task in reference_report.tasks:
        names = {c.check for c in task.checks}
        unknown = set(points[task.task].weights) - names
        assert not unknown, f"points.toml weighs checks that {task.task} does not have: {unknown}"


def test_check_names_are_unique_within_a_task(reference_report):
    for task in reference_report.tasks:
        names = [c.check for c in task.checks]
        assert len(names) == len(set(names)), task.task


def test_a_broken_points_file_is_a_clear_error(tmp_path):
    bad = tmp_path / "points.toml"
    bad.write_text("[tasks.softmax]\npoints = 'many'\n")
    with pytest.raises(ConfigError, match=r"\[tasks.softmax\] needs `points = <number>`"):
        load_points(bad)
    bad.write_text("[tasks.softmax\n")
    with pytest.raises(ConfigError, match="not valid TOML"):
        load_points(bad)
