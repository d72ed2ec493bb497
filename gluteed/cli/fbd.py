"""``gluteed fbd``: the textbook free-body diagram of single-leg stance."""

from __future__ import annotations

import argparse

from ..freebody import LEVER_CONVENTIONS, parse_load, solve_free_body
from .options import add_number, add_output_arguments
from .output import table


def add_arguments(p: argparse.ArgumentParser) -> None:
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


def run(args: argparse.Namespace) -> tuple[str, dict]:
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
