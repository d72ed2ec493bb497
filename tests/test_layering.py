"""The layers stay apart: the model knows nothing of plotting or widgets, the view
solves nothing, and no module reaches into another's private names.

Model layer: every module of ``gluteed`` except the presentation (the
``view`` package, ``widgets`` and ``app``). The view draws what the model
computed; it may ask :mod:`gluteed.sweeps` for a figure's defaults (a sweep,
a moment of a stride, the deepest reachable bend) but never calls a
``solve_*`` function itself.
"""

import ast
import pathlib
import subprocess
import sys

import pytest

import gluteed

PACKAGE = pathlib.Path(gluteed.__file__).parent
#: Modules and packages allowed to import matplotlib / ipywidgets / IPython.
PRESENTATION = {
    "view",
    "widgets",
    "app",
    "sharing",
    "dashboard",
    "dashboard_ahead",
    "dashboard_parts",
    "drag_frames",
    "quiz_widget",
}
FORBIDDEN = {"matplotlib", "ipywidgets", "IPython", "ipympl", "voila"}
#: The model modules the view may call for a figure's defaults, and what.
VIEW_MAY_CALL = {"sweeps": {"sweep_stance", "sweep_bend", "walk_frame", "deepest_bend"}}

MODULES = sorted(p for p in PACKAGE.rglob("*.py") if "__pycache__" not in p.parts)


def _layer(path: pathlib.Path) -> str:
    top = path.relative_to(PACKAGE).parts[0].removesuffix(".py")
    if top == "view":
        return "view"
    return "presentation" if top in PRESENTATION else "model"


def _tree(path: pathlib.Path) -> ast.Module:
    return ast.parse(path.read_text(encoding="utf-8"))


def _imports(path: pathlib.Path) -> set[str]:
    names = set()
    for node in ast.walk(_tree(path)):
        if isinstance(node, ast.Import):
            names |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


def _from_gluteed(path: pathlib.Path):
    """(module inside gluteed, imported name) for every ``from X import name`` of gluteed."""
    package = path.relative_to(PACKAGE).parent.parts
    for node in ast.walk(_tree(path)):
        if not isinstance(node, ast.ImportFrom):
            continue
        if node.level:
            base = package[: len(package) - (node.level - 1)]
            module = ".".join((*base, *(node.module.split(".") if node.module else ())))
        elif node.module and node.module.split(".")[0] == "gluteed":
            module = node.module.removeprefix("gluteed").lstrip(".")
        else:
            continue
        for alias in node.names:
            yield module, alias.name


def test_the_scan_sees_the_subpackages():
    assert PACKAGE / "view" / "body.py" in MODULES
    assert {_layer(p) for p in MODULES} == {"model", "view", "presentation"}


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_model_modules_do_not_import_plotting_or_widgets(path):
    if _layer(path) == "model":
        assert not (_imports(path) & FORBIDDEN), path.name


@pytest.mark.parametrize("path", [p for p in MODULES if _layer(p) == "view"], ids=lambda p: p.name)
def test_the_view_draws_and_makes_no_widgets(path):
    """Controls belong to the presentation layer; the view package only draws."""
    assert not (_imports(path) & {"ipywidgets", "IPython", "voila"}), path.name


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_no_private_name_is_imported_from_another_module(path):
    private = [
        f"{module}.{name}"
        for module, name in _from_gluteed(path)
        if name.startswith("_") and name not in ("__version__",)
    ]
    assert private == [], f"{path.name} imports private names {private}"


@pytest.mark.parametrize("path", [p for p in MODULES if _layer(p) == "view"], ids=lambda p: p.name)
def test_the_view_calls_no_solver(path):
    for module, name in _from_gluteed(path):
        top = module.split(".")[0]
        assert not name.startswith("solve_"), f"{path.name} imports {module}.{name}"
        if top in VIEW_MAY_CALL or top == "view" or not module:
            continue
        # Names from other model modules: constants, types and checks only.
        assert not name.startswith(("sweep_", "simulate_")), f"{path.name} imports {name}"
    for node in ast.walk(_tree(path)):
        called = getattr(node, "attr", None) or getattr(node, "id", None)
        if isinstance(node, ast.Name | ast.Attribute) and called:
            assert not called.startswith("solve_"), f"{path.name} uses {called}"
    calls = {name for module, name in _from_gluteed(path) if module in VIEW_MAY_CALL}
    assert calls <= VIEW_MAY_CALL["sweeps"] | {
        "Sweep",
        "BEND_PARAMETERS",
        "SWEEP_PARAMETERS",
        "frame_index",
        "other_side",
        "require_one_bend",
        "require_one_scenario",
        "require_one_stance",
    }, path.name


def test_import_gluteed_is_light():
    code = "import sys, gluteed; print(sorted(m for m in sys.modules if m.split('.')[0] in %r))"
    out = subprocess.run(
        [sys.executable, "-c", code % (FORBIDDEN,)], capture_output=True, text=True, check=True
    ).stdout.strip()
    assert out == "[]"
