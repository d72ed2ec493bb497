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

Each subcommand is a pair of functions, ``_args_NAME(parser)`` and
``_run_NAME(args) -> (text, data)``, listed in ``COMMANDS``.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import sys
from collections.abc import Callable, Sequence

from . import __version__
from ._files import write_text_file
from ._validation import short_repr as _short
from .freebody import LEVER_CONVENTIONS, parse_load, solve_free_body
from .parameters import parameter
from .stance import MAX_BAG_FRACTION, STRATEGIES, StanceInput, solve_stance

#: The bag's second limit, after its range, in ``--help``.
_BAG_LIMIT = f"at most {MAX_BAG_FRACTION * 100:g} %% of body mass; default: %(default)s"

__all__ = ["COMMANDS", "EXIT_CODES", "main"]

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


def _encodable(text: str, stream: object) -> str:
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


def _print_error(message: str) -> None:
    """One line on stderr, whatever the message holds and wherever stderr goes."""
    line = " ".join(str(message).splitlines())
    try:
        sys.stderr.write(_encodable(line, sys.stderr) + "\n")
        sys.stderr.flush()
    except (OSError, ValueError):  # stderr closed or full: nowhere left to say it
        pass


def _silence_stdout() -> None:
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


def _write_out(text: str, chunk: int = 1 << 16) -> None:
    """Write to stdout in pipe-sized pieces, each flushed.

    One large write to a pipe whose reader has gone can end short without an
    error; piece by piece, the next piece reports the broken pipe.
    """
    for start in range(0, len(text), chunk):
        sys.stdout.write(text[start : start + chunk])
        sys.stdout.flush()


class _Parser(argparse.ArgumentParser):
    """argparse that reports errors in the project's one-line form, exit 2."""

    def error(self, message: str) -> None:  # type: ignore[override]
        hint = f" (see '{self.prog} --help')"
        _print_error(f"{self.prog}: error: {message}{hint}")
        self.exit(EXIT_BAD_INPUT)

    def _print_message(self, message: str, file: object = None) -> None:
        # Help and usage, shown on any terminal: symbols fall back to ASCII.
        if message:
            file = file or sys.stderr
            try:
                file.write(_encodable(message, file))
            except (AttributeError, OSError):
                pass

    def _get_values(self, action: argparse.Action, arg_strings: list[str]) -> object:
        # "--mass=--" would give the option an empty list instead of a value.
        if action.option_strings and action.nargs is None and arg_strings == ["--"]:
            self.error(f"argument {'/'.join(action.option_strings)}: expected a value; got '--'")
        return super()._get_values(action, arg_strings)


# ---------------------------------------------------------------- helpers ---
def number(text: str) -> float:
    """argparse type: a float, NaN kept so the model's check can name it."""
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
    body.add_argument(
        "--sex",
        default=parameter("sex").default,
        metavar="|".join(parameter("sex").choices),
        help="selects the female or male segment table (default: %(default)s)",
    )


def add_output_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--json", action="store_true", help="print JSON (keys carry their unit) instead of text"
    )


def add_force_argument(parser: argparse.ArgumentParser, option: str) -> None:
    parser.add_argument(
        "--force",
        action="store_true",
        help=f"replace the file of {option} if it exists (default: refuse); a symbolic "
        "link is never written through",
    )


def write_option_file(option: str, path: str, text: str, force: bool) -> None:
    """Write the file an option names: atomically, no links, no silent overwrite."""
    write_text_file(path, text, overwrite=force, what=option, force_hint="use --force")


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


def _output(data: dict, text: str, as_json: bool) -> str:
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
    if _encodable(out, sys.stdout) != out:  # a terminal that cannot show it: \u escapes
        out = json.dumps(data, indent=2, ensure_ascii=True, allow_nan=False)
    return out


def table(rows: Sequence[tuple[str, str]]) -> str:
    """Two aligned columns: label, value with unit."""
    width = max(len(label) for label, _ in rows)
    return "\n".join(f"  {label:<{width}}  {value}" for label, value in rows)


