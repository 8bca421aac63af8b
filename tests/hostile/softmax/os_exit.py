"""Calls os._exit(0): the worker process ends at once, with status 0."""
import os

STATUS = "crashed"
MESSAGE = "exited with status 0"


def softmax(a):
    os._exit(0)
