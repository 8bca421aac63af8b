"""The grading engine: runs the suites under pytest, reaches student code, makes verdicts."""
