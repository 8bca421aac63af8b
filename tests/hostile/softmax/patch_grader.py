"""Tries to replace the grader's comparison functions, even after removing the import blocker."""
import sys

STATUS = "error"
MESSAGE = r"an import failed \(ModuleNotFoundError: No module named 'graders'"

try:
    import graders.testing.expect
except ImportError:
    sys.meta_path[:] = [f for f in sys.meta_path if type(f).__name__ != "BlockGraderImports"]
    import graders.testing.expect

graders.testing.expect.expect_close = graders.testing.expect.expect_shape = lambda got, *args, **kwargs: got
