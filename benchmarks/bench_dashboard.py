"""Speed of the main dashboard: one slider change, all the way to the PNG.

One change = the slider's value is set -> the observer solves the model ->
the drawn artists are updated in place -> the figure is redrawn and encoded
as the PNG that the browser receives (``ipywidgets.Image``, the default
inline path). The same figure is also produced the usual ``interact`` way,
re-created for every change and encoded as the inline backend does
(``IPython.core.pylabtools.print_figure`` with ``bbox_inches="tight"``),
side by side in the same run.

Run with ``make bench`` or ``python benchmarks/bench_dashboard.py``. Prints a
table; exits 1 if the in-place path misses 30 ms (median) or is less than 3
times faster than re-creating the figure.

``--compare-with FOLDER`` measures the same three rows again with the gluteed
in FOLDER (e.g. a checkout of the version before a change, put first on the
``PYTHONPATH``) and with this one, each in a fresh interpreter, one after the
other, ``--rounds`` times (alternating, so that a busy moment of a shared
machine does not fall on one side only), and prints every row and this
version's time as a percentage of the other's.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
from _timing import median_ms, print_table
from IPython.core.pylabtools import print_figure

import gluteed
from gluteed import solve_stance, view
from gluteed.widgets import stance_dashboard

TARGET_MS = 30.0
SPEED_UP = 3.0
#: The measured rows: key in the JSON of ``--json``, and what it measures.
ROWS = {
    "in_place": "glute strength slider -> PNG, in place (median)",
    "in_place_bag": "bag slider -> PNG, curve re-solved too (median)",
    "recreated": "same change, figure re-created (interact, median)",
}


def measure() -> dict:
    """The three medians [ms], the PNG's size [px] and the full redraws [count]."""
    dash = stance_dashboard("duchenne-compensator")
    # Every change drawn: no picture kept from a position shown before (the drag
    # below goes back and forth, and would otherwise measure kept pictures).
    dash._FRAMES_BYTES = 0
    strength = dash.controls["glute_med_strength_right_pct"]
    bag = dash.controls["bag_kg"]
    # A slider drag: neighbouring values, back and forth.
    strengths = itertools.cycle([*range(20, 61), *range(60, 20, -1)])
    bags = itertools.cycle([x / 2 for x in (*range(2, 21), *range(20, 2, -1))])

    def move_strength() -> None:
        strength.value = next(strengths)

    def move_bag() -> None:
        bag.value = next(bags)

    in_place = median_ms(move_strength, repeat=120, warmup=10)
    bag.value = 1.0  # the bag appears once (a layout change), then moves
    in_place_bag = median_ms(move_bag, repeat=60, warmup=5)
    bag.value = 0.0
    assert dash.image.value[:8] == b"\x89PNG\r\n\x1a\n"

    # The usual interact pattern: everything again, a new figure every time.
    size = tuple(dash.figure.get_size_inches())
    case_input = dash.stance_input()
    recreate_values = itertools.cycle([*range(20, 61), *range(60, 20, -1)])

    def recreate() -> bytes:
        inp = replace(case_input, glute_med_strength_right=next(recreate_values))
        result = solve_stance(inp)
        sweep = view.sweep_stance(inp)
        fig = plt.figure(figsize=size, dpi=72, layout="constrained")
        view.draw_panels(result, sweep, fig=fig)
        png = print_figure(fig, "png", bbox_inches="tight")
        plt.close(fig)
        return png

    recreated = median_ms(recreate, repeat=25, warmup=3)
    width, height = dash.figure.canvas.get_width_height()
    return {
        "in_place": in_place,
        "in_place_bag": in_place_bag,
        "recreated": recreated,
        "size_px": [width, height],
        "full_draws": dash._fast.full_draws,
        "package": str(Path(gluteed.__file__).parent),
    }


def measure_in_subprocess(root: Path) -> dict:
    """:func:`measure` in a fresh interpreter that imports the gluteed in ``root``."""
    env = dict(
        os.environ, PYTHONPATH=os.pathsep.join([str(root), os.environ.get("PYTHONPATH", "")])
    )
    done = subprocess.run(
        [sys.executable, str(Path(__file__).resolve()), "--json"],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    data = json.loads(done.stdout.splitlines()[-1])
    if Path(data["package"]).resolve() != (root / "gluteed").resolve():
        raise RuntimeError(f"the benchmark in {root} imported gluteed from {data['package']}")
    return data


def compare(folder: str, rounds: int) -> None:
    """Every row of ``rounds`` alternating runs of the gluteed in ``folder`` and this one."""
    roots = {
        "--compare-with": Path(folder).resolve(),
        "this version": Path(gluteed.__file__).resolve().parents[1],
    }
    runs: dict[str, list[dict]] = {label: [] for label in roots}
    for _ in range(rounds):
        for label, root in roots.items():
            runs[label].append(measure_in_subprocess(root))
    print(f"\nbefore and after, each in a fresh interpreter, {rounds} round(s) [ms, median]")
    for label, root in roots.items():
        print(f"  {label}: {root}")
    print(
        f"  {'what':<50} {'round':>5} {'--compare-with':>15} {'this version':>13} {'this/other':>11}"
    )
    for key, what in ROWS.items():
        for i, (old, new) in enumerate(zip(*runs.values(), strict=True), start=1):
            change = 100.0 * new[key] / old[key]
            print(
                f"  {what:<50} {i:>5} {old[key]:>12.2f} ms {new[key]:>10.2f} ms {change:>10.0f} %"
            )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--compare-with",
        metavar="FOLDER",
        help="also measure the gluteed package in FOLDER (e.g. a checkout of the previous "
        "version), put first on the PYTHONPATH of a fresh interpreter",
    )
    parser.add_argument(
        "--rounds", type=int, default=1, help="alternating runs of both with --compare-with"
    )
    parser.add_argument("--json", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.json:  # one measurement for --compare-with, as a JSON line
        print(json.dumps(measure()))
        return 0
    if args.rounds < 1:
        parser.error(f"--rounds must be at least 1; got {args.rounds}")
    data = measure()
    ratio = data["recreated"] / data["in_place"]
    targets = {"in_place": TARGET_MS, "in_place_bag": TARGET_MS, "recreated": float("inf")}
    rows = [(what, data[key], targets[key], "ms") for key, what in ROWS.items()]
    width, height = data["size_px"]
    ok = print_table(f"main dashboard, {width} x {height} px PNG, {os.cpu_count()} cores", rows)
    print(f"  in place is {ratio:.1f} x faster than re-creating (target: at least {SPEED_UP:g} x)")
    print(f"  full redraws while measuring: {data['full_draws']}")
    if args.compare_with:
        compare(args.compare_with, args.rounds)
    return 0 if ok and ratio >= SPEED_UP else 1


if __name__ == "__main__":
    sys.exit(main())
