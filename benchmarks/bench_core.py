"""Speed of the core model: one solve, a 10,000-scenario batch, and the import.

Run with ``make bench`` or ``python benchmarks/bench_core.py``. Prints the
median of one stance solve for every shipped case and strategy, then a
table of medians against the targets (rows for the slowest case and for
the slowest position of the strength slider a student drags, besides the
single solve); exits 1 if a target is missed.
"""

from __future__ import annotations

import dataclasses
import statistics
import sys

import numpy as np
from _timing import import_seconds, median_ms, print_table

from gluteed import StanceInput, Subject, solve_free_body, solve_stance
from gluteed.cases import list_cases, load_case
from gluteed.stance import STRATEGIES


def case_medians(repeat: int = 200) -> dict[str, float]:
    """Median time of one stance solve per shipped case and strategy. [ms]"""
    out = {}
    for name in list_cases():
        for strategy in STRATEGIES:
            inp = load_case(name).stance_input(strategy=strategy)
            out[f"{name}, {strategy}"] = median_ms(lambda inp=inp: solve_stance(inp), repeat)
    return out


def slider_medians(repeat: int = 50) -> dict[str, float]:
    """Median time of one stance solve along the strength slider of the weak patient. [ms]

    Case ``weak-right-glute``, every strategy, gluteus medius strength every 2 %.
    """
    out = {}
    for strategy in STRATEGIES:
        base = load_case("weak-right-glute").stance_input(strategy=strategy)
        for strength in range(0, 101, 2):
            inp = dataclasses.replace(base, glute_med_strength_right=float(strength))
            out[f"{strategy}, {strength} %"] = median_ms(lambda inp=inp: solve_stance(inp), repeat)
    return out


def main() -> int:
    one = StanceInput(glute_med_strength_right=45.0, bag_kg=5.0)
    cases = case_medians()
    print("\none stance solve per shipped case and strategy (median)")
    for what, ms in cases.items():
        print(f"  {what:<48} {ms:9.3f} ms")
    slowest = max(cases, key=cases.get)
    slider = slider_medians()
    worst = max(slider, key=slider.get)
    print(
        "\none stance solve along the strength slider of weak-right-glute (every 2 %): "
        f"median {statistics.median(slider.values()):.3f} ms"
    )
    rng = np.random.default_rng(0)
    n = 10_000
    batch = StanceInput(
        subject=Subject(mass_kg=rng.uniform(40, 120, n), height_m=rng.uniform(1.5, 2.0, n)),
        glute_med_strength_right=rng.uniform(0, 100, n),
        bag_kg=rng.uniform(0, 0.2, n) * 60.0,
        cane_pct_bw=rng.uniform(0, 20, n),
    )
    single_ms = median_ms(lambda: solve_stance(one), 500)
    batch_s = median_ms(lambda: solve_stance(batch), 15, 2) / 1e3
    rows = [
        ("one person-model solve (median)", single_ms, 1.0, "ms"),
        (f"slowest case: {slowest}", cases[slowest], 1.0, "ms"),
        (f"slowest slider position: {worst}", slider[worst], 1.0, "ms"),
        ("10,000 scenarios in one vectorised call (median)", batch_s, 1.0, "s"),
        (
            "one textbook free-body solve (median)",
            median_ms(lambda: solve_free_body(weight=500, weight_arm=0.1, abductor_arm=0.05), 500),
            1.0,
            "ms",
        ),
        ("import gluteed, fresh interpreter (median of 5)", import_seconds("gluteed"), 0.3, "s"),
    ]
    ok = print_table("gluteed core model", rows)
    print(
        f"  for information: one scenario of the batch takes {1e3 * batch_s / n:.3f} ms, "
        f"{single_ms * n / 1e3 / batch_s:.1f} times less than a single solve"
    )
    code = "import sys, gluteed; print('matplotlib' in sys.modules)"
    import subprocess

    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True).stdout
    print(f"  import gluteed loads matplotlib: {loaded.strip()}")
    return 0 if ok and loaded.strip() == "False" else 1


if __name__ == "__main__":
    sys.exit(main())
