"""``gluteed bend``: a forward bend with straight knees, seen from the side."""

from __future__ import annotations

import argparse

from .._validation import check_choice
from ..hamstrings import (
    INHIBITION_STRENGTH,
    REACH_SEARCH_HIP_DEG,
    BendInput,
    BendResult,
    solve_bend,
)
from ..parameters import parameter
from . import options
from .output import table, with_bw


def add_arguments(p: argparse.ArgumentParser) -> None:
    """The options of the forward bend, with ranges and units from the registry."""
    options.add_body_arguments(p)
    options.add_number(p, "--trunk-inclination", "trunk_inclination_deg", "DEG")
    options.add_number(
        p,
        "--ake",
        "ake_deg",
        "DEG",
        default=None,
        shown="default: the normal mean for the sex; not together with --slr",
    )
    options.add_number(
        p, "--slr", "slr_deg", "DEG", "straight-leg-raise angle instead of the AKE (--ake)"
    )
    options.add_number(p, "--glute-strength", "glute_max_strength_pct", "PCT")
    p.add_argument(
        "--glute-inhibition",
        default="off",
        metavar="on|off",
        help="hypothesis: tight hamstrings reduce access to the glutes (little direct "
        "evidence; default: %(default)s)",
    )
    options.add_number(
        p,
        "--inhibition-strength",
        "inhibition_strength",
        "FRACTION",
        default=None,
        shown=f"default: {parameter('inhibition_strength').default:g}",
    )
    p.description = (
        "Forward bend with straight knees, seen from the side: how the bend is shared "
        "between hips and lower back, and who holds it (glutes, hamstrings, lower back). "
        "Hamstring tightness from an AKE or straight-leg-raise test."
    )


#: bend option (argparse dest) -> field of :class:`gluteed.BendInput`.
_FIELDS = {
    "trunk_inclination": "trunk_inclination_deg",
    "ake": "ake_deg",
    "slr": "slr_deg",
    "glute_strength": "glute_max_strength_pct",
}


def _bend_input(args: argparse.Namespace) -> BendInput:
    """The forward-bend scenario the options describe."""
    switch = check_choice("glute_inhibition", args.glute_inhibition, ("on", "off"))
    strength = INHIBITION_STRENGTH if args.inhibition_strength is None else args.inhibition_strength
    return BendInput(
        subject=options.subject_from_args(args),
        glute_inhibition=switch == "on",
        inhibition_strength=strength,
        **options.fields_from_args(args, _FIELDS),
    )


def _head(r: BendResult) -> list[tuple[str, str]]:
    """The first rows: the bend asked for and the deepest one this person reaches."""
    reach = float(r.reachable_trunk_inclination_deg)
    at_least = float(r.reachable_hip_flexion_deg) >= REACH_SEARCH_HIP_DEG - 1e-6
    reach_text = f"{'≥' if at_least else ' '}{reach:6.1f} deg" + (
        f"   hamstrings stop the hips at {float(r.reachable_hip_flexion_deg):.0f} deg"
        if not at_least
        else f"   not stopped by {REACH_SEARCH_HIP_DEG:.0f} deg of hip flexion"
    )
    return [
        ("trunk inclination", f"{float(r.trunk_inclination_deg):7.1f} deg"),
        ("reachable with straight knees", reach_text),
    ]


def _rows(r: BendResult) -> list[tuple[str, str]]:
    """The table of a bend: posture, moments and forces (why not, where it cannot be held)."""
    head = _head(r)
    tightness = (
        "AKE deficit / straight-leg raise",
        f"{float(r.ake_deg):7.1f} deg / {float(r.slr_deg):.1f} deg ({r.hamstring_status})",
    )
    if not bool(r.feasible):
        return [*head, tightness, ("can this bend be held?", f"{'no':>7}   (why: see below)")]
    bw = float(r.body_weight_n)

    def force(name: str) -> str:
        return with_bw(float(getattr(r, name)), bw)

    def moment(name: str) -> str:
        return f"{float(getattr(r, name)):7.1f} N·m"

    return [
        *head,
        (
            "lumbar flexion",
            f"{float(r.lumbar_flexion_deg):7.1f} deg   {100 * float(r.lumbar_share):3.0f} % of the bend",
        ),
        (
            "hip flexion (pelvic tilt)",
            f"{float(r.hip_flexion_deg):7.1f} deg   {100 * float(r.hip_share):3.0f} % of the bend",
        ),
        tightness,
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


def _norms(r: BendResult) -> str:
    """The AKE norms and the 90-90 test of this person's sex, in one paragraph."""
    cut = r.cutoffs()
    mean, sd = cut["ake_normal_mean_deg"], cut["ake_normal_sd_deg"]
    return (
        f"AKE norms ({r.sex}): normal {mean} ± {sd} deg, tight > {cut['ake_tight_cutoff_deg']} deg; "
        f"90-90 test positive > {cut['ninety_ninety_cutoff_deg']:.0f} deg "
        f"({'positive' if r.ninety_ninety_positive else 'negative'}). Forces: both sides together; "
        "the L5-S1 compression is without muscle tone or co-contraction (a lower bound)."
    )


def run(args: argparse.Namespace) -> tuple[str, dict]:
    """Solve the bend; the text and the JSON data to print."""
    r = solve_bend(_bend_input(args))
    text = (
        "Forward bend (straight knees)\n" + table(_rows(r)) + "\n" + _norms(r) + "\n" + r.summary()
    )
    return text, r.to_dict()
