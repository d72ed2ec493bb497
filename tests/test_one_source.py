"""Range literals of user inputs appear only in the parameter registry.

A grep over the code of ``gluteed/`` (docstrings aside) for the places a range
used to be copied: a range check with numbers written into the call, a slider
or play button with numbers for its ends, a pair of numbers that is a declared
range, and a range in words ("0 to 30") in a message or a help text. Physics
constants (joint ranges of motion, colour-map ends, ...) are not flagged: they
are no declared input's range and are not checks of an input.
"""

import ast
import pathlib
import re
import subprocess

import gluteed
from gluteed.parameters import PARAMETERS

PACKAGE = pathlib.Path(gluteed.__file__).parent
#: The registry itself, and the checking function it calls.
ALLOWED = {"parameters.py", "_validation.py"}
#: Range checks and their positional (lo, hi) arguments.
CHECKS = {"check_number": (2, 3), "_scalar": (2, 3), "_whole": (2, 3)}
#: Widgets whose ends would be a copied range.
WIDGETS = {"FloatSlider", "IntSlider", "Play", "_slider"}
_NUMBER = r"-?\d+(?:\.\d+)?"
#: A range written out in words, e.g. "0 to 30" or "0.7 to 1.6" (also "0 %% to 30").
RANGE_IN_WORDS = re.compile(rf"(?<![\w.]){_NUMBER} (?:%%? )?to {_NUMBER}(?![\w.])")


def _range_in_words(text: str) -> str | None:
    match = RANGE_IN_WORDS.search(text)
    return match.group(0) if match else None


def _assigned_tuples(tree: ast.AST) -> list[ast.Tuple]:
    """Tuples written as a value: assigned to a name, or a value in a dict."""
    out = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign | ast.AnnAssign) and isinstance(node.value, ast.Tuple):
            out.append(node.value)
        elif isinstance(node, ast.Dict):
            for value in node.values:
                if isinstance(value, ast.Tuple):
                    out.append(value)
                    out += [e for e in value.elts if isinstance(e, ast.Tuple)]
    return out


def _number(node: ast.AST) -> float | None:
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
        inner = _number(node.operand)
        return None if inner is None else -inner
    if isinstance(node, ast.Constant) and type(node.value) in (int, float):
        return float(node.value)
    return None


def _declared_ranges() -> set[tuple[float, float]]:
    out = set()
    for p in PARAMETERS.values():
        if p.is_number:
            out |= {p.range, p.slider_range, p.sweep_range}
    return {(float(lo), float(hi)) for lo, hi in out}


def _docstrings(tree: ast.AST) -> set[int]:
    ids = set()
    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        if isinstance(body, list) and body and isinstance(body[0], ast.Expr):
            if isinstance(body[0].value, ast.Constant) and isinstance(body[0].value.value, str):
                ids.add(id(body[0].value))
    return ids


def _called(node: ast.Call) -> str:
    f = node.func
    return f.attr if isinstance(f, ast.Attribute) else f.id if isinstance(f, ast.Name) else ""


def range_literals(source: str, filename: str) -> list[str]:
    """Where ``source`` writes a user input's range itself, one line each."""
    tree = ast.parse(source)
    ranges, docs, found = _declared_ranges(), _docstrings(tree), []
    docs |= {id(v) for n in ast.walk(tree) if isinstance(n, ast.JoinedStr) for v in n.values}

    def flag(node: ast.AST, what: str) -> None:
        found.append(f"{filename}:{node.lineno}: {what}")

    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            name = _called(node)
            if name in CHECKS:
                bounds = [node.args[i] for i in CHECKS[name] if i < len(node.args)]
                bounds += [k.value for k in node.keywords if k.arg in ("lo", "hi")]
                if any(_number(b) is not None for b in bounds):
                    flag(node, f"{name}() with a number for a bound")
            if name in WIDGETS:
                ends = [k.value for k in node.keywords if k.arg in ("min", "max")]
                ends += node.args[2:4] if name == "_slider" else []
                if any(_number(e) is not None for e in ends):
                    flag(node, f"{name}() with a number for an end")
        elif (
            isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docs
        ):
            words = _range_in_words(node.value)
            if words:
                flag(node, f"a range in words: {words!r}")
        elif isinstance(node, ast.JoinedStr) and id(node) not in docs:
            text = "".join(v.value if isinstance(v, ast.Constant) else "{}" for v in node.values)
            words = _range_in_words(text)
            if words:
                flag(node, f"a range in words: {words!r}")
    for node in _assigned_tuples(tree):
        pair = tuple(_number(e) for e in node.elts[:2])
        if len(pair) == 2 and None not in pair and pair in ranges:
            flag(node, f"the pair {pair} is a declared range")
    return found


