"""Test configuration shared by the whole suite."""

from __future__ import annotations

import os

from hypothesis import settings

# CI must be reproducible: the same examples on every run.  Local runs explore
# new random examples, and scripts/reliability.py fuzzes at length.
settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("CI"):
    settings.load_profile("ci")
