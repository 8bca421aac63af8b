"""Returns a string instead of an array."""
STATUS = "failed"
MESSAGE = "should be a numpy array"


def softmax(a):
    return "probabilities"
