"""This machine: the datasets and the doctor's checks of what is installed."""