# ------------------------------------------------------------------- fbd ---
def _args_fbd(p: argparse.ArgumentParser) -> None:
    p.description = (
        "Textbook free-body diagram of single-leg stance (frontal plane, stance hip as "
        "pivot): the abductor force and hip joint force that balance the supported weight."
    )
    add_number(p, "--weight", "weight", "N", required=True)
    add_number(p, "--weight-arm", "weight_arm", "M", required=True)
    add_number(
        p,
        "--abductor-arm",
        "abductor_arm",
        "M",
        required=True,
        shown="read as set by --arm-convention",
    )
    add_number(
        p,
        "--abductor-angle",
        "abductor_angle",
        "DEG",
        shown="default: %(default)s; Pauwels: 69",
    )
    p.add_argument(
        "--arm-convention",
        default="perpendicular",
        metavar="|".join(LEVER_CONVENTIONS),
        help="perpendicular: the arm is a true moment arm (F = M/d); horizontal: the "
        "arm is the horizontal distance to the insertion (F = M/(d sin angle)) "
        "(default: %(default)s)",
    )
    p.add_argument(
        "--load",
        action="append",
        default=[],
        metavar="FORCE_N@ARM_M",
        help="extra vertical load: force in N (down positive, an upward cane push "
        "negative) at a lateral distance in m from the stance hip (positive "
        "toward the swing side); repeatable; write a negative force as "
        "--load=-80@0.45",
    )
    add_number(p, "--body-weight", "body_weight", "N")
    add_output_arguments(p)


def _run_fbd(args: argparse.Namespace) -> tuple[str, dict]:
    result = solve_free_body(
        weight=args.weight,
        weight_arm=args.weight_arm,
        abductor_arm=args.abductor_arm,
        abductor_angle=args.abductor_angle,
        arm_convention=args.arm_convention,
        loads=[parse_load(text) for text in args.load],
        body_weight=args.body_weight,
    )
    bw = result.body_weight_n

    def with_bw(newtons: float) -> str:
        return f"{newtons:8.1f} N" + ("" if bw is None else f"   {newtons / bw:5.3f} × BW")

    rows = [
        ("abductor moment", f"{result.abductor_moment_nm:8.2f} N·m"),
        ("abductor force", with_bw(result.abductor_force_n)),
        ("hip joint force", with_bw(result.joint_force_n)),
        ("  horizontal (medial)", with_bw(result.joint_force_horizontal_n)),
        ("  vertical", with_bw(result.joint_force_vertical_n)),
        ("  angle from vertical", f"{result.joint_force_angle_deg:8.1f} deg"),
    ]
    text = "Free-body diagram of single-leg stance\n" + table(rows) + "\n" + result.summary()
    return text, result.to_dict()


# ---------------------------------------------------------------- stance ---
def _args_stance(p: argparse.ArgumentParser) -> None:
    p.description = (
        "Single-leg stance with posture and muscle sharing chosen by the model: hip "
        "abductors, both sides of the lower back, trunk lean and pelvic drop."
    )
    add_body_arguments(p)
    p.add_argument(
        "--side",
        default="right",
        metavar="right|left",
        help="the leg stood on (default: %(default)s)",
    )
    add_number(
        p,
        "--glute-strength",
        "glute_med_strength_right",
        "PCT",
        "gluteus medius strength of the stance leg, percent of normal",
    )
    add_number(p, "--bag", "bag_kg", "KG", shown=_BAG_LIMIT)
    p.add_argument(
        "--bag-side",
        default="opposite",
        metavar="same|opposite",
        help="hand with the bag, relative to the stance leg (default: %(default)s)",
    )
    add_number(p, "--cane", "cane_pct_bw", "PCT_BW")
    p.add_argument(
        "--strategy",
        default="balanced",
        metavar="|".join(STRATEGIES),
        help="how readily the person leans: balanced, lean (a Duchenne "
        "compensator) or upright (default: %(default)s)",
    )
    from .cases import list_cases

    p.add_argument(
        "--case",
        default=None,
        metavar="NAME|FILE",
        help="start from a patient case, a shipped one ("
        + ", ".join(list_cases())
        + ") or a case file; options given explicitly override the case",
    )
    # Mark the defaults, so that with --case only the options typed count.
    p.set_defaults(**{dest: _marked(p.get_default(dest)) for dest in _STANCE_CASE_OPTIONS})
    add_output_arguments(p)


