"""Looks a name up (socket.gethostbyname), a way to send data out through a DNS server."""
import socket

import numpy as np

STATUS = "error"
MESSAGE = "PermissionError: a submission may not use the network"


def softmax(a):
    socket.gethostbyname("localhost")
    e = np.exp(a - np.max(a, axis=-1, keepdims=True))
    return e / np.sum(e, axis=-1, keepdims=True)
