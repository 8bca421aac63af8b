"""The ``dlgrade`` command: the kit's (kit.py) and the student release's (student.py)."""
import os

# Hypothesis runs the setup hooks of every installed package that registers one (trio's costs
# ~0.15 s at import) and lets them register strategies and random generators: a grade would
# depend on what else is installed. The command's graders need none of them.
os.environ.setdefault("HYPOTHESIS_NO_PLUGINS", "1")
