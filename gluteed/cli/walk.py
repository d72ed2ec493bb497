"""``gluteed walk``: one stride of walking, frame by frame."""

from __future__ import annotations

import argparse

from ..gait import WalkInput, WalkResult, solve_walk
from ..stance import STRATEGIES
from . import options
from .output import table


def add_arguments(p: argparse.ArgumentParser) -> None:
    """The options of the stride, with ranges and units from the registry."""
    options.add_body_arguments(p)
    for side in ("right", "left"):
        options.add_number(p, f"--glute-strength-{side}", f"glute_med_strength_{side}", "PCT")
    options.add_number(p, "--speed", "speed_ms", "M_S", shown="default: %(default)s, about 4 km/h")
    options.add_number(p, "--cane", "cane_pct_bw", "PCT_BW", "peak push on a cane")
    options.add_choice(
        p, "--cane-hand", "left", ("left", "right"), "hand holding the cane; it helps the other leg"
    )
    options.add_number(p, "--bag", "bag_kg", "KG", shown=options.BAG_LIMIT)
    options.add_choice(p, "--bag-side", "left", ("left", "right"), "hand with the bag")
    options.add_choice(p, "--strategy", "balanced", STRATEGIES, "how readily the person leans")
    options.add_number(p, "--frames", "frames", "N")
    p.add_argument(
        "--no-pelvic-dynamics",
        action="store_true",
        help="switch off the pelvis element: every frame is the static model of standing "
        "(the pelvis drops at once until tissue holds it; no inertia, no healthy list)",
    )
    options.add_file_argument(p, "--csv", "the per-frame table")
    p.description = (
        "One stride of level walking, frame by frame, for both sides: hip abductors, "
        "hip contact forces, both sides of the lower back, trunk lean and pelvic drop "
        "(quasi-static frontal-plane model; right heel strike at 0 %)."
    )


#: walk option (argparse dest) -> field of :class:`gluteed.WalkInput`.
_FIELDS = {
    "speed": "speed_ms",
    "glute_strength_right": "glute_med_strength_right",
    "glute_strength_left": "glute_med_strength_left",
    "cane": "cane_pct_bw",
    "cane_hand": "cane_hand",
    "bag": "bag_kg",
    "bag_side": "bag_side",
    "strategy": "strategy",
}


def _walk_input(args: argparse.Namespace) -> WalkInput:
    """The walking scenario the options describe."""
    frames = args.frames
    if isinstance(frames, float) and frames.is_integer():
        frames = int(frames)
    return WalkInput(
        subject=options.subject_from_args(args),
        pelvic_dynamics=not args.no_pelvic_dynamics,
        frames=frames,
        **options.fields_from_args(args, _FIELDS),
    )


def _stride_text(r: WalkResult) -> list[str]:
    """The stride's timing and its phases, as text."""
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
    return [table(stride), "Phases", table(phases)]


def _frame_table(r: WalkResult) -> list[str]:
    """About every 5 % of the stride: forces, activations and posture, one line each."""
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
    return [header, units, *rows]


def run(args: argparse.Namespace) -> tuple[str, dict]:
    """Solve the stride; the text and the JSON data to print."""
    r = solve_walk(_walk_input(args))
    if args.csv is not None:
        options.write_option_file("--csv", args.csv, r.to_csv(), args.force)
    parts = [
        "Walking, one stride (quasi-static frontal-plane model)",
        *_stride_text(r),
        "About every 5 % of the stride (back = lumbar lateral flexors, GM = gluteus medius "
        "activation; lean + toward the right, drop + left side lower)",
        *_frame_table(r),
        r.summary(),
    ]
    if args.csv is not None:
        parts.append(f"Per-frame table written to {args.csv}")
    return "\n".join(parts), r.to_dict()
