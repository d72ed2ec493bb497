"""``gluteed exercises``: the banded exercises and the printable plan card."""

from __future__ import annotations

import argparse

from ..exercises import EVIDENCE_NOTE, EXERCISES, SOURCE, plan_card_html
from ..parameters import parameter
from . import options
from .output import table


def add_arguments(p: argparse.ArgumentParser) -> None:
    """The options of the exercises, with ranges and units from the registry."""
    options.add_file_argument(
        p, "--html", "a printable plan card (self-contained HTML; print it or save as PDF)"
    )
    options.add_number(
        p,
        "--weeks",
        "weeks",
        "N",
        "weeks of a tick-box log on the plan card",
        default=None,
        shown=f"default {parameter('weeks').default} when only --sessions-per-week is given",
    )
    options.add_number(
        p,
        "--sessions-per-week",
        "sessions_per_week",
        "N",
        "sessions per week for the tick-box log",
        default=None,
        shown=f"default {parameter('sessions_per_week').default} when only --weeks is given",
    )
    p.description = (
        "The three banded glute exercises of the source article: sets, repetitions, band "
        "position, cues, common faults and the published gluteus medius activity (proxies "
        "marked). --html writes a printable plan card."
    )


def run(args: argparse.Namespace) -> tuple[str, dict]:
    """The exercises (and the plan card, with --html); the text and the JSON data to print."""
    weeks, sessions = args.weeks, args.sessions_per_week
    if (weeks is None) != (sessions is None):
        weeks = parameter("weeks").default if weeks is None else weeks
        sessions = parameter("sessions_per_week").default if sessions is None else sessions
    card = plan_card_html(weeks=weeks, sessions_per_week=sessions)
    if args.html is not None:
        options.write_option_file("--html", args.html, card, args.force)
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
