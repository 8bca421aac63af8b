"""At import, tells torch there is no GPU, so that a grader which asks the student's module would
skip the full GPU check on a GPU machine. The grader's own probe must decide: there, the check runs."""
torch.cuda.is_available = lambda: False
