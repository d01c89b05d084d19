"""Hypothesis profiles: ``ci`` (derandomized, 300 examples) and ``dev`` (the default).

Choose one with the environment variable ``HYPOTHESIS_PROFILE``.
"""

import os

from hypothesis import settings

settings.register_profile("ci", derandomize=True, max_examples=300, deadline=None, print_blob=True)
settings.register_profile("dev", deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "dev"))
