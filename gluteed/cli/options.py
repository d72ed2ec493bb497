"""Options of the command line, generated from the parameter registry.

A numeric option names its declared parameter (:mod:`gluteed.parameters`):
its range, unit and default in ``--help`` and its default value come from the
declaration, and the model checks the value against the same declaration.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence

from .._files import write_text_file
from .._validation import short_repr as _short
from ..anthropometry import Subject
from ..parameters import parameter
from ..stance import MAX_BAG_FRACTION

#: The bag's second limit, after its range, in ``--help``.
BAG_LIMIT = f"at most {MAX_BAG_FRACTION * 100:g} %% of body mass; default: %(default)s"


def number(text: str) -> float:
    """Read a number for argparse: a float, NaN kept so that the model's check names it."""
    try:
        return float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{_short(text)} is not a number") from None


def declared_help(name: str, text: str | None = None, *, default: str | None = None) -> str:
    """Help of an option for a declared parameter: its text, range and unit.

    The range and unit come from :mod:`gluteed.parameters`; ``default`` is the
    text in brackets after them (e.g. ``"default: %(default)s"``).
    """
    declared = parameter(name)
    words = f"{text or declared.help}, {declared.range_text()}".replace("%", "%%")
    return f"{words} ({default})" if default else words


def add_number(
    parser: argparse.ArgumentParser | argparse._ArgumentGroup,
    flag: str,
    name: str,
    metavar: str,
    text: str | None = None,
    *,
    default: object = "declared",
    shown: str = "default: %(default)s",
    **options: object,
) -> None:
    """A numeric option for the declared parameter ``name``; default from the registry."""
    value = parameter(name).default if default == "declared" else default
    parser.add_argument(
        flag,
        type=number,
        default=value,
        metavar=metavar,
        help=declared_help(name, text, default=shown if value is not None else _no_default(shown)),
        **options,
    )


def _no_default(shown: str) -> str:
    """The bracket text of an option without a default: only a note that names none."""
    return "" if "%(default)" in shown else shown


def add_body_arguments(parser: argparse.ArgumentParser) -> None:
    """--mass, --height, --sex: the subject, with units in the help."""
    body = parser.add_argument_group("the person")
    add_number(body, "--mass", "mass_kg", "KG")
    add_number(body, "--height", "height_m", "M")
    sex = parameter("sex")
    add_choice(body, "--sex", sex.default, sex.choices, "selects the female or male segment table")


def subject_from_args(args: argparse.Namespace) -> Subject:
    """The person of --mass, --height and --sex."""
    return Subject(mass_kg=args.mass, height_m=args.height, sex=args.sex)


def add_output_arguments(parser: argparse.ArgumentParser) -> None:
    """--json: print JSON instead of text."""
    parser.add_argument(
        "--json", action="store_true", help="print JSON (keys carry their unit) instead of text"
    )


def add_choice(
    parser: argparse.ArgumentParser | argparse._ArgumentGroup,
    flag: str,
    default: str,
    choices: Sequence[str],
    text: str,
) -> None:
    """An option that takes one word of ``choices`` (its metavar lists them)."""
    parser.add_argument(
        flag, default=default, metavar="|".join(choices), help=f"{text} (default: %(default)s)"
    )


def fields_from_args(args: argparse.Namespace, fields: dict[str, str]) -> dict[str, object]:
    """Values of the options as fields of a model input: ``fields`` maps dest -> field."""
    return {field: getattr(args, dest) for dest, field in fields.items()}


def add_force_argument(parser: argparse.ArgumentParser, option: str) -> None:
    """--force: replace the file that ``option`` names if it exists."""
    parser.add_argument(
        "--force",
        action="store_true",
        help=f"replace the file of {option} if it exists (default: refuse); a symbolic "
        "link is never written through",
    )


def add_file_argument(parser: argparse.ArgumentParser, option: str, what: str) -> None:
    """An option naming a file to write ``what`` to, and --force to replace that file."""
    parser.add_argument(
        option,
        default=None,
        metavar="FILE",
        help=f"also write {what} to FILE, a new file unless --force",
    )
    add_force_argument(parser, option)


def write_option_file(option: str, path: str, text: str, force: bool) -> None:
    """Write the file an option names: atomically, no links, no silent overwrite."""
    write_text_file(path, text, overwrite=force, what=option, force_hint="use --force")
