"""The ``dlgrade`` command of the student release: the kit's commands that need no solutions.

The release has no reference solutions and no hidden graders, so ``grade`` and ``sync``
would be meaningless there (``grade`` would score the public checks alone); they answer
with what to run instead. The release is the distribution ``dlgrade-student``.
"""
from __future__ import annotations

import click

from graders.cli import main as kit_main

STUDENT_COMMANDS = ("check", "list", "doctor", "data")


@click.group()
@click.version_option(package_name="dlgrade-student", message="%(package)s %(version)s")
def main():
    """Exercises and self-checks for a first course in deep learning."""


for _name in STUDENT_COMMANDS:
    if _name in kit_main.commands:
        main.add_command(kit_main.commands[_name])


def _instructors_only(name: str, what: str) -> click.Command:
    @click.command(name=name, context_settings={"ignore_unknown_options": True},
                   help=f"(instructors only) {what}")
    @click.argument("args", nargs=-1, type=click.UNPROCESSED)
    def command(args):
        raise click.ClickException(
            f"`dlgrade {name}` is for instructors: it needs the course's model solutions and "
            "hidden checks, which the student kit does not have. Run `dlgrade check` to run "
            "the self-checks on your exercises/.")
    return command


main.add_command(_instructors_only("grade", "grade a submission with the hidden graders"))
main.add_command(_instructors_only("sync", "regenerate exercises/ from the reference solutions"))
