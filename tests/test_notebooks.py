"""Every notebook is stored clean, stays thin, and runs from a fresh kernel."""

import pathlib

import nbformat
import pytest
from notebook_support import problems, run_notebook

NOTEBOOKS = sorted(pathlib.Path(__file__).parent.parent.joinpath("notebooks").rglob("*.ipynb"))
NOTEBOOKS = [p for p in NOTEBOOKS if ".ipynb_checkpoints" not in p.parts]
IDS = [str(p.relative_to(p.parents[1])) for p in NOTEBOOKS]
#: The numbered student handouts (teach.ipynb is the Voila app, one code cell).
HANDOUTS = [p for p in NOTEBOOKS if p.name[:2].isdigit()]


def test_there_are_notebooks():
    assert any(p.name.startswith("00_") for p in NOTEBOOKS)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_stored_without_outputs(path):
    nb = nbformat.read(path, as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None, path.name


@pytest.mark.parametrize("path", HANDOUTS, ids=[p.name for p in HANDOUTS])
def test_thin_and_prose_first(path):
    """Few, short code cells that call the installed package, prose first."""
    nb = nbformat.read(path, as_version=4)
    code = [c.source for c in nb.cells if c.cell_type == "code"]
    prose = [c.source for c in nb.cells if c.cell_type == "markdown"]
    assert nb.cells[0].cell_type == "markdown", "a notebook opens with prose"
    assert len(code) <= 8 and len(prose) >= len(code)
    for source in code:
        assert len(source.strip().splitlines()) <= 8, source
        assert "sys.path" not in source and "\ndef " not in f"\n{source}", source


@pytest.mark.notebooks
@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_runs_from_a_fresh_kernel_without_errors_or_warnings(path):
    assert problems(run_notebook(path)) == [], path.name
