"""Returns an object that claims to be equal to anything."""
STATUS = "failed"
MESSAGE = "should be a numpy array"


class AlwaysEqual:
    def __eq__(self, other):
        return True

    def __ne__(self, other):
        return False

    def __array__(self, *args, **kwargs):
        raise TypeError("not an array")


def softmax(a):
    return AlwaysEqual()
