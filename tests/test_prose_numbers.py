"""The numbers that the teacher notes and the docs quote are the model's.

Each check formats a sentence or a table row of a page with what the model
computes now and looks for it in the page (whitespace and line breaks
aside). When the model moves, the test names the page to update: a lecturer
who reads 1.54 x BW in the notes while the dashboard shows 1.48 stops
trusting both.
"""

import pathlib
import re

import numpy as np
import pytest

from gluteed import (
    Programme,
    StanceInput,
    Subject,
    simulate_training,
    solve_bend,
    solve_stance,
    solve_walk,
)
from gluteed.text import reach_text

ROOT = pathlib.Path(__file__).parent.parent
WOMAN = Subject(mass_kg=64.0, height_m=1.66, sex="female")


def _page(name: str) -> str:
    """The page with every run of whitespace as one space."""
    return re.sub(r"\s+", " ", (ROOT / name).read_text(encoding="utf-8"))


def _quoted(name: str, *lines: str) -> None:
    page = _page(name)
    for line in lines:
        assert re.sub(r"\s+", " ", line) in page, f"{name} should say: {line}"


def _bw(x) -> str:
    return f"{float(x):.2f} × BW"


def test_first_look_of_the_start_page():
    full, weak = solve_stance(), solve_stance(glute_med_strength_right=25.0)
    _quoted(
        "teacher-notes/00_start_here.md",
        f"| right gluteus medius activation | {float(full.glute_med_activation_pct):.0f} % "
        f"| {float(weak.glute_med_activation_pct):.0f} % (gluteus minimus and TFL "
        f"{float(weak.glute_min_tfl_activation_pct):.0f} %)",
        f"| right hip abductors | {_bw(full.abductor_force_bw)} | {_bw(weak.abductor_force_bw)} |",
        f"| trunk lean toward the right | {float(full.trunk_lean_deg):.1f}° "
        f"| {float(weak.trunk_lean_deg):.1f}° |",
        f"| left lower back | {_bw(full.lumbar_left_force_bw)} | {_bw(weak.lumbar_left_force_bw)} |",
        f"| right hip joint | {_bw(full.hip_contact_force_bw)} | {_bw(weak.hip_contact_force_bw)} |",
    )


def test_bags_and_cane_of_the_stance_notes():
    rows = {
        "nothing in the hands": {},
        "10 kg bag, left (other) hand": {"bag_kg": 10.0},
        "10 kg bag, right (same) hand": {"bag_kg": 10.0, "bag_side": "same"},
        "cane 15 % BW, left hand": {"cane_pct_bw": 15.0},
    }
    alone = float(solve_stance().hip_contact_force_bw)
    lines = []
    for label, kwargs in rows.items():
        r = solve_stance(**kwargs)
        hip = _bw(r.hip_contact_force_bw)
        if "cane_pct_bw" in kwargs:
            hip += f" ({100 * float(r.hip_contact_force_bw) / alone:.0f} %)"
        lines.append(
            f"| {label} | {_bw(r.abductor_force_bw)} | {hip} | {_bw(r.lumbar_left_force_bw)} "
            f"| {_bw(r.lumbar_right_force_bw)} |"
        )
    _quoted("teacher-notes/01_single_leg_stance.md", *lines)


def test_the_upright_trendelenburg_numbers():
    woman = solve_stance(subject=WOMAN, glute_med_strength_right=26.0, strategy="upright")
    zero = solve_stance(subject=WOMAN, glute_med_strength_right=0.0, strategy="upright")
    _quoted(
        "docs/model.md",
        f"the left side of the pelvis **drops {float(woman.pelvic_drop_deg):.1f}°** until the "
        f"stretched tissue holds {float(woman.hip_passive_moment_nm):.0f} N·m; hip force "
        f"{_bw(woman.hip_contact_force_bw)}",
        f"about {float(zero.hip_unsupported_moment_nm):.0f} N·m are missing",
    )
    first = solve_stance(glute_med_strength_right=27.8, strategy="upright")
    at_27 = solve_stance(glute_med_strength_right=27.0, strategy="upright")
    assert (
        float(solve_stance(glute_med_strength_right=27.9, strategy="upright").pelvic_drop_deg) == 0
    )
    _quoted(
        "teacher-notes/02_weak_glute_med.md",
        f"**drops at once** by about {float(first.pelvic_drop_deg):.0f}° (27.8 %; "
        f"{float(at_27.pelvic_drop_deg):.0f}° at 27 %)",
    )


