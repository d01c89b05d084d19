"""Example code the documentation shows and the test suite runs (not part of the package)."""
