"""Running a notebook from a fresh kernel and listing what went wrong (shared by tests)."""

from __future__ import annotations

import os
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


def isolated_env(bin_dir: pathlib.Path, home: pathlib.Path) -> dict[str, str]:
    """This process's environment for a fresh venv's ``bin_dir``: its own HOME (created),
    no Jupyter or Python paths of this environment, no pip version check."""
    home.mkdir(parents=True, exist_ok=True)
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"VIRTUAL_ENV", "PYTHONPATH", "PYTHONHOME", "QUERY_STRING"}
        and not key.startswith("JUPYTER")
    }
    env.update(
        PATH=f"{bin_dir}{os.pathsep}{env.get('PATH', '')}",
        HOME=str(home),
        JUPYTER_PLATFORM_DIRS="1",
        MPLCONFIGDIR=str(home / "matplotlib"),
        IPYTHONDIR=str(home / "ipython"),
        PIP_DISABLE_PIP_VERSION_CHECK="1",
    )
    return env


#: Run with a venv's python and notebook paths as arguments: prints one JSON line,
#: {notebook name: [problems]} plus "<kernel>": [sys.prefix, gluteed.__file__] of the kernel.
RUN_NOTEBOOKS = r"""
import json, pathlib, sys
import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

report = {}
for name in sys.argv[1:]:
    path = pathlib.Path(name)
    notebook = nbformat.read(path, as_version=4)
    client = NotebookClient(notebook, timeout=600, kernel_name="python3",
                            resources={"metadata": {"path": str(path.parent)}})
    problems = []
    try:
        client.execute()
    except CellExecutionError as err:
        problems.append(str(err)[:2000])
    for cell in notebook.cells:
        for output in cell.get("outputs", []):
            if output.output_type == "error":
                problems.append(output.ename + ": " + output.evalue)
            elif output.output_type == "stream" and output.name == "stderr":
                problems.append("stderr: " + output.text[:500])
    report[path.name] = problems

client = NotebookClient(nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(
    "import sys, gluteed; print(sys.prefix); print(gluteed.__file__)")]), kernel_name="python3")
probe = client.execute()
report["<kernel>"] = probe.cells[0].outputs[0].text.split()
print(json.dumps(report))
"""
