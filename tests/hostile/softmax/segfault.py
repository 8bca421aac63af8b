"""Reads an unmappable address through ctypes: the worker dies with SIGSEGV."""
import ctypes

STATUS = "crashed"
MESSAGE = "crashed with SIGSEGV"


def softmax(a):
    return ctypes.string_at(1 << 63, 8)  # a non-canonical address: never mapped
