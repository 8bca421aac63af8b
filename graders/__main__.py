"""``python -m graders`` runs the ``dlgrade`` command (in the student release, the student's commands)."""
import graders

if getattr(graders, "STUDENT_RELEASE", False):
    from graders.student_cli import main
else:
    from graders.cli import main

main(prog_name="dlgrade")
