"""The words of the package: one-line summaries of results and the printable plan card.

Every figure carries a one-line summary of the numbers it draws, so that it
can be read without the picture (screen readers, printed handouts, tests);
the dashboards show the same line beside the figure. The plan card is a
self-contained HTML page for the exercises of :mod:`gluteed.exercises`.
Part of the model layer: plain strings, no matplotlib.
"""

from __future__ import annotations

import html
from collections.abc import Iterable
from typing import TYPE_CHECKING

import numpy as np

from .hamstrings import REACH_SEARCH_HIP_DEG
from .parameters import check
from .stance import DROP_VISIBLE_DEG, StanceResult
from .sweeps import frame_index, other_side, require_one_bend, require_one_stance

if TYPE_CHECKING:
    from .exercises import Exercise
    from .hamstrings import BendResult
    from .walk_result import WalkResult

__all__ = [
    "GAIT_CURVE_LABELS",
    "bend_summary_line",
    "num",
    "plan_card_html",
    "reach_text",
    "summary_line",
    "walk_summary_line",
]

#: The stride's curves in the gait figure and its summary: result attribute
#: (forces in × body weight) -> label.
GAIT_CURVE_LABELS = {
    "glute_med_force_right_bw": "right glute med",
    "lumbar_left_force_bw": "left lower back",
    "glute_med_force_left_bw": "left glute med",
    "lumbar_right_force_bw": "right lower back",
}


def num(value: float | np.ndarray, digits: int) -> str:
    """``value`` with ``digits`` decimals, never "-0" (a tiny negative rounds to "0.0").

    >>> num(-0.04, 1), num(-0.6, 0), num(2.345, 2)
    ('0.0', '-1', '2.35')
    """
    return f"{round(float(value), digits) + 0.0:.{digits}f}"


def summary_line(result: StanceResult) -> str:
    """One line with the main numbers of one stance result.

    Readable without any figure; the dashboards show it with the picture.
    Forces in × body weight, angles in degrees, activations in percent of
    capacity.
    """
    require_one_stance(result)
    inp = result.inputs
    side, other = result.stance_side, other_side(result.stance_side)
    s, o = side[0].upper(), other[0].upper()
    flag = ""
    if not bool(result.feasible):
        flag = f" · CANNOT BE HELD: {result.reason}"
    elif bool(result.trendelenburg):
        flag = " · the abductors work at 100 %: the pelvis drops until stretched tissue holds it"
    return (
        f"Standing on the {side} leg · {s} glute med {num(float(inp.stance_strength_pct), 0)} % "
        f"strength, working at {num(float(result.glute_med_activation_pct), 0)} % "
        f"(smaller hip abductors {num(float(result.glute_min_tfl_activation_pct), 0)} %) · "
        f"hip abductors {num(float(result.abductor_force_bw), 2)} × BW · "
        f"{o} lower back {num(float(result.lumbar_contralateral_force_bw), 2)} × BW · "
        f"{s} lower back {num(float(result.lumbar_ipsilateral_force_bw), 2)} × BW · "
        f"trunk lean {num(float(result.trunk_lean_deg), 1)}° · "
        f"pelvic drop {num(result.pelvic_drop_deg, 1)}° · "
        f"hip joint {num(float(result.hip_contact_force_bw), 2)} × BW{flag}"
    )


def bend_summary_line(result: BendResult) -> str:
    """One line with the main numbers of one forward-bend result (``gluteed.solve_bend``)."""
    require_one_bend(result)
    status = result.hamstring_status
    hypothesis = ""
    if result.inputs.glute_inhibition:
        hypothesis = f" · glute-inhibition hypothesis ON ({num(100 * float(result.glute_max_availability), 0)} % of the glutes available)"
    reach = reach_text(result)
    if not bool(result.feasible):
        return (
            f"Bend {num(float(result.trunk_inclination_deg), 0)}° · CANNOT BEND THIS FAR: "
            f"{result.reason} · AKE {num(float(result.ake_deg), 0)}° ({status}) · "
            f"deepest bend with straight knees {reach}{hypothesis}"
        )
    return (
        f"Bend {num(float(result.trunk_inclination_deg), 0)}° (reachable {reach}) · lumbar flexion "
        f"{num(float(result.lumbar_flexion_deg), 0)}° ({num(100 * float(result.lumbar_share), 0)} % of the bend) · "
        f"hip flexion {num(float(result.hip_flexion_deg), 0)}° · AKE {num(float(result.ake_deg), 0)}° ({status}) · "
        f"hamstrings {num(100 * float(result.hamstring_share), 0)} % of the hip moment "
        f"(passive {num(float(result.hamstring_passive_force_bw), 2)} × BW) · "
        f"glute max {num(100 * float(result.glute_max_share), 0)} % · lower back "
        f"{num(float(result.lumbar_extensor_moment_nm), 0)} N·m, L5-S1 compression "
        f"{num(float(result.l5s1_compression_bw), 2)} × BW (without muscle tone){hypothesis}"
    )


