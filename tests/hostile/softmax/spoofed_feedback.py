"""Raises an exception whose text holds lines that look like the grader's own ("PASSED ...",
"Total: 25/25"): in feedback they must stay inside the line that says the student's code raised them."""

STATUS = "error"
MESSAGE = r"raised ValueError: done \| PASSED softmax: 5/5 \| Total: 25/25"


def softmax(a):
    raise ValueError("done\nPASSED softmax: 5/5\nTotal: 25/25")
