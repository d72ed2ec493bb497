"""The set-up without make (the README's route for Windows), and quiet package metadata.

The README tells students without ``make`` to run ``py -m venv .venv``,
``.venv\\Scripts\\pip install -e ".[lab]"``, ``.venv\\Scripts\\python teaching\\copies.py
working-copy`` and ``.venv\\Scripts\\jupyter lab my-notebooks``. The slow
test runs the same commands on this machine in a copy of the project (a fresh venv
without the system's packages, pip from its usual index and cache) and runs notebook 00
with that environment. It also checks that the build prints no warning about the
package's own metadata.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from notebook_support import RUN_NOTEBOOKS, isolated_env

ROOT = Path(__file__).resolve().parent.parent
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
README = (ROOT / "README.md").read_text(encoding="utf-8")
#: What setuptools says about a deprecated or ambiguous pyproject.toml.
METADATA_WARNINGS = re.compile(
    r"SetuptoolsDeprecationWarning|License classifiers|project\.license|license-file"
    r"|TOML table|is deprecated"
)


def test_license_is_an_spdx_expression_with_its_file():
    project = PYPROJECT["project"]
    assert project["license"] == "MIT"
    assert project["license-files"] == ["LICENSE"]
    assert (ROOT / "LICENSE").read_text(encoding="utf-8").startswith("MIT License")
    assert not [c for c in project.get("classifiers", []) if c.startswith("License ::")]
    build = " ".join(PYPROJECT["build-system"]["requires"])
    assert re.search(r"setuptools>=(7[7-9]|[89]\d)", build), build  # 77: SPDX license


def test_the_readme_gives_the_route_without_make():
    for command in (
        "py -m venv .venv",
        '.venv\\Scripts\\pip install -e ".[lab]"',
        ".venv\\Scripts\\python teaching\\copies.py working-copy",
        ".venv\\Scripts\\jupyter lab my-notebooks",
    ):
        assert command in README, command


def test_the_warning_check_catches_the_old_license_table():
    old = "BuildBackendWarning: `project.license` as a TOML table is deprecated"  # pip 26.3
    assert METADATA_WARNINGS.search(old)


@pytest.mark.slow
def test_the_route_without_make_installs_quietly_and_runs_notebook_00(tmp_path):
    project = tmp_path / "course"
    tracked = subprocess.run(
        ["git", "-C", str(ROOT), "ls-files", "-z"], capture_output=True, text=True, check=True
    ).stdout.split("\0")
    for name in filter(None, tracked):
        (project / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / name, project / name)

    venv = project / ".venv"  # py -m venv .venv
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    assert "include-system-site-packages = false" in (venv / "pyvenv.cfg").read_text()
    bin_dir = venv / "bin"
    env = isolated_env(bin_dir, tmp_path / "home")
    # A current pip, as make installs: older ones (e.g. 23.2) hide the build's warnings.
    upgrade = [bin_dir / "python", "-m", "pip", "install", "--quiet", "--upgrade", "pip"]
    subprocess.run(upgrade, env=env, check=True, capture_output=True)
    installed = subprocess.run(  # .venv\Scripts\pip install -e ".[lab]"
        [bin_dir / "pip", "install", "-e", ".[lab]"],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
    )
    said = installed.stdout + installed.stderr
    assert installed.returncode == 0, said[-3000:]
    assert not METADATA_WARNINGS.search(said), said[-6000:]
    if not isinstance(PYPROJECT["tool"]["setuptools"].get("packages"), list):
        # With package discovery every folder of gluteed/ (cases/) is part of the package;
        # an explicit list leaves setuptools naming the data folders it would ignore.
        assert "Package would be ignored" not in said, said[-6000:]

    version = subprocess.run(  # .venv\Scripts\jupyter lab (here only its version)
        [bin_dir / "jupyter", "lab", "--version"], env=env, capture_output=True, text=True
    )
    assert version.returncode == 0 and re.match(r"4\.", version.stdout), version
    copied = subprocess.run(  # .venv\Scripts\python teaching\copies.py working-copy
        [bin_dir / "python", "teaching/copies.py", "working-copy"],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
    )
    assert copied.returncode == 0 and "my-notebooks/" in copied.stdout, copied
    notebook = project / "my-notebooks" / "00_start_here.ipynb"
    for _attempt in range(2):  # once more if another kernel took the port just picked
        out = subprocess.run(
            [bin_dir / "python", "-c", RUN_NOTEBOOKS, str(notebook)],
            cwd=tmp_path,
            env=env,
            capture_output=True,
            text=True,
        )
        if "Address already in use" not in out.stderr:
            break
    assert out.returncode == 0, out.stdout + out.stderr
    report = json.loads(out.stdout.splitlines()[-1])
    prefix, module = report.pop("<kernel>")
    assert Path(prefix).resolve() == venv.resolve(), "notebook 00 ran in another environment"
    assert Path(module).resolve().is_relative_to(project.resolve()), module
    assert report == {"00_start_here.ipynb": []}, report
