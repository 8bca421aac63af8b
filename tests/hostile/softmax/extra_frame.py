"""Writes a whole, well-formed reply of its own before the real one: a grader that took the first
message for the answer would be one reply behind for every later request."""
import json
import os
import struct
import sys

STATUS = "error"
MESSAGE = "a message out of turn"


def softmax(a):
    header = json.dumps({"dict": {"ok": None}}).encode()
    payload = struct.pack("<II", len(header), 0) + header
    os.write(int(sys.argv[1]), struct.pack("!i", len(payload)) + payload)
    return a