def package_range_literals(folder: pathlib.Path) -> list[str]:
    found = []
    for path in sorted(folder.rglob("*.py")):
        if path.name not in ALLOWED:
            found += range_literals(path.read_text(encoding="utf-8"), path.name)
    return found


def test_range_literals_of_user_inputs_appear_only_in_the_registry():
    found = package_range_literals(PACKAGE)
    assert not found, "declare the range in gluteed/parameters.py:\n" + "\n".join(found)


def test_the_check_finds_each_kind_of_copied_range():
    cases = {
        'check_number("cane", x, 0.0, 30.0, "% of body weight")': "check_number()",
        '_scalar("speed", v, lo=-3.0, hi=3.0, unit="m/s")': "_scalar()",
        "w.FloatSlider(min=0, max=40, step=0.5)": "FloatSlider()",
        'self._slider("Bag [kg]", case.bag_kg, 0, 40, 0.5)': "_slider()",
        "SPEED_RANGE_MS = (0.7, 1.6)": "(0.7, 1.6)",
        'HELP = "walking speed, 0.7 to 1.6 m/s"': "'0.7 to 1.6'",
        'p.add_argument("--cane", help="push, 0 to 30 %% of body weight")': "'0 to 30'",
        'raise ValueError(f"{name} = {value} is not allowed: from 101 to 4001")': "'101 to 4001'",
        'RANGES = {"bag_kg": (0.0, 20.0), "ake_deg": ((0.0, 90.0), "AKE [deg]")}': "(0.0, 20.0)",
    }
    for code, what in cases.items():
        found = range_literals(code, "x.py")
        assert found and what in found[0], (code, found)
        assert len(found) == len(set(found)), found


def test_the_check_leaves_physics_constants_and_docstrings_alone():
    code = '''
"""Allowed from 0 to 30 % of body weight (a docstring)."""
HIP_ABDUCTION_RANGE_DEG = 45.0
_ACTIVATION_RANGE = (0.04, 0.85)
COM_LATERAL_EXCURSION_M = ((0.7, 0.070), (1.6, 0.039))
def f(x):
    """Range 0 to 30."""
    ax.legend(bbox_to_anchor=(0.0, 1.0)), ax.imshow(c, extent=(0, 100, 0, 1))
    raise ValueError(f"name must be 1 to {longest} letters; position 0 to {n - 1}")
    return np.clip(x, 0.0, 1.0), np.linspace(0.0, 1.0, 64), check("cane_pct_bw", x)
'''
    assert range_literals(code, "x.py") == []


def test_the_check_fails_on_the_code_before_the_registry(tmp_path):
    """The last commit before the registry copied ranges into many places."""
    root = PACKAGE.parent
    before = "22d3e04"
    listing = subprocess.run(
        ["git", "-C", str(root), "ls-tree", "--name-only", before, "gluteed/"],
        capture_output=True,
        text=True,
    )
    if listing.returncode != 0:  # not a git checkout with that history
        import pytest

        pytest.skip("the history of the package is not available")
    for name in listing.stdout.split():
        if name.endswith(".py"):
            text = subprocess.run(
                ["git", "-C", str(root), "show", f"{before}:{name}"],
                capture_output=True,
                text=True,
                check=True,
            ).stdout
            (tmp_path / pathlib.Path(name).name).write_text(text, encoding="utf-8")
    found = package_range_literals(tmp_path)
    files = {line.split(":")[0] for line in found}
    assert {"stance.py", "gait.py", "cases.py", "cli.py", "widgets.py", "view.py"} <= files
    assert len(found) > 40
