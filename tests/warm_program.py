"""A program for the warm server's test (tests/test_classroom.py): ``main(argv)`` does what argv[0] says."""
import os
import subprocess
import sys
import time

WARMED: list[str] = []   # what warm_up was called with, in the server (its forks inherit it)


def main(argv: list[str]) -> int:
    if argv[0] == "environment":
        print(os.environ.get("WARM_TEST", "unset"), sys.argv[1:])
        return 3
    if argv[0] == "warmed":
        print(WARMED)
        return 0
    if argv[0] == "raise":
        raise ValueError("raised by the program")
    # "sleep": start a process of its own, say its pid, and wait
    child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    print(child.pid, flush=True)
    time.sleep(60)
    return 0


def warm_up(*arguments: str) -> None:
    """The server's warm-up (``WarmPython(..., warm_up=["tests.warm_program:warm_up", ...])``)."""
    WARMED.extend(arguments)
