"""Sends a message whose JSON part is nested 100,000 levels deep: decoding it must fail as the
submission's problem, not the grader's."""
import os
import struct
import sys

STATUS = "error"
MESSAGE = "a message it cannot read"


def softmax(a):
    header = b"[" * 100_000
    payload = struct.pack("<II", len(header), 0) + header
    os.write(int(sys.argv[1]), struct.pack("!i", len(payload)) + payload)
    return a