@pytest.mark.parametrize(
    ("page", "row"),
    [
        ("teacher-notes/03_tight_hamstrings.md", "| {inc}° | {ake} | {lum}° ({share}) / {hip}° "
         "| {total} N·m ({passive} N·m) | {es} | {comp} |"),
        ("docs/hamstrings.md", "| {inc}° | {ake} | {lum}° / {hip}° | {total} / {passive} N·m "
         "| {es} | {comp} |"),
    ],
)  # fmt: skip
def test_the_bend_tables(page, row):
    lines = []
    for inc, ake, label in ((60, 18, "normal"), (60, 45, "tight"), (90, 18, "normal")):
        r = solve_bend(trunk_inclination_deg=float(inc), ake_deg=float(ake))
        lines.append(
            row.format(
                inc=inc,
                ake=f"{ake}° ({label})",
                lum=f"{float(r.lumbar_flexion_deg):.0f}",
                share=f"{100 * float(r.lumbar_share):.0f} %",
                hip=f"{float(r.hip_flexion_deg):.0f}",
                total=f"{float(r.lumbar_extensor_moment_nm):.0f}",
                passive=f"{float(r.lumbar_passive_moment_nm):.0f}",
                es=f"{float(r.erector_spinae_force_n):.0f} N",
                comp=_bw(r.l5s1_compression_bw),
            )
        )
    _quoted(page, *lines)


def test_how_far_each_hamstring_length_lets_a_man_bend():
    akes = (0.0, 23.0, 33.0, 45.0, 60.0, 80.0, 90.0)
    reach = [solve_bend(ake_deg=a) for a in akes]
    deepest = " | ".join(reach_text(r) for r in reach)
    hips = [f"{float(r.reachable_hip_flexion_deg):.0f}°" for r in reach[1:]]
    _quoted(
        "teacher-notes/03_tight_hamstrings.md",
        f"| deepest bend | {deepest} |",
        f"| hips stopped at | (not by 90°) | {' | '.join(hips)} |",
    )
    _quoted("docs/hamstrings.md", f"| reachable trunk inclination | {deepest} |")


def test_the_walking_tables():
    notes, docs = [], []
    for strength in (100.0, 30.0, 22.0, 20.0, 16.0, 12.0):
        w = solve_walk(glute_med_strength_right=strength)
        single = w.support == "right"
        back = _bw(np.max(w.lumbar_left_force_bw[single]))
        drop = f"{float(np.max(w.pelvic_obliquity_deg[single])):.1f}°"
        docs.append(f"| {strength:.0f} % | {back} | {drop}")
        if strength in (22.0, 20.0):
            dips = f"{float(np.max(np.abs(w.pelvic_obliquity_deg))):.1f}°"
            notes.append(f"| {strength:.0f} % | {dips}")
            notes.append(f"| {_bw(np.max(w.lumbar_left_force_bw))} | yes |")
    for speed in (0.7, 1.1, 1.6):
        w = solve_walk(speed_ms=speed)
        notes.append(
            f"| {speed} m/s | {float(w.stride_time_s):.2f} s "
            f"| {float(w.cadence_steps_per_min):.0f} steps/min "
            f"| {_bw(np.max(w.hip_contact_force_right_bw))} | {_bw(np.max(w.lumbar_left_force_bw))} |"
        )
    _quoted("docs/walking.md", *docs)
    _quoted("teacher-notes/04_walking.md", *notes)


def test_the_training_variants():
    def back(start, strategy):
        r = simulate_training(
            Programme(weeks=12, sessions_per_week=3, start_strength_pct=start),
            stance=StanceInput(strategy=strategy),
        )
        b = np.asarray(r.stance.lumbar_contralateral_force_bw)
        return f"{b[0]:.3f} → {b[-1]:.3f} × BW ({100 * (b[-1] / b[0] - 1):.0f} %)".replace("-", "−")

    _quoted(
        "teacher-notes/05_exercises.md",
        f"left lower back {back(69.0, 'balanced')}",
        f"*lean*: {back(69.0, 'lean')}",
    )
