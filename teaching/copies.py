"""The two copies of the notebooks a course needs: a working copy and a student handout.

``working-copy [FOLDER]`` (``make lab``; FOLDER defaults to ``my-notebooks``)
    Copies every notebook of ``notebooks/`` into FOLDER, which git ignores, unless
    FOLDER already holds a notebook of that name: a student's work is never
    overwritten, and notebooks added to the project later are copied in on the next
    run. JupyterLab opens FOLDER, so saving a notebook never changes a tracked file
    and ``git pull`` always applies cleanly.

``handout [FOLDER]`` (``make handout``; FOLDER defaults to ``handout``)
    Writes the student copy: the notebooks, the package, its docs and what installs
    and starts them (``pyproject.toml``, ``Makefile``, ``README.md``, ``LICENSE``,
    ``binder/``, ``teaching/``), taken from the files git tracks, without
    ``teacher-notes/`` and the maintainers' folders (tests, benchmarks, the course
    hub). FOLDER must be new, empty, or an earlier handout (which is replaced).

Standard library only, so it runs before the virtual environment exists.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"
#: What the student copy holds (top-level names in the repository).
HANDOUT_PARTS = (
    "LICENSE",
    "Makefile",
    "README.md",
    "binder",
    "docs",
    "gluteed",
    "notebooks",
    "pyproject.toml",
    "teaching",
)
#: A file that marks a folder as a handout written here, so a new one may replace it.
HANDOUT_MARK = ".gluteed-handout"


def working_copy(folder: Path, source: Path = NOTEBOOKS) -> tuple[list[str], list[str]]:
    """Copy the notebooks of ``source`` missing from ``folder``; (copied, kept) names."""
    folder.mkdir(parents=True, exist_ok=True)
    copied, kept = [], []
    for notebook in sorted(source.glob("*.ipynb")):
        target = folder / notebook.name
        if target.exists():
            kept.append(notebook.name)
        else:
            shutil.copy2(notebook, target)
            copied.append(notebook.name)
    return copied, kept


def tracked_files(root: Path = ROOT) -> list[str]:
    """The files git tracks in ``root``, as paths relative to it."""
    out = subprocess.run(
        ["git", "-C", str(root), "ls-files", "-z"], capture_output=True, text=True, check=True
    )
    return [name for name in out.stdout.split("\0") if name]


def handout(folder: Path, root: Path = ROOT) -> list[str]:
    """Write the student copy into ``folder``; the relative paths written."""
    folder = folder.resolve()
    if folder == root or root.is_relative_to(folder) or folder.is_relative_to(root / "notebooks"):
        raise ValueError(f"handout folder {folder}: must not be or hold the project itself")
    if folder.exists():
        if not folder.is_dir():
            raise ValueError(f"handout folder {folder}: exists and is not a folder")
        if any(folder.iterdir()) and not (folder / HANDOUT_MARK).is_file():
            raise ValueError(
                f"handout folder {folder}: is not empty and holds no earlier handout; "
                "name a new or empty folder"
            )
        shutil.rmtree(folder)
    written = [name for name in tracked_files(root) if name.split("/")[0] in HANDOUT_PARTS]
    for name in written:
        target = folder / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(root / name, target)
    (folder / HANDOUT_MARK).write_text(
        "Written by `make handout`; a new handout may replace this folder.\n", encoding="utf-8"
    )
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("working-copy").add_argument("folder", nargs="?", default="my-notebooks")
    commands.add_parser("handout").add_argument("folder", nargs="?", default="handout")
    args = parser.parse_args(argv)
    folder = Path(args.folder)
    if args.command == "working-copy":
        copied, kept = working_copy(folder)
        print(
            f"Your notebooks are in {folder}/ (git ignores it): {len(copied)} copied in, "
            f"{len(kept)} kept as you left them."
        )
        return 0
    try:
        written = handout(folder)
    except ValueError as err:
        print(err, file=sys.stderr)
        return 2
    count = sum(name.endswith(".ipynb") for name in written)
    print(f"Student copy in {folder}/: {count} notebooks, {len(written)} files, no teacher notes.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
