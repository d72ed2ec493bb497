"""``gluteed fbd``: the textbook free-body diagram of single-leg stance."""

from __future__ import annotations

import argparse

from ..freebody import LEVER_CONVENTIONS, parse_load, solve_free_body
from . import options
from .output import table


def add_arguments(p: argparse.ArgumentParser) -> None:
    """The options of the free-body diagram, with ranges and units from the registry."""
    options.add_number(p, "--weight", "weight", "N", required=True)
    options.add_number(p, "--weight-arm", "weight_arm", "M", required=True)
    options.add_number(
        p,
        "--abductor-arm",
        "abductor_arm",
        "M",
        required=True,
        shown="read as set by --arm-convention",
    )
    options.add_number(
        p,
        "--abductor-angle",
        "abductor_angle",
        "DEG",
        shown="default: %(default)s; Pauwels: 69",
    )
    options.add_choice(
        p,
        "--arm-convention",
        "perpendicular",
        LEVER_CONVENTIONS,
        "perpendicular: the arm is a true moment arm (F = M/d); horizontal: the arm is the horizontal distance to the insertion (F = M/(d sin angle))",
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
    options.add_number(p, "--body-weight", "body_weight", "N")
    p.description = (
        "Textbook free-body diagram of single-leg stance (frontal plane, stance hip as "
        "pivot): the abductor force and hip joint force that balance the supported weight."
    )


#: Options that :func:`gluteed.solve_free_body` takes under the same names.
_SAME_NAMES = (
    "weight",
    "weight_arm",
    "abductor_arm",
    "abductor_angle",
    "arm_convention",
    "body_weight",
)


def run(args: argparse.Namespace) -> tuple[str, dict]:
    """Solve the free-body diagram; the text and the JSON data to print."""
    loads = [parse_load(text) for text in args.load]
    result = solve_free_body(loads=loads, **{name: getattr(args, name) for name in _SAME_NAMES})
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
