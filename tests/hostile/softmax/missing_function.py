"""The function is not there (renamed, or never written)."""
STATUS = "missing"
MESSAGE = "`softmax` is missing"

del softmax  # noqa: F821  (the reference defined it above)
