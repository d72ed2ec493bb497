"""The students' working copy (make lab) and the student copy (make handout)."""

from __future__ import annotations

import importlib.util
import json
import os
import pathlib
import shutil
import subprocess
import sys

import nbformat
import pytest
from notebook_support import problems, run_notebook

ROOT = pathlib.Path(__file__).parent.parent
SCRIPT = ROOT / "teaching" / "copies.py"
_spec = importlib.util.spec_from_file_location("copies", SCRIPT)
copies = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(copies)
NOTEBOOK_NAMES = sorted(p.name for p in (ROOT / "notebooks").glob("*.ipynb"))


def git(repo: pathlib.Path, *args: str) -> str:
    env = dict(os.environ, GIT_AUTHOR_NAME="t", GIT_AUTHOR_EMAIL="t@example.org")
    env.update(GIT_COMMITTER_NAME="t", GIT_COMMITTER_EMAIL="t@example.org")
    out = subprocess.run(["git", "-C", str(repo), *args], capture_output=True, text=True, env=env)
    assert out.returncode == 0, out.stderr
    return out.stdout


@pytest.fixture
def project(tmp_path) -> pathlib.Path:
    """A git repository with the project's notebooks, .gitignore and copy script."""
    repo = tmp_path / "project"
    shutil.copytree(ROOT / "notebooks", repo / "notebooks", ignore=shutil.ignore_patterns(".*"))
    shutil.copy2(ROOT / ".gitignore", repo / ".gitignore")
    (repo / "teaching").mkdir()
    shutil.copy2(SCRIPT, repo / "teaching" / "copies.py")
    git(repo, "init", "-q")
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "start")
    return repo


def make_working_copy(repo: pathlib.Path) -> str:
    out = subprocess.run(
        [sys.executable, "teaching/copies.py", "working-copy"],
        cwd=repo,
        capture_output=True,
        text=True,
        check=True,
    )
    return out.stdout


def test_the_working_copy_keeps_git_clean_and_never_overwrites(project):
    said = make_working_copy(project)
    mine = project / "my-notebooks"
    assert sorted(p.name for p in mine.glob("*.ipynb")) == NOTEBOOK_NAMES
    assert f"{len(NOTEBOOK_NAMES)} copied in, 0 kept" in said
    assert git(project, "status", "--porcelain") == ""

    # A student runs and saves notebook 00 (outputs, a changed cell) ...
    edited = mine / "00_start_here.ipynb"
    nb = nbformat.read(edited, as_version=4)
    nb.cells.append(nbformat.v4.new_code_cell("1 + 1", execution_count=1))
    nbformat.write(nb, edited)
    saved = edited.read_bytes()
    assert git(project, "status", "--porcelain") == ""

    # ... and the project later adds a notebook and changes notebook 00.
    upstream = project / "notebooks"
    shutil.copy2(upstream / "00_start_here.ipynb", upstream / "06_new.ipynb")
    (upstream / "00_start_here.ipynb").write_text(
        json.dumps(nbformat.v4.new_notebook(), indent=1) + "\n", encoding="utf-8"
    )
    git(project, "commit", "-qam", "upstream change")
    git(project, "add", "notebooks/06_new.ipynb")
    git(project, "commit", "-qm", "new notebook")
    said = make_working_copy(project)
    assert "1 copied in" in said and (mine / "06_new.ipynb").is_file()
    assert edited.read_bytes() == saved, "the student's notebook was overwritten"
    assert git(project, "status", "--porcelain") == ""


def test_a_working_copy_notebook_in_the_tracked_folder_would_show(project):
    """The check above can fail: a saved tracked notebook is what git reports."""
    tracked = project / "notebooks" / "00_start_here.ipynb"
    tracked.write_text(tracked.read_text(encoding="utf-8") + " ", encoding="utf-8")
    assert "notebooks/00_start_here.ipynb" in git(project, "status", "--porcelain")


def test_make_lab_opens_the_working_copy():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert "--ServerApp.root_dir=$(MY_NOTEBOOKS)" in makefile
    assert "teaching/copies.py working-copy $(MY_NOTEBOOKS)" in makefile
    assert "my-notebooks/" in (ROOT / ".gitignore").read_text(encoding="utf-8").splitlines()


@pytest.fixture(scope="module")
def handout(tmp_path_factory) -> pathlib.Path:
    folder = tmp_path_factory.mktemp("course") / "handout"
    copies.handout(folder)
    return folder


def test_the_handout_has_the_notebooks_and_no_teacher_notes(handout):
    assert not (handout / "teacher-notes").exists()
    assert not (handout / "tests").exists()
    names = {str(p.relative_to(handout)) for p in handout.rglob("*") if p.is_file()}
    assert not [name for name in names if "teacher" in name.lower()]
    assert sorted(p.name for p in (handout / "notebooks").glob("*.ipynb")) == NOTEBOOK_NAMES
    for needed in ("pyproject.toml", "gluteed/quizzes.json", "gluteed/quiz.py", "LICENSE"):
        assert needed in names
    for path in handout.rglob("*.md"):
        assert "# Teacher notes" not in path.read_text(encoding="utf-8"), path


def test_a_handout_folder_must_be_new_or_an_earlier_handout(tmp_path, handout):
    busy = tmp_path / "busy"
    busy.mkdir()
    (busy / "thesis.txt").write_text("mine", encoding="utf-8")
    with pytest.raises(ValueError, match="not empty and holds no earlier handout"):
        copies.handout(busy)
    assert (busy / "thesis.txt").read_text(encoding="utf-8") == "mine"
    with pytest.raises(ValueError, match="must not be or hold the project"):
        copies.handout(ROOT)
    again = tmp_path / "again"
    copies.handout(again)
    (again / "stale.txt").write_text("old", encoding="utf-8")
    copies.handout(again)  # an earlier handout is replaced
    assert not (again / "stale.txt").exists()


@pytest.mark.notebooks
@pytest.mark.slow
def test_every_handout_notebook_runs_with_the_handouts_own_package(handout):
    env = {k: v for k, v in os.environ.items() if not k.startswith("JUPYTER")}
    env["PYTHONPATH"] = str(handout)
    probe = handout.parent / "probe.ipynb"
    cell = nbformat.v4.new_code_cell("import gluteed\nprint(gluteed.__file__)")
    nbformat.write(nbformat.v4.new_notebook(cells=[cell]), probe)
    imported = run_notebook(probe, env=env).cells[0].outputs[0].text.strip()
    assert pathlib.Path(imported).is_relative_to(handout), imported
    for path in sorted((handout / "notebooks").glob("*.ipynb")):
        assert problems(run_notebook(path, env=env)) == [], path.name
