"""Test code left at the bottom of the module that never ends: the import itself times out."""
STATUS = "timeout"
MESSAGE = "did not finish within"

while True:
    pass
