"""The model layer knows nothing of plotting or widgets, and imports fast."""

import ast
import pathlib
import subprocess
import sys

import gluteed

PACKAGE = pathlib.Path(gluteed.__file__).parent
#: Modules allowed to import matplotlib / ipywidgets / IPython.
PRESENTATION = {"view", "widgets", "app"}
FORBIDDEN = {"matplotlib", "ipywidgets", "IPython", "ipympl", "voila"}


def _imports(path: pathlib.Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


def test_model_modules_do_not_import_plotting_or_widgets():
    for path in sorted(PACKAGE.glob("*.py")):
        if path.stem in PRESENTATION:
            continue
        assert not (_imports(path) & FORBIDDEN), path.name


def test_import_gluteed_is_light():
    code = "import sys, gluteed; print(sorted(m for m in sys.modules if m.split('.')[0] in %r))"
    out = subprocess.run(
        [sys.executable, "-c", code % (FORBIDDEN,)], capture_output=True, text=True, check=True
    ).stdout.strip()
    assert out == "[]"
