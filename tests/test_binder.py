"""The Binder environment: fully pinned, matching pyproject.toml, and working.

Binder (repo2docker) reads only ``binder/`` when that folder exists, so
``binder/requirements.txt`` must pin every package and install the project itself
(its ``.`` line); ``binder/runtime.txt`` names the Python. The slow test builds that
environment in a fresh venv, without docker, and runs every notebook in it.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

import pytest
from notebook_support import RUN_NOTEBOOKS, isolated_env
from packaging.requirements import Requirement
from packaging.specifiers import SpecifierSet
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parent.parent
BINDER = ROOT / "binder"
REQUIREMENTS = BINDER / "requirements.txt"
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
PROJECT = canonicalize_name(PYPROJECT["project"]["name"])
PIN = re.compile(r"(?P<name>[A-Za-z0-9][A-Za-z0-9._-]*)==(?P<version>[^\s=;#]+)")


def requirement_lines() -> list[str]:
    lines = REQUIREMENTS.read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.lstrip().startswith("#")]


def pins() -> dict[str, str]:
    found = {}
    for line in requirement_lines():
        match = PIN.fullmatch(line)
        if match:
            found[canonicalize_name(match["name"])] = match["version"]
    return found


def runtime_version() -> str:
    text = (BINDER / "runtime.txt").read_text(encoding="utf-8").strip()
    match = re.fullmatch(r"python-(\d+\.\d+)", text)
    assert match, f"runtime.txt should read like 'python-3.11', not {text!r}"
    return match[1]


def extra_requirements(extras: set[str]) -> list[Requirement]:
    """The project's dependencies with ``extras``, self-references expanded."""
    optional = PYPROJECT["project"]["optional-dependencies"]
    todo = [Requirement(text) for text in PYPROJECT["project"]["dependencies"]]
    todo += [Requirement(f"{PROJECT}[{extra}]") for extra in sorted(extras)]
    seen_extras: set[str] = set()
    out = []
    while todo:
        requirement = todo.pop()
        if canonicalize_name(requirement.name) != PROJECT:
            out.append(requirement)
            continue
        for extra in requirement.extras - seen_extras:
            seen_extras.add(extra)
            todo += [Requirement(text) for text in optional[extra]]
    return out


# ------------------------------------------------------------------ fast ---
def test_every_line_is_a_pin_or_the_project():
    lines = requirement_lines()
    loose = [line for line in lines if line != "." and not PIN.fullmatch(line)]
    assert not loose, f"not pinned with ==: {loose}"
    assert lines.count(".") == 1, "exactly one line '.' installs gluteed itself"
    assert PROJECT not in pins(), "gluteed is installed by the '.' line, not from PyPI"


def test_pins_cover_the_lab_and_app_extras():
    pinned = pins()
    for requirement in extra_requirements({"lab", "app"}):
        name = canonicalize_name(requirement.name)
        assert name in pinned, f"{requirement} (pyproject.toml) is not pinned"
        assert requirement.specifier.contains(pinned[name], prereleases=True), (
            f"pin {name}=={pinned[name]} does not satisfy pyproject.toml's {requirement}"
        )


def test_runtime_python_satisfies_requires_python():
    requires = SpecifierSet(PYPROJECT["project"]["requires-python"])
    assert requires.contains(runtime_version() + ".0")


def test_no_classic_postbuild():
    assert not (BINDER / "postBuild").exists()


def binder_links() -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    return re.findall(r"https://mybinder\.org/v2/gh/[^)\s\"'>]+", text)


def binder_target(link: str) -> tuple[str, str]:
    """(interface, file path in the repository) that a Binder link opens."""
    query = parse_qs(urlsplit(link).query)
    if "labpath" in query:
        return "lab", query["labpath"][0]
    urlpath = unquote(query["urlpath"][0]).split("?")[0]
    for prefix, interface in (("voila/render/", "voila"), ("lab/tree/", "lab")):
        if urlpath.startswith(prefix):
            return interface, urlpath.removeprefix(prefix)
    raise AssertionError(f"unexpected Binder link {link}")


