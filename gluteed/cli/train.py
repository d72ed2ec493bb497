"""``gluteed train``: a training programme week by week."""

from __future__ import annotations

import argparse

from ..exercises import exercise_names
from ..stance import STRATEGIES, StanceInput
from ..training import Programme, simulate_training
from . import options


def add_arguments(p: argparse.ArgumentParser) -> None:
    """The options of the training programme, with ranges and units from the registry."""
    options.add_number(p, "--weeks", "weeks", "N", shown="default: %(default)g")
    options.add_number(
        p, "--sessions-per-week", "sessions_per_week", "N", shown="default: %(default)g"
    )
    p.add_argument(
        "--exercises",
        nargs="+",
        default=list(exercise_names()),
        metavar="NAME",
        help="exercises done in each session: squat, sidestep, front-step or their full "
        "names (default: all three)",
    )
    options.add_number(
        p,
        "--start-strength",
        "start_strength_pct",
        "PCT",
        shown="default: %(default)g, the deficit measured in low back pain",
    )
    options.add_body_arguments(p)
    options.add_choice(
        p, "--side", "right", ("right", "left"), "the leg stood on in the single-leg-stance check"
    )
    options.add_choice(p, "--strategy", "balanced", STRATEGIES, "how readily the person leans")
    options.add_file_argument(p, "--html", "a printable plan card for this programme (HTML)")
    p.description = (
        "Gluteus medius strength week by week for a programme of the banded exercises, "
        "with single-leg stance re-solved at every week: activation, trunk lean, pelvic "
        "drop and the other side's lower-back load. Mechanics, not clinical outcomes."
    )


def run(args: argparse.Namespace) -> tuple[str, dict]:
    """Solve the training programme; the text and the JSON data to print."""
    programme = Programme(
        weeks=args.weeks,
        sessions_per_week=args.sessions_per_week,
        exercises=tuple(args.exercises),
        start_strength_pct=args.start_strength,
    )
    stance = StanceInput(
        subject=options.subject_from_args(args),
        stance_side=args.side,
        strategy=args.strategy,
    )
    result = simulate_training(programme, stance=stance)
    if args.html is not None:
        options.write_option_file("--html", args.html, programme.plan_card_html(), args.force)
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