class _DefaultFloat(float):
    """A default number, not typed on the command line."""


class _DefaultStr(str):
    """A default word, not typed on the command line."""


def _marked(value: object) -> object:
    return _DefaultStr(value) if isinstance(value, str) else _DefaultFloat(value)


def _typed(value: object) -> bool:
    return not isinstance(value, _DefaultFloat | _DefaultStr)


#: stance option (argparse dest) -> field of a case file.
_STANCE_CASE_OPTIONS = {
    "mass": "mass_kg",
    "height": "height_m",
    "sex": "sex",
    "side": "stance_side",
    "glute_strength": None,  # the stance side's strength, below
    "bag": "bag_kg",
    "bag_side": "bag_side",
    "cane": "cane_pct_bw",
    "strategy": "strategy",
}


def _case_stance_input(args: argparse.Namespace) -> StanceInput:
    """The stance scenario of ``--case``, with the options typed on top."""
    from dataclasses import replace

    from ._validation import check_choice
    from .cases import load_case
    from .stance import SIDES

    case = load_case(args.case)
    changes = {
        field: getattr(args, dest)
        for dest, field in _STANCE_CASE_OPTIONS.items()
        if field is not None and _typed(getattr(args, dest))
    }
    side = check_choice("side", changes.get("stance_side", case.stance_side), SIDES)
    if _typed(args.glute_strength):
        changes[f"glute_med_strength_{side}_pct"] = args.glute_strength
    return replace(case, **changes).stance_input()


def stance_input_from_args(args: argparse.Namespace, **extra: object) -> StanceInput:
    from .anthropometry import Subject

    side = str(args.side).strip().lower()
    strengths = {"glute_med_strength_right": 100.0, "glute_med_strength_left": 100.0}
    if side in ("right", "left"):
        strengths[f"glute_med_strength_{side}"] = args.glute_strength
    return StanceInput(
        subject=Subject(mass_kg=args.mass, height_m=args.height, sex=args.sex),
        stance_side=args.side,
        bag_kg=args.bag,
        bag_side=args.bag_side,
        cane_pct_bw=args.cane,
        strategy=args.strategy,
        **strengths,
        **extra,
    )


def stance_rows(r) -> list[tuple[str, str]]:
    side = r.stance_side
    other = "left" if side == "right" else "right"

    def force(name: str) -> str:
        n = float(getattr(r, name + "_n"))
        return f"{n:7.0f} N   {n / float(r.body_weight_n):5.2f} × BW"

    held = f"{'yes':>7}" if bool(r.feasible) else f"{'no':>7}   (why: see below)"
    return [
        ("can this posture be held?", held),
        ("trunk lean (toward stance side)", f"{float(r.trunk_lean_deg):7.1f} deg"),
        ("pelvic drop (swing side down)", f"{round(float(r.pelvic_drop_deg), 1) + 0.0:7.1f} deg"),
        (
            f"{side} hip adduction",
            f"{float(r.hip_adduction_deg):7.1f} deg"
            f"   foot under the body: femur {float(r.stance_femur_adduction_deg):.1f} deg",
        ),
        (
            "passive hip tissue",
            f"{float(r.hip_passive_moment_nm):7.1f} N·m",
        ),
        (
            f"{side} gluteus medius",
            force("glute_med_force") + f"   {float(r.glute_med_activation_pct):5.0f} % of capacity",
        ),
        (
            f"{side} gluteus minimus + TFL",
            force("glute_min_tfl_force")
            + f"   {float(r.glute_min_tfl_activation_pct):5.0f} % of capacity",
        ),
        (
            f"{side} hip adductors",
            force("hip_adductor_force")
            + f"   {float(r.hip_adductor_activation_pct):5.0f} % of capacity",
        ),
        (
            f"{other} lower back (contralateral)",
            force("lumbar_contralateral_force")
            + f"   {float(r.lumbar_contralateral_activation_pct):5.0f} % of capacity",
        ),
        (
            f"{side} lower back (ipsilateral)",
            force("lumbar_ipsilateral_force")
            + f"   {float(r.lumbar_ipsilateral_activation_pct):5.0f} % of capacity",
        ),
        (
            "hip contact force",
            force("hip_contact_force")
            + f"   {float(r.hip_contact_angle_deg):5.1f} deg from vertical",
        ),
        ("L5-S1 compression", force("l5s1_compression")),
        ("L5-S1 lateral shear", force("l5s1_shear")),
    ]