def test_readme_badges_open_files_that_exist():
    targets = [binder_target(link) for link in binder_links()]
    assert ("lab", "notebooks/00_start_here.ipynb") in targets, targets
    assert ("voila", "notebooks/teach.ipynb") in targets, targets
    for _interface, path in targets:
        assert (ROOT / path).is_file(), f"a README badge opens {path}, which does not exist"


def test_badges_name_the_main_branch_head():
    for link in binder_links():
        assert re.match(r"https://mybinder\.org/v2/gh/[\w.-]+/[\w.-]+/HEAD\?", link), link


# ------------------------------------------------------------------ slow ---


def python_for(version: str) -> str:
    for candidate in (sys.executable, shutil.which(f"python{version}")):
        if candidate:
            out = subprocess.run(
                [candidate, "-c", "import sys; print('%d.%d' % sys.version_info[:2])"],
                capture_output=True,
                text=True,
            )
            if out.stdout.strip() == version:
                return candidate
    message = f"binder/runtime.txt asks for Python {version}, which is not on this machine"
    if os.environ.get("CI", "").lower() in {"1", "true", "yes"}:
        pytest.fail(message)
    pytest.skip(message)


@pytest.mark.slow
def test_pinned_environment_installs_and_runs_every_notebook(tmp_path):
    version = runtime_version()
    venv = tmp_path / "binder-venv"
    subprocess.run([python_for(version), "-m", "venv", str(venv)], check=True)
    bin_dir = venv / "bin"
    env = isolated_env(bin_dir, tmp_path / "home")
    # Like repo2docker: pip from the repository's top folder, so "." is gluteed.
    subprocess.run(
        [bin_dir / "python", "-m", "pip", "install", "--quiet", "-r", REQUIREMENTS],
        cwd=ROOT,
        env=env,
        check=True,
    )

    def run(*argv: str | Path) -> subprocess.CompletedProcess:
        out = subprocess.run(argv, cwd=tmp_path, env=env, capture_output=True, text=True)
        assert out.returncode == 0, out.stdout + out.stderr
        return out

    def said(*argv: str | Path) -> str:
        out = run(*argv)
        return re.sub(r"\x1b\[[0-9;]*m", "", out.stdout + out.stderr)  # without colours

    python = bin_dir / "python"
    assert (
        said(python, "-c", "import sys; print('%d.%d' % sys.version_info[:2])").strip() == version
    )

    # Exactly the pinned versions, nothing missing or extra.
    frozen = run(python, "-m", "pip", "freeze", "--exclude", PROJECT).stdout
    installed = {
        canonicalize_name(m["name"]): m["version"] for m in PIN.finditer(frozen) if m["name"]
    }
    assert installed == pins()

    extensions = said(bin_dir / "jupyter", "labextension", "list")
    assert re.search(r"@jupyter-widgets/jupyterlab-manager\s+v\S+\s+enabled\s+OK", extensions), (
        extensions
    )
    if "ipympl" in pins():
        assert re.search(r"jupyter-matplotlib\s+v\S+\s+enabled\s+OK", extensions), extensions
    server_extensions = said(bin_dir / "jupyter", "server", "extension", "list")
    assert re.search(r"voila\S*\s+enabled", server_extensions), server_extensions

    copies = tmp_path / "notebooks"
    shutil.copytree(ROOT / "notebooks", copies, ignore=shutil.ignore_patterns(".*"))
    notebooks = sorted(str(path) for path in copies.rglob("*.ipynb"))
    assert notebooks
    report = json.loads(run(python, "-c", RUN_NOTEBOOKS, *notebooks).stdout.splitlines()[-1])
    prefix, module = report.pop("<kernel>")
    assert Path(prefix).resolve() == venv.resolve(), "the notebooks ran in another environment"
    assert Path(module).resolve().is_relative_to(venv.resolve()), f"gluteed came from {module}"
    assert set(report) == {Path(name).name for name in notebooks}
    assert report == {name: [] for name in report}, report
