"""Sleeps for eleven days: every check of the task times out."""
import time

STATUS = "timeout"
MESSAGE = "did not finish within"


def softmax(a):
    time.sleep(10**6)
