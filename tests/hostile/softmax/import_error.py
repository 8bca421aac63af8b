"""Imports a library that is not installed: the module does not load."""
import tensorflow_is_not_installed_here  # noqa: F401

STATUS = "error"
MESSAGE = r"an import failed \(ModuleNotFoundError"
