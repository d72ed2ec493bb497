"""``gluteed stance``: single-leg stance, from options or a patient case."""

from __future__ import annotations

import argparse
from dataclasses import replace

from .._validation import check_choice
from ..cases import list_cases, load_case
from ..stance import SIDES, STRATEGIES, StanceInput, StanceResult, solve_stance
from . import options
from .output import table, with_bw


def add_arguments(p: argparse.ArgumentParser) -> None:
    """The options of single-leg stance, with ranges and units from the registry."""
    options.add_body_arguments(p)
    options.add_choice(p, "--side", "right", ("right", "left"), "the leg stood on")
    options.add_number(
        p,
        "--glute-strength",
        "glute_med_strength_right",
        "PCT",
        "gluteus medius strength of the stance leg, percent of normal",
    )
    options.add_number(p, "--bag", "bag_kg", "KG", shown=options.BAG_LIMIT)
    options.add_choice(
        p,
        "--bag-side",
        "opposite",
        ("same", "opposite"),
        "hand with the bag, relative to the stance leg",
    )
    options.add_number(p, "--cane", "cane_pct_bw", "PCT_BW")
    options.add_choice(
        p,
        "--strategy",
        "balanced",
        STRATEGIES,
        "how readily the person leans: balanced, lean (a Duchenne compensator) or upright",
    )

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
    p.description = (
        "Single-leg stance with posture and muscle sharing chosen by the model: hip "
        "abductors, both sides of the lower back, trunk lean and pelvic drop."
    )


class _DefaultFloat(float):
    """A default number, not typed on the command line."""


class _DefaultStr(str):
    """A default word, not typed on the command line."""


def _marked(value: object) -> object:
    return _DefaultStr(value) if isinstance(value, str) else _DefaultFloat(value)


def _typed(value: object) -> bool:
    return not isinstance(value, _DefaultFloat | _DefaultStr)


#: stance option (argparse dest) -> field of :class:`gluteed.StanceInput` and of a case file.
_FIELDS = {
    "side": "stance_side",
    "bag": "bag_kg",
    "bag_side": "bag_side",
    "cane": "cane_pct_bw",
    "strategy": "strategy",
}
#: stance option (argparse dest) -> field of a case file.
_STANCE_CASE_OPTIONS = {
    "mass": "mass_kg",
    "height": "height_m",
    "sex": "sex",
    "glute_strength": None,  # the stance side's strength, below
    **_FIELDS,
}


def _case_stance_input(args: argparse.Namespace) -> StanceInput:
    """The stance scenario of ``--case``, with the options typed on top."""
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
    """The stance scenario of the options (no case); ``extra`` fields on top."""
    side = str(args.side).strip().lower()
    strengths = {"glute_med_strength_right": 100.0, "glute_med_strength_left": 100.0}
    if side in ("right", "left"):
        strengths[f"glute_med_strength_{side}"] = args.glute_strength
    return StanceInput(
        subject=options.subject_from_args(args),
        **options.fields_from_args(args, _FIELDS),
        **strengths,
        **extra,
    )


def stance_rows(r: StanceResult) -> list[tuple[str, str]]:
    """The table of one stance result: posture, muscle forces and joint loads."""
    side = r.stance_side
    other = "left" if side == "right" else "right"

    def force(name: str) -> str:
        return with_bw(float(getattr(r, name + "_n")), float(r.body_weight_n))

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


def run(args: argparse.Namespace) -> tuple[str, dict]:
    """Solve single-leg stance; the text and the JSON data to print."""
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
