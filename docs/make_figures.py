"""Render the main figures of gluteed to PNG in this folder (``make figures``).

* ``stance-dashboard.png`` — the dashboard figure for the Duchenne compensator:
  body diagram, load share and the strength curve (the README's figure).
* ``trendelenburg-vs-duchenne.png`` — the same weak right gluteus medius,
  upright (over capacity) and leaning (the other side's lower back works).
* ``criss-cross.png`` — hip abductors and both sides of the lower back
  against gluteus medius strength, for a person who leans.
* ``bend-tight-hamstrings.png`` — a 60° forward bend of the office worker with
  tight hamstrings, and lumbar and hip flexion against the AKE deficit.
* ``walking-stride.png`` — one stride of the weak-glute patient: both glutes and
  both sides of the lower back over the gait cycle, the body at 25 %.

Each figure carries its one-line numeric summary, which is also printed.
"""

from __future__ import annotations

import sys
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

from matplotlib.figure import Figure

from gluteed import solve_bend, solve_stance, solve_walk, view
from gluteed.cases import load_case

HERE = Path(__file__).resolve().parent
DPI = 100


def dashboard_figure() -> tuple[Figure, str]:
    case = load_case("duchenne-compensator")
    result = solve_stance(case.stance_input())
    fig = Figure(figsize=(14.5, 8.0), dpi=DPI, layout="constrained")
    panels = view.draw_panels(result, fig=fig)
    fig.suptitle(case.title, fontsize=17, weight="bold")
    fig.supxlabel(panels.summary, fontsize=11.5, wrap=True)
    return fig, panels.summary


def trendelenburg_vs_duchenne() -> tuple[Figure, str]:
    fig = Figure(figsize=(16.0, 8.6), dpi=DPI, layout="constrained")
    halves = fig.subfigures(1, 2, wspace=0.02)
    lines = []
    for half, name, heading in zip(
        halves,
        ("weak-right-glute", "duchenne-compensator"),
        ("Stays upright: Trendelenburg", "Leans over the hip: Duchenne"),
        strict=True,
    ):
        result = solve_stance(load_case(name).stance_input())
        body = view.draw_body(result, half.add_subplot(), caption=False)
        half.suptitle(heading, fontsize=17, weight="bold")
        lines.append(f"{heading}: {body.summary}")
    fig.supxlabel("\n".join(lines), fontsize=10.5, wrap=True)
    return fig, " | ".join(lines)


def criss_cross() -> tuple[Figure, str]:
    case = load_case("duchenne-compensator")
    inp = case.stance_input()
    sweep = view.sweep_stance(inp)
    fig = Figure(figsize=(10, 6), dpi=DPI, layout="constrained")
    ax = fig.add_subplot()
    curve = view.draw_curve(sweep, current=solve_stance(inp), ax=ax, caption=False)
    ax.set_title(
        "Standing on the right leg and leaning: a weaker right glute,\n"
        "a harder-working left lower back",
        fontsize=15,
        loc="left",
        pad=56,
    )
    fig.supxlabel(curve.summary, fontsize=11, wrap=True)
    return fig, curve.summary


def bend_figure() -> tuple[Figure, str]:
    case = load_case("office-tight-hamstrings")
    result = solve_bend(case.bend_input(60.0))
    fig = Figure(figsize=(14.5, 7.6), dpi=DPI, layout="constrained")
    panels = view.draw_bend_panels(result, fig=fig)
    fig.suptitle(f"{case.title}: bending forward 60°", fontsize=17, weight="bold")
    fig.supxlabel(panels.summary, fontsize=11, wrap=True)
    return fig, panels.summary


def walking_figure() -> tuple[Figure, str]:
    case = load_case("weak-right-glute")
    walk = solve_walk(case.walk_input())
    fig = Figure(figsize=(14.5, 8.0), dpi=DPI, layout="constrained")
    panels = view.draw_walk_panels(walk, 25.0, fig=fig)
    fig.suptitle(f"{case.title}: one stride", fontsize=17, weight="bold")
    fig.supxlabel(panels.summary, fontsize=11, wrap=True)
    return fig, panels.summary


def main() -> int:
    for name, make in (
        ("stance-dashboard.png", dashboard_figure),
        ("trendelenburg-vs-duchenne.png", trendelenburg_vs_duchenne),
        ("criss-cross.png", criss_cross),
        ("bend-tight-hamstrings.png", bend_figure),
        ("walking-stride.png", walking_figure),
    ):
        fig, summary = make()
        path = HERE / name
        fig.savefig(path, dpi=DPI, facecolor="white")
        print(f"{path.name}: {summary}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