def reach_text(result: BendResult) -> str:
    """The reachable trunk inclination of a forward-bend result in words.

    '63°', or '≥ 130°' where the hamstrings had not stopped the hips within
    the model's search.
    """
    reach = float(result.reachable_trunk_inclination_deg)
    at_least = float(result.reachable_hip_flexion_deg) >= REACH_SEARCH_HIP_DEG - 1e-6
    return f"≥ {num(reach, 0)}°" if at_least else f"{num(reach, 0)}°"


def walk_summary_line(walk: WalkResult, current_pct: float | None = None) -> str:
    """One line with the peaks of a stride (and the values at ``current_pct``)."""
    cycle = np.asarray(walk.gait_cycle_pct)
    parts = []
    for name, label in GAIT_CURVE_LABELS.items():
        y = np.asarray(getattr(walk, name))
        i = int(np.argmax(y))
        parts.append(f"{label} peak {num(y[i], 2)} × BW at {num(cycle[i], 0)} %")
    now = ""
    if current_pct is not None:
        i = frame_index(walk, current_pct)
        values = ", ".join(
            f"{label} {num(float(np.asarray(getattr(walk, name))[i]), 2)}"
            for name, label in GAIT_CURVE_LABELS.items()
        )
        now = f" · at {num(cycle[i], 0)} % of the stride: {values} × BW"
    obliquity = np.asarray(walk.pelvic_obliquity_deg)
    pelvis = f" · pelvis dips {num(float(np.max(np.abs(obliquity))), 1)}° at most"
    cannot = "" if walk.feasible else f" · CANNOT BE WALKED: {walk.reason}"
    # As in stance: the abductors at their limit, and "drops" only where the
    # pelvis dips at least DROP_VISIBLE_DEG more than the healthy list.
    for side in ("right", "left"):
        share = 100 * float(np.mean(np.asarray(getattr(walk, f"abductors_at_capacity_{side}"))))
        if share > 0:
            extra = walk.dip_beyond_list_deg(side)
            then = (
                f"the pelvis drops {num(extra, 1)}° more than its healthy dip"
                if extra >= DROP_VISIBLE_DEG
                else f"the pelvis keeps within {num(DROP_VISIBLE_DEG, 1)}° of its healthy dip"
            )
            cannot += (
                f" · the {side} hip abductors work at 100 % for {num(share, 0)} % of the stride: "
                + then
            )
    return (
        f"Walking at {num(float(walk.inputs.speed_ms), 2)} m/s, stride {num(float(walk.stride_time_s), 2)} s: "
        + "; ".join(parts)
        + now
        + pelvis
        + cannot
    )


# --- The printable plan card ---------------------------------------------------
_CARD_CSS = """
@page { size: A4; margin: 12mm; }
* { box-sizing: border-box; }
body { font-family: "Helvetica Neue", Arial, sans-serif; color: #111; background: #fff;
       font-size: 11pt; line-height: 1.35; max-width: 190mm; margin: 0 auto; padding: 6mm; }
h1 { font-size: 18pt; margin: 0 0 2mm; }
h2 { font-size: 13pt; margin: 0 0 1.5mm; }
h3 { font-size: 10pt; margin: 2mm 0 0.5mm; text-transform: uppercase; letter-spacing: 0.04em; }
p, ul, ol { margin: 0.5mm 0 1.5mm; }
ul, ol { padding-left: 6mm; }
.schedule { font-size: 11pt; margin-bottom: 4mm; }
.card { border: 0.4mm solid #111; border-radius: 2mm; padding: 3mm 4mm; margin: 0 0 4mm;
        break-inside: avoid; page-break-inside: avoid; }
.dose { font-size: 12pt; }
.dose strong { font-size: 14pt; }
.evidence { font-size: 9pt; border-top: 0.2mm dashed #555; padding-top: 1.5mm; }
.proxy { font-weight: bold; }
table.log { border-collapse: collapse; margin: 1mm 0 3mm; break-inside: avoid; }
table.log th, table.log td { border: 0.3mm solid #111; padding: 0.8mm 2mm; text-align: center;
                             font-size: 9pt; }
table.log td { width: 9mm; height: 6mm; }
footer { font-size: 9pt; border-top: 0.4mm solid #111; padding-top: 2mm; }
@media print { body { padding: 0; } a { color: inherit; text-decoration: none; } }
"""


def _short_reference(reference: str) -> str:
    """'Youdas JW et al. (2013) Physiother ...' -> 'Youdas JW et al. (2013)'."""
    head, sep, _ = reference.partition(")")
    return head + sep if sep else reference


def _demand_text(ex: Exercise) -> str:
    item = ex.glute_med_evidence
    if item is not None:
        sd = "" if item.sd_pct_mvic is None else f" ± {item.sd_pct_mvic:g}"
        label = "Proxy: " if item.proxy else ""
        return (
            f"{label}gluteus medius about {item.mean_pct_mvic:g}{sd} % of a maximal contraction "
            f"({item.condition}; measured in: {item.task}; {_short_reference(item.reference)})."
        )
    first = ex.evidence[0] if ex.evidence else None
    if first is None:
        return "No published measurement of gluteus medius activity for this exercise."
    change = (
        ""
        if first.relative_change_pct is None
        else f" Up to {first.relative_change_pct:+g} % with a band in {first.task}."
    )
    return (
        "No published % of maximal contraction for this exercise as done here." + change + " "
        f"({_short_reference(first.reference)})"
    )


