"""Calls sys.exit(0) in the function, hoping a clean exit reads as success."""
import sys

STATUS = "error"
MESSAGE = r"raised SystemExit: called sys\.exit\(0\)"


def softmax(a):
    sys.exit(0)
