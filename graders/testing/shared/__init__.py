"""What each task's public and hidden suites share: one module per task (the hidden suite never imports the public one)."""
