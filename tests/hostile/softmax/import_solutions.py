"""Imports the reference solution and returns its answers."""
from solutions.softmax import softmax  # noqa: F401

STATUS = "error"
MESSAGE = "may not import 'solutions"
