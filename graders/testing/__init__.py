"""The check toolkit the grader suites use: expectations, strategies, the mlp task's runs, plots."""
