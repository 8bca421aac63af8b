"""At import, tells torch there is a GPU, so that a trainer that ignores the device asked for
would run (and pass) the full GPU check on a machine without one. The grader's own probe of the
worker, made before this module loads, must decide: on a machine without a GPU the check is not run."""
torch.cuda.is_available = lambda: True
