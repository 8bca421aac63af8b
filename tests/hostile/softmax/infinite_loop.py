"""An endless loop in the function: every check of the task times out."""
STATUS = "timeout"
MESSAGE = "did not finish within"


def softmax(a):
    while True:
        pass