def _run_stance(args: argparse.Namespace) -> tuple[str, dict]:
    if args.case is None:
        result = solve_stance(stance_input_from_args(args))
        heading = ""
    else:
        result = solve_stance(_case_stance_input(args))
        heading = f" (case {args.case})"
    text = (
        f"Single-leg stance on the {result.stance_side} leg{heading}\n"
        + table(stance_rows(result))
        + "\n"
        + result.summary()
    )
    data = result.to_dict()
    if args.case is not None:
        data["case"] = str(args.case)
    return text, data


# ------------------------------------------------------------- exercises ---
def _args_exercises(p: argparse.ArgumentParser) -> None:
    p.description = (
        "The three banded glute exercises of the source article: sets, repetitions, band "
        "position, cues, common faults and the published gluteus medius activity (proxies "
        "marked). --html writes a printable plan card."
    )
    p.add_argument(
        "--html",
        default=None,
        metavar="FILE",
        help="also write a printable plan card (self-contained HTML; print it or save as PDF) "
        "to FILE, a new file unless --force",
    )
    add_force_argument(p, "--html")
    add_number(
        p,
        "--weeks",
        "weeks",
        "N",
        "weeks of a tick-box log on the plan card",
        default=None,
        shown=f"default {parameter('weeks').default} when only --sessions-per-week is given",
    )
    add_number(
        p,
        "--sessions-per-week",
        "sessions_per_week",
        "N",
        "sessions per week for the tick-box log",
        default=None,
        shown=f"default {parameter('sessions_per_week').default} when only --weeks is given",
    )
    add_output_arguments(p)


def _run_exercises(args: argparse.Namespace) -> tuple[str, dict]:
    from .exercises import EVIDENCE_NOTE, EXERCISES, SOURCE, plan_card_html

    weeks, sessions = args.weeks, args.sessions_per_week
    if (weeks is None) != (sessions is None):
        weeks = parameter("weeks").default if weeks is None else weeks
        sessions = parameter("sessions_per_week").default if sessions is None else sessions
    card = plan_card_html(weeks=weeks, sessions_per_week=sessions)
    if args.html is not None:
        write_option_file("--html", args.html, card, args.force)
    lines = []
    for i, ex in enumerate(EXERCISES.values(), start=1):
        demand = ex.glute_med_demand_pct
        demand_text = (
            "no published figure for this exercise (see --json for the evidence)"
            if demand is None
            else f"{demand:g} ± {ex.glute_med_demand_sd_pct:g} % MVIC ("
            + ("proxy: " if ex.demand_is_proxy else "")
            + f"{ex.glute_med_evidence.condition}, {ex.glute_med_evidence.task})"
        )
        lines += [
            f"{i}. {ex.title}: {ex.prescription}",
            table(
                [
                    ("band", f"round the {ex.band_position}"),
                    ("feet", ex.stance_width),
                    ("cues", "; ".join(c.text.rstrip(".") for c in ex.cues) + "."),
                    ("gluteus medius", demand_text),
                ]
            ),
        ]
    lines += [EVIDENCE_NOTE, f"Protocols paraphrased from: {SOURCE}."]
    if args.html is not None:
        lines.append(f"Plan card written to {args.html}")
    data = {
        "exercises": [ex.to_dict() for ex in EXERCISES.values()],
        "evidence_note": EVIDENCE_NOTE,
        "source": SOURCE,
        "html_file": args.html,
    }
    return "\n".join(lines), data


