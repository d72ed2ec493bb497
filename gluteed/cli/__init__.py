"""Command line: ``gluteed SUBCOMMAND [options]`` or ``python -m gluteed``.

Every subcommand prints readable text by default and JSON with ``--json``
(keys carry their unit: ``_n`` newtons, ``_bw`` multiples of body weight,
``_nm`` newton-metres, ``_deg`` degrees, ``_pct`` percent). Every failure
prints one line on stderr, never a traceback, and ends with a documented exit
status (``EXIT_CODES``): 2 for bad input (a value out of range, or a file named
in an option that cannot be read or written), 74 when the output itself cannot
be written (a full disk, a closed stream), 141, silently, when the reader of a
pipe stops early (``| head``). A terminal that cannot show "×" or "°" gets
plain "x" and "deg".

Each subcommand is a module of this package with two functions,
``add_arguments(parser)`` (its options, from :mod:`.options`) and
``run(args) -> (text, data)`` (what it prints and its JSON), and one row in
``COMMANDS``; :func:`main` handles ``--json``, errors and exit codes for every
command (:mod:`.output`).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence

from .. import __version__
from . import bend, exercises, fbd, stance, train, walk
from .options import (
    add_body_arguments,
    add_force_argument,
    add_number,
    add_output_arguments,
    declared_help,
    number,
    write_option_file,
)
from .output import (
    EXIT_BAD_INPUT,
    EXIT_BROKEN_PIPE,
    EXIT_CODES,
    EXIT_INTERRUPTED,
    EXIT_OK,
    EXIT_OUTPUT_FAILED,
    Parser,
    encodable,
    print_error,
    render,
    silence_stdout,
    table,
    write_out,
)
from .stance import stance_input_from_args, stance_rows

__all__ = [
    "COMMANDS",
    "EXIT_BAD_INPUT",
    "EXIT_BROKEN_PIPE",
    "EXIT_CODES",
    "EXIT_INTERRUPTED",
    "EXIT_OK",
    "EXIT_OUTPUT_FAILED",
    "add_body_arguments",
    "add_force_argument",
    "add_number",
    "add_output_arguments",
    "build_parser",
    "declared_help",
    "main",
    "number",
    "stance_input_from_args",
    "stance_rows",
    "table",
    "write_option_file",
]

#: name -> (help line, add arguments, run)
COMMANDS: dict[
    str,
    tuple[
        str,
        Callable[[argparse.ArgumentParser], None],
        Callable[[argparse.Namespace], tuple[str, dict]],
    ],
] = {
    "fbd": ("textbook free-body diagram of single-leg stance", fbd.add_arguments, fbd.run),
    "stance": (
        "single-leg stance: glutes, lower back and posture",
        stance.add_arguments,
        stance.run,
    ),
    "exercises": (
        "the three banded glute exercises: protocol, cues, evidence, plan card",
        exercises.add_arguments,
        exercises.run,
    ),
    "train": (
        "a training programme week by week: strength and the load it moves",
        train.add_arguments,
        train.run,
    ),
    "walk": (
        "one stride of walking, both sides: the criss-cross frame by frame",
        walk.add_arguments,
        walk.run,
    ),
    "bend": (
        "forward bend: hips vs lower back, glutes vs hamstrings, tight hamstrings",
        bend.add_arguments,
        bend.run,
    ),
}


def build_parser() -> argparse.ArgumentParser:
    """The parser of ``gluteed``: one subcommand per row of ``COMMANDS``, each with --json."""
    parser = Parser(
        prog="gluteed",
        description="What the gluteus medius and the lower back do: teaching models.",
        epilog="exit status:\n"
        + "\n".join(f"  {code:<4} {meaning}" for code, meaning in EXIT_CODES.items()),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"gluteed {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=Parser)
    sub.required = True
    for name, (help_line, add_args, _run) in COMMANDS.items():
        command = sub.add_parser(name, help=help_line, description=help_line)
        add_args(command)
        add_output_arguments(command)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status (see ``EXIT_CODES``).

    Bad options found by argparse raise ``SystemExit(2)`` after one line on
    stderr, as argparse does.
    """
    parser = build_parser()
    args = parser.parse_args(argv)
    _help, _add, run = COMMANDS[args.command]
    try:
        text, data = run(args)
        out = render(data, text, getattr(args, "json", False))
    except ValueError as err:
        print_error(f"gluteed {args.command}: error: {err}")
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        print_error(f"gluteed {args.command}: interrupted")
        return EXIT_INTERRUPTED
    try:
        write_out(encodable(out, sys.stdout) + "\n")
    except BrokenPipeError:
        silence_stdout()
        return EXIT_BROKEN_PIPE
    except OSError as err:
        silence_stdout()
        reason = err.strerror or type(err).__name__
        print_error(f"gluteed {args.command}: error: cannot write the output ({reason})")
        return EXIT_OUTPUT_FAILED
    return EXIT_OK


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
