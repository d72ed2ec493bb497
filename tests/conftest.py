"""Shared test settings."""

import os
import sys
from pathlib import Path

from hypothesis import HealthCheck, settings

settings.register_profile(
    "ci", max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile("dev", max_examples=50, deadline=None)
settings.load_profile("ci" if os.environ.get("CI") else "dev")

# The benchmarks' server helpers (benchmarks/_server.py, bench_class.py) serve the
# teaching-server and browser tests too: ``import _server``, ``import bench_class``.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
