"""The wheel holds every module, every subpackage, every shipped case file and data file."""

import importlib.util
import pathlib
import shutil
import subprocess
import sys
import zipfile

import pytest

import gluteed

ROOT = pathlib.Path(gluteed.__file__).parent.parent
PACKAGE = ROOT / "gluteed"


def _expected() -> set[str]:
    files = {p for p in PACKAGE.rglob("*.py") if "__pycache__" not in p.parts}
    files |= (
        set(PACKAGE.glob("*.json")) | set(PACKAGE.glob("cases/*.json")) | {PACKAGE / "py.typed"}
    )
    return {p.relative_to(ROOT).as_posix() for p in files}


def _can_build_in_place() -> bool:
    """setuptools builds a wheel without an isolated environment (it needs
    ``wheel`` before setuptools 70.1)."""
    if importlib.util.find_spec("setuptools") is None:
        return False
    import setuptools

    major, minor = (int(x) for x in setuptools.__version__.split(".")[:2])
    return (major, minor) >= (70, 1) or importlib.util.find_spec("wheel") is not None


@pytest.mark.slow
def test_wheel_contains_every_module_and_case_file(tmp_path):
    if not (ROOT / "pyproject.toml").exists():
        pytest.skip("runs from a source checkout")
    source = tmp_path / "source"  # build from a copy: no build/ or egg-info in the checkout
    source.mkdir()
    for name in ("pyproject.toml", "README.md", "LICENSE"):
        shutil.copy(ROOT / name, source / name)
    shutil.copytree(PACKAGE, source / "gluteed", ignore=shutil.ignore_patterns("__pycache__"))
    command = [sys.executable, "-m", "pip", "wheel", ".", "--no-deps", "-q", "-w", str(tmp_path)]
    if _can_build_in_place():
        command.append("--no-build-isolation")
    subprocess.run(command, cwd=source, check=True, capture_output=True, timeout=600)
    (wheel,) = tmp_path.glob("gluteed-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    missing = sorted(_expected() - names)
    assert missing == [], f"not in the wheel: {missing}"
    assert "gluteed/view/__init__.py" in names
