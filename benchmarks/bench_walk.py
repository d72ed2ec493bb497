"""Speed of the walking model: one whole stride, both sides.

Run with ``make bench`` or ``python benchmarks/bench_walk.py``. Prints a
table of medians against the target; exits 1 if it is missed. The rows
without a target show what the pelvis element costs when the abductors run
out of capacity (it integrates the stride in time).
"""

from __future__ import annotations

import sys

from _timing import median_ms, print_table

from gluteed import WalkInput, solve_walk


def main() -> int:
    default = WalkInput()
    rows = [
        ("one stride, 101 frames, default adult (median)", median_ms(lambda: solve_walk(default), 50), 50.0, "ms"),
    ]  # fmt: skip
    ok = print_table("gluteed walking model", rows)
    extra = {
        "one stride, 1001 frames, default adult": WalkInput(frames=1001),
        "one stride, 101 frames, right glute med 5 %": WalkInput(glute_med_strength_right=5.0),
        "one stride, 101 frames, right glute med 0 %": WalkInput(glute_med_strength_right=0.0),
    }
    print("  for information (no target):")
    for what, inp in extra.items():
        print(f"  {what:<48} {median_ms(lambda inp=inp: solve_walk(inp), 10, 1):>9.3f} ms")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
