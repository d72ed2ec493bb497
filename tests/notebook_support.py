"""Running a notebook from a fresh kernel and listing what went wrong (shared by tests)."""

from __future__ import annotations

import pathlib

import nbformat
from nbclient import NotebookClient


def run_notebook(path: pathlib.Path, env: dict[str, str] | None = None) -> nbformat.NotebookNode:
    """``path`` executed from a fresh ``python3`` kernel in its own folder.

    ``env`` replaces the kernel's environment (e.g. a ``PYTHONPATH`` naming which copy of
    gluteed it imports); by default the kernel inherits this process's one.
    """
    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(
        nb, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(path.parent)}}
    )
    client.execute(**({"env": env} if env is not None else {}))
    return nb


def problems(nb: nbformat.NotebookNode) -> list[str]:
    """Errors, text on stderr and printed warnings in an executed notebook's outputs."""
    found = []
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        for out in cell.outputs:
            if out.output_type == "error":
                found.append(f"{out.get('ename')}: {out.get('evalue')}")
            elif out.output_type == "stream" and out.name == "stderr":
                found.append(f"stderr: {out.text}")
            text = str(out.get("text", "")) + str(out.get("data", {}).get("text/plain", ""))
            if "Warning" in text:
                found.append(f"warning: {text}")
    return found
