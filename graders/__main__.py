"""``python -m graders`` runs the ``dlgrade`` command (in the student release, the student's commands)."""
import graders

if getattr(graders, "STUDENT_RELEASE", False):
    from graders.cli.student import main
else:
    from graders.cli.kit import main

main(prog_name="dlgrade")