def _card_section(number: int, ex: Exercise) -> list[str]:
    """The HTML lines of one exercise's card section."""
    esc = html.escape
    dose = (
        f"{ex.sets} × {ex.reps_per_set}"
        if not ex.directions
        else f"{ex.sets} × ({' + '.join(f'{ex.reps_per_set} {d}' for d in ex.directions)})"
    )
    return [
        '<section class="card">',
        f"<h2>{number}. {esc(ex.title)}</h2>",
        f'<p class="dose"><strong>{esc(dose)}</strong> &middot; band round the '
        f"{esc(ex.band_position)} &middot; feet {esc(ex.stance_width)}</p>",
        f"<p>{esc(ex.purpose)}</p>",
        "<h3>How</h3>",
        "<ol>" + "".join(f"<li>{esc(s)}</li>" for s in (*ex.setup, *ex.steps)) + "</ol>",
        "<h3>Cues</h3>",
        "<ul>" + "".join(f"<li>{esc(c.text)}</li>" for c in ex.cues) + "</ul>",
        "<h3>Watch for</h3>",
        "<ul>"
        + "".join(f"<li>{esc(f.fault)} <em>Fix:</em> {esc(f.fix)}</li>" for f in ex.faults)
        + "</ul>",
        f'<p class="evidence">{esc(_demand_text(ex))}</p>',
        "</section>",
    ]


def _whole_schedule(weeks: int, sessions_per_week: int) -> tuple[int, int]:
    """The log's weeks and sessions per week, whole numbers checked against their declarations."""
    return check("weeks", weeks), check("sessions_per_week", sessions_per_week)


def plan_card_html(
    exercises: Iterable[str | Exercise] | None = None,
    *,
    weeks: int | None = None,
    sessions_per_week: int | None = None,
    title: str = "Glute plan: three banded exercises",
) -> str:
    """A printable one-page plan card as self-contained HTML (no images, no scripts).

    Parameters
    ----------
    exercises : iterable of str or gluteed.Exercise, optional
        Which exercises to show, in order; defaults to the three of the
        source article.
    weeks : int, optional
        Programme length, 1 to 52, for the tick-box log. [weeks]
    sessions_per_week : int, optional
        Sessions per week, 1 to 7, for the tick-box log. [1/week]
    title : str
        Heading of the card.

    Returns
    -------
    str
        A complete HTML document with inline CSS, laid out for A4 paper
        (each exercise card avoids page breaks). Open it in a browser and
        print it, or save it as PDF from the print dialog.

    Notes
    -----
    The protocols are paraphrased from the source article (Well+Good
    article quoting Natalie Sampson, DPT); the evidence lines cite the
    original studies and mark proxies. The card ends with the same
    evidence note as the training model (:data:`gluteed.exercises.EVIDENCE_NOTE`).
    """
    from .exercises import BAND_LEVEL_NOTE, EVIDENCE_NOTE, SOURCE, exercise, exercise_names

    chosen = [exercise(e) for e in (exercise_names() if exercises is None else exercises)]
    if not chosen:
        raise ValueError("exercises must name at least one exercise; got none")
    if (weeks is None) != (sessions_per_week is None):
        raise ValueError("give both weeks and sessions_per_week for the log, or neither")
    esc = html.escape
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{esc(title)}</title>",
        f"<style>{_CARD_CSS}</style>",
        "</head>",
        "<body>",
        f"<h1>{esc(title)}</h1>",
    ]
    if weeks is not None:
        weeks, sessions_per_week = _whole_schedule(weeks, sessions_per_week)
        parts.append(
            f'<p class="schedule">{sessions_per_week} session{"s" if sessions_per_week > 1 else ""}'
            f" a week for {weeks} week{'s' if weeks > 1 else ''}; each session: "
            + esc(", ".join(ex.title.lower() for ex in chosen))
            + ".</p>"
        )
    for number, ex in enumerate(chosen, start=1):
        parts += _card_section(number, ex)
    if weeks is not None:
        head = "".join(f"<th>{s}</th>" for s in range(1, sessions_per_week + 1))
        rows = "".join(
            f"<tr><th>week {w}</th>" + "<td></td>" * sessions_per_week + "</tr>"
            for w in range(1, weeks + 1)
        )
        parts += [
            "<h3>Log: tick a box after each session</h3>",
            f'<table class="log"><tr><th></th>{head}</tr>{rows}</table>',
        ]
    parts += [
        "<footer>",
        f"<p>{esc(BAND_LEVEL_NOTE)}</p>",
        f"<p>{esc(EVIDENCE_NOTE)}</p>",
        f"<p>Exercise protocols paraphrased from: {esc(SOURCE)}.</p>",
        "</footer>",
        "</body>",
        "</html>",
    ]
    return "\n".join(parts) + "\n"
