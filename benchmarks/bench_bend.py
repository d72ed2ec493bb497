"""Speed of the forward-bend model: one solve and a 91-point inclination sweep.

Run with ``make bench`` or ``python benchmarks/bench_bend.py``. Prints a
table of medians against the targets; exits 1 if a target is missed.
"""

from __future__ import annotations

import itertools
import sys

import numpy as np
from _timing import median_ms, print_table

from gluteed import BendInput, solve_bend


def main() -> int:
    one = BendInput(trunk_inclination_deg=60.0, ake_deg=30.0)
    sweep = BendInput(trunk_inclination_deg=np.linspace(0.0, 90.0, 91), ake_deg=30.0)
    hypothesis = BendInput(
        trunk_inclination_deg=np.linspace(0.0, 90.0, 91), slr_deg=60.0, glute_inhibition=True
    )
    # A new person each time: the reachable bend is solved, not remembered.
    people = itertools.cycle(np.linspace(0.0, 90.0, 9001))

    def new_person():
        return solve_bend(BendInput(trunk_inclination_deg=60.0, ake_deg=next(people)))

    rows = [
        ("one bend solve (median)", median_ms(lambda: solve_bend(one), 500), 1.0, "ms"),
        ("one bend solve, a new person each time", median_ms(new_person, 500), 2.0, "ms"),
        (
            "91-point sweep, inclination 0-90 deg (median)",
            median_ms(lambda: solve_bend(sweep), 200),
            20.0,
            "ms",
        ),
        (
            "same sweep from an SLR value, hypothesis on",
            median_ms(lambda: solve_bend(hypothesis), 200),
            20.0,
            "ms",
        ),
    ]
    ok = print_table("gluteed forward bend (hamstrings)", rows)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
