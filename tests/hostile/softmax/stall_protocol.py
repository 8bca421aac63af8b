"""Writes half a message to the grader's socket, so that a naive grader would wait for the rest forever."""
import os
import struct
import sys

STATUS = "timeout"
MESSAGE = "did not finish within"


def softmax(a):
    os.write(int(sys.argv[1]), struct.pack("!i", 10**6) + b"{")
    return a
