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
"""

from __future__ import annotations

import itertools
import os
import sys
from dataclasses import replace

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
from _timing import median_ms, print_table
from IPython.core.pylabtools import print_figure

from gluteed import solve_stance, view
from gluteed.widgets import stance_dashboard

TARGET_MS = 30.0
SPEED_UP = 3.0


def main() -> int:
    dash = stance_dashboard("duchenne-compensator")
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
    ratio = recreated / in_place
    rows = [
        ("glute strength slider -> PNG, in place (median)", in_place, TARGET_MS, "ms"),
        ("bag slider -> PNG, curve re-solved too (median)", in_place_bag, TARGET_MS, "ms"),
        ("same change, figure re-created (interact, median)", recreated, float("inf"), "ms"),
    ]
    width, height = dash.figure.canvas.get_width_height()
    ok = print_table(f"main dashboard, {width} x {height} px PNG, {os.cpu_count()} cores", rows)
    print(f"  in place is {ratio:.1f} x faster than re-creating (target: at least {SPEED_UP:g} x)")
    print(f"  full redraws while measuring: {dash._fast.full_draws}")
    return 0 if ok and ratio >= SPEED_UP else 1


if __name__ == "__main__":
    sys.exit(main())