# ----------------------------------------------------------------- train ---
def _args_train(p: argparse.ArgumentParser) -> None:
    from .exercises import exercise_names

    p.description = (
        "Gluteus medius strength week by week for a programme of the banded exercises, "
        "with single-leg stance re-solved at every week: activation, trunk lean, pelvic "
        "drop and the other side's lower-back load. Mechanics, not clinical outcomes."
    )
    add_number(p, "--weeks", "weeks", "N", shown="default: %(default)g")
    add_number(p, "--sessions-per-week", "sessions_per_week", "N", shown="default: %(default)g")
    p.add_argument(
        "--exercises",
        nargs="+",
        default=list(exercise_names()),
        metavar="NAME",
        help="exercises done in each session: squat, sidestep, front-step or their full "
        "names (default: all three)",
    )
    add_number(
        p,
        "--start-strength",
        "start_strength_pct",
        "PCT",
        shown="default: %(default)g, the deficit measured in low back pain",
    )
    add_body_arguments(p)
    p.add_argument(
        "--side",
        default="right",
        metavar="right|left",
        help="the leg stood on in the single-leg-stance check (default: %(default)s)",
    )
    p.add_argument(
        "--strategy",
        default="balanced",
        metavar="|".join(STRATEGIES),
        help="how readily the person leans (default: %(default)s)",
    )
    p.add_argument(
        "--html",
        default=None,
        metavar="FILE",
        help="also write a printable plan card for this programme (HTML) to FILE, a new "
        "file unless --force",
    )
    add_force_argument(p, "--html")
    add_output_arguments(p)


def _run_train(args: argparse.Namespace) -> tuple[str, dict]:
    from .anthropometry import Subject
    from .training import Programme, simulate_training

    programme = Programme(
        weeks=args.weeks,
        sessions_per_week=args.sessions_per_week,
        exercises=tuple(args.exercises),
        start_strength_pct=args.start_strength,
    )
    stance = StanceInput(
        subject=Subject(mass_kg=args.mass, height_m=args.height, sex=args.sex),
        stance_side=args.side,
        strategy=args.strategy,
    )
    result = simulate_training(programme, stance=stance)
    if args.html is not None:
        write_option_file("--html", args.html, programme.plan_card_html(), args.force)
    other = "left" if result.stance_input.stance_side == "right" else "right"
    header = (
        f"  {'week':>4}  {'strength':>9}  {'glute med':>9}  {'trunk lean':>10}  "
        f"{'pelvic drop':>11}  {other + ' back':>10}"
    )
    units = f"  {'':>4}  {'% normal':>9}  {'% capac.':>9}  {'deg':>10}  {'deg':>11}  {'× BW':>10}"
    rows = [
        f"  {int(w):>4}  {s:>9.1f}  {a:>9.1f}  {lean:>10.2f}  {drop:>11.2f}  {back:>10.4f}"
        for w, s, a, lean, drop, back in zip(
            result.week,
            result.strength_pct,
            result.glute_med_activation_pct,
            result.trunk_lean_deg,
            result.pelvic_drop_deg,
            result.lumbar_contralateral_force_bw,
            strict=True,
        )
    ]
    text = "\n".join(
        [
            f"Training: {programme.weeks} weeks, {programme.sessions_per_week} sessions a week, "
            f"{programme.sets_per_session} sets a session "
            f"(gain rate {programme.rate_per_week:.3f} per week)",
            header,
            units,
            *rows,
            result.summary(),
        ]
    )
    if args.html is not None:
        text += f"\nPlan card written to {args.html}"
    return text, result.to_dict()


# ------------------------------------------------------------------ walk ---
def _args_walk(p: argparse.ArgumentParser) -> None:
    p.description = (
        "One stride of level walking, frame by frame, for both sides: hip abductors, "
        "hip contact forces, both sides of the lower back, trunk lean and pelvic drop "
        "(quasi-static frontal-plane model; right heel strike at 0 %)."
    )
    add_body_arguments(p)
    for side in ("right", "left"):
        add_number(p, f"--glute-strength-{side}", f"glute_med_strength_{side}", "PCT")
    add_number(p, "--speed", "speed_ms", "M_S", shown="default: %(default)s, about 4 km/h")
    add_number(p, "--cane", "cane_pct_bw", "PCT_BW", "peak push on a cane")
    p.add_argument(
        "--cane-hand",
        default="left",
        metavar="left|right",
        help="hand holding the cane; it helps the other leg (default: %(default)s)",
    )
    add_number(p, "--bag", "bag_kg", "KG", shown=_BAG_LIMIT)
    p.add_argument(
        "--bag-side",
        default="left",
        metavar="left|right",
        help="hand with the bag (default: %(default)s)",
    )
    p.add_argument(
        "--strategy",
        default="balanced",
        metavar="|".join(STRATEGIES),
        help="how readily the person leans (default: %(default)s)",
    )
    add_number(p, "--frames", "frames", "N")
    p.add_argument(
        "--no-pelvic-dynamics",
        action="store_true",
        help="switch off the pelvis element: every frame quasi-static, muscles unbounded",
    )
    p.add_argument(
        "--csv",
        metavar="FILE",
        default=None,
        help="also write the per-frame table to FILE, a new file unless --force",
    )
    add_force_argument(p, "--csv")
    add_output_arguments(p)


