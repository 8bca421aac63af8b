"""The ``dlgrade`` command: the kit's (kit.py) and the student release's (student.py)."""
import os

# Hypothesis runs the setup hooks of every installed package that registers one (trio's costs
# ~0.15 s at import) and lets them register strategies and random generators: a grade would
# depend on what else is installed. The command's graders need none of them.
os.environ.setdefault("HYPOTHESIS_NO_PLUGINS", "1")
# numpy's OpenBLAS starts a thread per core when it is imported, and after each product of
# matrices those threads spin a while waiting for the next: on the grader's small arrays that
# only took CPU from the task graded on the other core (0.35 s of a 14-task grade's 6.4 s).
# Read once, when numpy is imported: so set here, before anything imports it. Torch's threads
# (OMP_NUM_THREADS) are not affected.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
