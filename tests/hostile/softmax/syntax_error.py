"""A syntax error: the module does not load, so only this task is lost."""
STATUS = "error"
MESSAGE = "syntax error"


def softmax(a)
    return a
