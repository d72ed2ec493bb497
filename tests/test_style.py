"""The code and notebooks pass the project's linter and formatter (ruff)."""

import pathlib
import subprocess
import sys

ROOT = pathlib.Path(__file__).parent.parent


def _ruff(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "ruff", *args], cwd=ROOT, capture_output=True, text=True
    )


def test_ruff_check_is_clean():
    done = _ruff("check", "gluteed", "tests", "benchmarks", "notebooks", "docs", "teaching")
    assert done.returncode == 0, done.stdout + done.stderr


def test_ruff_format_is_clean():
    done = _ruff("format", "--check", "gluteed", "tests", "benchmarks", "docs", "teaching")
    assert done.returncode == 0, done.stdout + done.stderr
