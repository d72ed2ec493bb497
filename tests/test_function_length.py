"""No function is longer than 60 code lines.

Code lines: the lines of a function other than blank lines, comment-only
lines and its docstring (a nested function counts in its parent too). The
limit holds for every function of the package, with no exception.
"""

import ast
import pathlib

import gluteed

PACKAGE = pathlib.Path(gluteed.__file__).parent
LIMIT = 60


def code_lines(lines: list[str], node: ast.FunctionDef | ast.AsyncFunctionDef) -> int:
    """Code lines of a function: no blank, comment-only or docstring lines."""
    first = node.body[0]
    skip = set()
    if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
        if isinstance(first.value.value, str):
            skip = set(range(first.lineno, first.end_lineno + 1))
    count = 0
    for number in range(node.lineno, node.end_lineno + 1):
        text = lines[number - 1].strip()
        if number not in skip and text and not text.startswith("#"):
            count += 1
    return count


def lengths() -> dict[str, int]:
    """Code lines of every function of gluteed, as "module.py:function" -> lines."""
    out = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        source = path.read_text(encoding="utf-8")
        lines = source.splitlines()
        for node in ast.walk(ast.parse(source)):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                key = f"{path.relative_to(PACKAGE).as_posix()}:{node.name}"
                out[key] = max(out.get(key, 0), code_lines(lines, node))
    return out


LENGTHS = lengths()


def test_the_count_skips_docstrings_comments_and_blank_lines():
    source = 'def f():\n    """Doc.\n\n    More.\n    """\n    # note\n\n    a = 1\n    return a\n'
    (node,) = ast.parse(source).body
    assert code_lines(source.splitlines(), node) == 3


def test_no_function_is_over_the_limit():
    over = {name: n for name, n in LENGTHS.items() if n > LIMIT}
    assert over == {}, f"over {LIMIT} code lines: {over}"


#: No module of the package is longer than this many lines (all lines counted).
MODULE_LIMIT = 750


def test_no_module_is_over_the_size_limit():
    sizes = {
        path.relative_to(PACKAGE).as_posix(): len(path.read_text(encoding="utf-8").splitlines())
        for path in PACKAGE.rglob("*.py")
    }
    assert len(sizes) > 30, sizes  # the walk found the package's modules
    over = {name: n for name, n in sizes.items() if n > MODULE_LIMIT}
    assert over == {}, f"over {MODULE_LIMIT} lines: {over}"
