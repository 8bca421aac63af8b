"""The ``dlgrade`` command: the kit's (kit.py) and the student release's (student.py)."""
