"""Tells the grader a message of 1 GiB is coming: a grader that made room for it before reading it
would take 1 GiB (and more with copies) from one 4-byte write."""
import os
import struct
import sys

STATUS = "error"
MESSAGE = r"a message of 1,073,741,824 bytes, over the 256 MiB a reply may have"


def softmax(a):
    os.write(int(sys.argv[1]), struct.pack("!i", 2**30))
    return a
