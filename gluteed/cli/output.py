"""What the command line prints and how it ends: exit codes, terminals, pipes, JSON.

Every failure is one line on stderr, never a traceback, and ends with a
documented exit status (``EXIT_CODES``). A terminal that cannot show "×" or
"°" gets plain "x" and "deg"; a pipe whose reader stops early ends quietly.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import sys
from collections.abc import Sequence

EXIT_OK = 0
#: A value out of range or not a number, an unknown word, or a file named in an
#: option that cannot be read or written (argparse uses 2 as well).
EXIT_BAD_INPUT = 2
#: The output could not be written: a full disk, a closed or failing stream
#: (EX_IOERR of BSD's sysexits.h).
EXIT_OUTPUT_FAILED = 74
#: The reader of a pipe stopped early (``gluteed walk --json | head``): nothing
#: more to say, so no message; 128 + SIGPIPE, as a shell reports for ``cat``.
EXIT_BROKEN_PIPE = 141
#: Interrupted with Ctrl+C: 128 + SIGINT.
EXIT_INTERRUPTED = 130

#: Exit status -> meaning, as listed in ``gluteed --help``.
EXIT_CODES = {
    EXIT_OK: "success",
    EXIT_BAD_INPUT: "bad input: a value out of range or not a number, an unknown word,\n"
    "       or a file named in an option that cannot be read or written",
    EXIT_OUTPUT_FAILED: "the output could not be written, e.g. a full disk",
    EXIT_INTERRUPTED: "interrupted (Ctrl+C)",
    EXIT_BROKEN_PIPE: "the reader of the output stopped early, e.g. | head (no message)",
}

#: Plain-ASCII stand-ins for the symbols of the output, for a terminal that
#: cannot show them (PYTHONIOENCODING=ascii, an old Windows code page).
_ASCII_FALLBACK = str.maketrans(
    {
        "×": "x",
        "°": " deg",
        "±": "+/-",
        "·": " ",
        "²": "^2",
        "–": "-",
        "—": "-",
        "≈": "~",
        "≤": "<=",
        "≥": ">=",
        "→": "->",
        "‘": "'",
        "’": "'",
        "“": '"',
        "”": '"',
    }
)


def encodable(text: str, stream: object) -> str:
    """``text`` as ``stream`` can encode it: symbols in ASCII, anything else escaped."""
    encoding = getattr(stream, "encoding", None) or "utf-8"
    try:
        text.encode(encoding)
        return text
    except UnicodeEncodeError:
        pass
    except LookupError:
        encoding = "ascii"
    text = text.translate(_ASCII_FALLBACK)
    return text.encode(encoding, "backslashreplace").decode(encoding)


def print_error(message: str) -> None:
    """One line on stderr, whatever the message holds and wherever stderr goes."""
    line = " ".join(str(message).splitlines())
    try:
        sys.stderr.write(encodable(line, sys.stderr) + "\n")
        sys.stderr.flush()
    except (OSError, ValueError):  # stderr closed or full: nowhere left to say it
        pass


def silence_stdout() -> None:
    """Point stdout at the null device, so that Python's final flush cannot fail again."""
    try:
        sys.stdout.flush()
    except (OSError, ValueError):
        pass
    try:
        null = os.open(os.devnull, os.O_WRONLY)
        try:
            os.dup2(null, sys.stdout.fileno())
        finally:
            os.close(null)
    except (OSError, ValueError, AttributeError):  # not a real file (a test's capture)
        pass


def write_out(text: str, chunk: int = 1 << 16) -> None:
    """Write to stdout in pipe-sized pieces, each flushed.

    One large write to a pipe whose reader has gone can end short without an
    error; piece by piece, the next piece reports the broken pipe.
    """
    for start in range(0, len(text), chunk):
        sys.stdout.write(text[start : start + chunk])
        sys.stdout.flush()


class Parser(argparse.ArgumentParser):
    """argparse that reports errors in the project's one-line form, exit 2."""

    def error(self, message: str) -> None:  # type: ignore[override]
        """Print ``message`` as one line with a pointer to --help; exit 2."""
        hint = f" (see '{self.prog} --help')"
        print_error(f"{self.prog}: error: {message}{hint}")
        self.exit(EXIT_BAD_INPUT)

    def _print_message(self, message: str, file: object = None) -> None:
        # Help and usage, shown on any terminal: symbols fall back to ASCII.
        if message:
            file = file or sys.stderr
            try:
                file.write(encodable(message, file))
            except (AttributeError, OSError):
                pass

    def _get_values(self, action: argparse.Action, arg_strings: list[str]) -> object:
        # "--mass=--" would give the option an empty list instead of a value.
        if action.option_strings and action.nargs is None and arg_strings == ["--"]:
            self.error(f"argument {'/'.join(action.option_strings)}: expected a value; got '--'")
        return super()._get_values(action, arg_strings)


def _first_non_finite(value: object, key: str = "") -> str | None:
    """The key of the first NaN or infinite number in a result, or None."""
    if isinstance(value, float):  # numpy floats too; integers are always finite
        return None if math.isfinite(value) else key or "the result"
    if isinstance(value, dict):
        found = (_first_non_finite(v, str(k)) for k, v in value.items())
    elif isinstance(value, list | tuple):
        found = (_first_non_finite(v, key) for v in value)
    else:
        return None
    return next((k for k in found if k is not None), None)


def _known(value: object) -> object:
    """The JSON data without the entries that have no value (never ``null``)."""
    if isinstance(value, dict):
        return {k: _known(v) for k, v in value.items() if v is not None}
    if isinstance(value, list | tuple):
        return [_known(v) for v in value]
    return value


def render(data: dict, text: str, as_json: bool) -> str:
    """The text to print; a result with a NaN or infinite number is refused.

    In JSON a quantity that has no value (a figure no source gives, a pose
    past the reachable bend) is left out rather than printed as ``null``.
    """
    data = _known(data)
    key = _first_non_finite(data)
    if key is not None:
        raise ValueError(
            f"the model has no finite value of {key} for this input; "
            "choose values nearer the usual range"
        )
    if not as_json:
        return text
    out = json.dumps(data, indent=2, ensure_ascii=False, allow_nan=False)
    if encodable(out, sys.stdout) != out:  # a terminal that cannot show it: \u escapes
        out = json.dumps(data, indent=2, ensure_ascii=True, allow_nan=False)
    return out


def table(rows: Sequence[tuple[str, str]]) -> str:
    """Two aligned columns: label, value with unit."""
    width = max(len(label) for label, _ in rows)
    return "\n".join(f"  {label:<{width}}  {value}" for label, value in rows)


def with_bw(newtons: float, body_weight_n: float) -> str:
    """A force in N and in multiples of body weight, aligned for a table."""
    return f"{newtons:7.0f} N   {newtons / body_weight_n:5.2f} × BW"