def _run_walk(args: argparse.Namespace) -> tuple[str, dict]:
    from .anthropometry import Subject
    from .gait import WalkInput, solve_walk

    frames = args.frames
    if isinstance(frames, float) and frames.is_integer():
        frames = int(frames)
    result = solve_walk(
        WalkInput(
            subject=Subject(mass_kg=args.mass, height_m=args.height, sex=args.sex),
            speed_ms=args.speed,
            glute_med_strength_right=args.glute_strength_right,
            glute_med_strength_left=args.glute_strength_left,
            cane_pct_bw=args.cane,
            cane_hand=args.cane_hand,
            bag_kg=args.bag,
            bag_side=args.bag_side,
            strategy=args.strategy,
            pelvic_dynamics=not args.no_pelvic_dynamics,
            frames=frames,
        )
    )
    if args.csv is not None:
        write_option_file("--csv", args.csv, result.to_csv(), args.force)
    r = result
    stride = [
        ("speed", f"{r.inputs.speed_ms:6.2f} m/s"),
        ("stride time", f"{r.stride_time_s:6.2f} s   ({r.cadence_steps_per_min:.0f} steps/min)"),
        ("stance, each leg", f"{r.stance_pct:6.1f} % of the stride"),
        ("double support, each", f"{r.double_support_pct:6.1f} % of the stride"),
    ]
    phases = [
        (f"{row['start_pct']:5.1f}-{row['end_pct']:5.1f} %", row["phase"])
        for row in r.phase_table()
    ]
    header = (
        f"  {'cycle':>6} {'support':>7} {'GRF R':>6} {'GRF L':>6} {'hip R':>6} {'hip L':>6} "
        f"{'back L':>6} {'back R':>6} {'GM R':>5} {'GM L':>5} {'lean':>5} {'drop':>5}"
    )
    units = (
        f"  {'%':>6} {'':>7} {'×BW':>6} {'×BW':>6} {'×BW':>6} {'×BW':>6} "
        f"{'×BW':>6} {'×BW':>6} {'%':>5} {'%':>5} {'deg':>5} {'deg':>5}"
    )
    step = max(1, (len(r.gait_cycle_pct) - 1) // 20)
    support = r.support
    rows = [
        f"  {r.gait_cycle_pct[i]:6.1f} {support[i]:>7} {r.vertical_grf_right_bw[i]:6.2f} "
        f"{r.vertical_grf_left_bw[i]:6.2f} {r.hip_contact_force_right_bw[i]:6.2f} "
        f"{r.hip_contact_force_left_bw[i]:6.2f} {r.lumbar_left_force_bw[i]:6.2f} "
        f"{r.lumbar_right_force_bw[i]:6.2f} {r.glute_med_activation_right_pct[i]:5.0f} "
        f"{r.glute_med_activation_left_pct[i]:5.0f} {round(r.trunk_lean_deg[i], 1) + 0.0:5.1f} "
        f"{round(r.pelvic_drop_deg[i], 1) + 0.0:5.1f}"
        for i in range(0, len(r.gait_cycle_pct), step)
    ]
    parts = [
        "Walking, one stride (quasi-static frontal-plane model)",
        table(stride),
        "Phases",
        table(phases),
        "About every 5 % of the stride (back = lumbar lateral flexors, GM = gluteus medius "
        "activation; lean + toward the right, drop + left side lower)",
        header,
        units,
        *rows,
        r.summary(),
    ]
    if args.csv is not None:
        parts.append(f"Per-frame table written to {args.csv}")
    return "\n".join(parts), r.to_dict()


# ------------------------------------------------------------------ bend ---
def _args_bend(p: argparse.ArgumentParser) -> None:
    p.description = (
        "Forward bend with straight knees, seen from the side: how the bend is shared "
        "between hips and lower back, and who holds it (glutes, hamstrings, lower back). "
        "Hamstring tightness from an AKE or straight-leg-raise test."
    )
    add_body_arguments(p)
    add_number(p, "--trunk-inclination", "trunk_inclination_deg", "DEG")
    add_number(
        p,
        "--ake",
        "ake_deg",
        "DEG",
        default=None,
        shown="default: the normal mean for the sex; not together with --slr",
    )
    add_number(p, "--slr", "slr_deg", "DEG", "straight-leg-raise angle instead of the AKE (--ake)")
    add_number(p, "--glute-strength", "glute_max_strength_pct", "PCT")
    p.add_argument(
        "--glute-inhibition",
        default="off",
        metavar="on|off",
        help="hypothesis: tight hamstrings reduce access to the glutes (little direct "
        "evidence; default: %(default)s)",
    )
    add_number(
        p,
        "--inhibition-strength",
        "inhibition_strength",
        "FRACTION",
        default=None,
        shown=f"default: {parameter('inhibition_strength').default:g}",
    )
    add_output_arguments(p)


def _run_bend(args: argparse.Namespace) -> tuple[str, dict]:
    from ._validation import check_choice
    from .anthropometry import Subject
    from .hamstrings import INHIBITION_STRENGTH, REACH_SEARCH_HIP_DEG, BendInput, solve_bend

    switch = check_choice("glute_inhibition", args.glute_inhibition, ("on", "off"))
    strength = INHIBITION_STRENGTH if args.inhibition_strength is None else args.inhibition_strength
    r = solve_bend(
        BendInput(
            subject=Subject(mass_kg=args.mass, height_m=args.height, sex=args.sex),
            trunk_inclination_deg=args.trunk_inclination,
            ake_deg=args.ake,
            slr_deg=args.slr,
            glute_max_strength_pct=args.glute_strength,
            glute_inhibition=switch == "on",
            inhibition_strength=strength,
        )
    )
    bw = float(r.body_weight_n)
    cut = r.cutoffs()

    def force(name: str) -> str:
        n = float(getattr(r, name))
        return f"{n:7.0f} N   {n / bw:5.2f} × BW"

    def moment(name: str) -> str:
        return f"{float(getattr(r, name)):7.1f} N·m"

    reach = float(r.reachable_trunk_inclination_deg)
    at_least = float(r.reachable_hip_flexion_deg) >= REACH_SEARCH_HIP_DEG - 1e-6
    reach_text = f"{'≥' if at_least else ' '}{reach:6.1f} deg" + (
        f"   hamstrings stop the hips at {float(r.reachable_hip_flexion_deg):.0f} deg"
        if not at_least
        else f"   not stopped by {REACH_SEARCH_HIP_DEG:.0f} deg of hip flexion"
    )
    head = [
        ("trunk inclination", f"{float(r.trunk_inclination_deg):7.1f} deg"),
        ("reachable with straight knees", reach_text),
    ]
    rows = [
        *head,
        (
            "lumbar flexion",
            f"{float(r.lumbar_flexion_deg):7.1f} deg   {100 * float(r.lumbar_share):3.0f} % of the bend",
        ),
        (
            "hip flexion (pelvic tilt)",
            f"{float(r.hip_flexion_deg):7.1f} deg   {100 * float(r.hip_share):3.0f} % of the bend",
        ),
        (
            "AKE deficit / straight-leg raise",
            f"{float(r.ake_deg):7.1f} deg / {float(r.slr_deg):.1f} deg ({r.hamstring_status})",
        ),
        ("glute availability", f"{100 * float(r.glute_max_availability):7.0f} %"),
        ("hip extensor moment", moment("hip_extensor_moment_nm")),
        (
            "  gluteus maximus",
            moment("glute_max_moment_nm") + f"   {100 * float(r.glute_max_share):3.0f} %",
        ),
        (
            "  hamstrings (active + passive)",
            moment("hamstring_moment_nm") + f"   {100 * float(r.hamstring_share):3.0f} %",
        ),
        ("  hamstrings passive", moment("hamstring_passive_moment_nm")),
        ("lumbar extensor moment", moment("lumbar_extensor_moment_nm")),
        ("  erector spinae", moment("erector_spinae_moment_nm")),
        ("  passive lumbar tissue", moment("lumbar_passive_moment_nm")),
        ("gluteus maximus force", force("glute_max_force_n")),
        ("hamstring force (active)", force("hamstring_active_force_n")),
        ("hamstring force (passive)", force("hamstring_passive_force_n")),
        ("erector spinae force", force("erector_spinae_force_n")),
        ("L5-S1 compression (no muscle tone)", force("l5s1_compression_n")),
        ("L5-S1 shear (forward)", force("l5s1_shear_n")),
    ]
    if not bool(r.feasible):
        rows = [
            *head,
            (
                "AKE deficit / straight-leg raise",
                f"{float(r.ake_deg):7.1f} deg / {float(r.slr_deg):.1f} deg ({r.hamstring_status})",
            ),
            ("can this bend be held?", f"{'no':>7}   (why: see below)"),
        ]
    mean, sd = cut["ake_normal_mean_deg"], cut["ake_normal_sd_deg"]
    norms = (
        f"AKE norms ({r.sex}): normal {mean} ± {sd} deg, tight > {cut['ake_tight_cutoff_deg']} deg; "
        f"90-90 test positive > {cut['ninety_ninety_cutoff_deg']:.0f} deg "
        f"({'positive' if r.ninety_ninety_positive else 'negative'}). Forces: both sides together; "
        "the L5-S1 compression is without muscle tone or co-contraction (a lower bound)."
    )
    text = "Forward bend (straight knees)\n" + table(rows) + "\n" + norms + "\n" + r.summary()
    return text, r.to_dict()


# ------------------------------------------------------------- registry ---
#: name -> (help line, add arguments, run)
COMMANDS: dict[
    str,
    tuple[
        str,
        Callable[[argparse.ArgumentParser], None],
        Callable[[argparse.Namespace], tuple[str, dict]],
    ],
] = {
    "fbd": ("textbook free-body diagram of single-leg stance", _args_fbd, _run_fbd),
    "stance": ("single-leg stance: glutes, lower back and posture", _args_stance, _run_stance),
    "exercises": (
        "the three banded glute exercises: protocol, cues, evidence, plan card",
        _args_exercises,
        _run_exercises,
    ),
    "train": (
        "a training programme week by week: strength and the load it moves",
        _args_train,
        _run_train,
    ),
    "walk": (
        "one stride of walking, both sides: the criss-cross frame by frame",
        _args_walk,
        _run_walk,
    ),
    "bend": (
        "forward bend: hips vs lower back, glutes vs hamstrings, tight hamstrings",
        _args_bend,
        _run_bend,
    ),
}


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="gluteed",
        description="What the gluteus medius and the lower back do: teaching models.",
        epilog="exit status:\n"
        + "\n".join(f"  {code:<4} {meaning}" for code, meaning in EXIT_CODES.items()),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"gluteed {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    sub.required = True
    for name, (help_line, add_args, _run) in COMMANDS.items():
        add_args(sub.add_parser(name, help=help_line, description=help_line))
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
        out = _output(data, text, getattr(args, "json", False))
    except ValueError as err:
        _print_error(f"gluteed {args.command}: error: {err}")
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        _print_error(f"gluteed {args.command}: interrupted")
        return EXIT_INTERRUPTED
    try:
        _write_out(_encodable(out, sys.stdout) + "\n")
    except BrokenPipeError:
        _silence_stdout()
        return EXIT_BROKEN_PIPE
    except OSError as err:
        _silence_stdout()
        reason = err.strerror or type(err).__name__
        _print_error(f"gluteed {args.command}: error: cannot write the output ({reason})")
        return EXIT_OUTPUT_FAILED
    return EXIT_OK


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
