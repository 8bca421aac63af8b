"""Reads address 0 through ctypes: the worker dies with SIGSEGV."""
import ctypes

STATUS = "crashed"
MESSAGE = "crashed with SIGSEGV"


def softmax(a):
    return ctypes.string_at(0, 8)
