"""Does the stance solver finish every scenario of the accepted input space?

Solves N seeded random scenarios (default 160,000, in batches) drawn over the
whole accepted input space and counts: converged and held, converged and not
feasible (with a reason), and not converged (which the result must flag).
Also checks that no number in the results is infinite or NaN and that no
activation exceeds 100 %. Prints a table; exits 1 if any scenario is
unflagged. ``python benchmarks/stance_convergence.py 20000`` runs a smaller one (not part of
``make bench``: the full run takes minutes).
"""

from __future__ import annotations

import sys
import time

import numpy as np

from gluteed import StanceInput, Subject, solve_stance
from gluteed.stance import ACTIVATION_FIELDS as _ACTIVATIONS


def _batch(n: int, rng: np.random.Generator) -> StanceInput:
    mass = rng.uniform(30, 200, n)
    return StanceInput(
        subject=Subject(mass_kg=mass, height_m=rng.uniform(1.2, 2.2, n)),
        glute_med_strength_right=rng.uniform(0, 100, n),
        glute_med_availability=rng.uniform(0, 1, n),
        bag_kg=rng.uniform(0, 0.3, n) * np.minimum(mass, 133.0),
        bag_side=str(rng.choice(["same", "opposite"])),
        cane_pct_bw=rng.uniform(0, 30, n),
        vertical_load_factor=rng.uniform(0, 3, n),
        lateral_acceleration_ms2=rng.uniform(-3, 3, n),
        lean_tolerance_deg=rng.uniform(0.5, 30, n),
        drop_tolerance_deg=rng.uniform(0.5, 10, n),
        activation_exponent=rng.uniform(2, 4, n),
    )


def main(total: int = 160_000, batch: int = 10_000) -> int:
    rng = np.random.default_rng(2026)
    counts = {"held": 0, "cannot be held (reason given)": 0, "not converged (flagged)": 0}
    unflagged = bad_numbers = over = 0
    start = time.perf_counter()
    for _ in range(total // batch):
        r = solve_stance(_batch(batch, rng))
        converged, feasible = np.asarray(r.converged), np.asarray(r.feasible)
        counts["held"] += int(np.sum(converged & feasible))
        counts["cannot be held (reason given)"] += int(np.sum(converged & ~feasible))
        counts["not converged (flagged)"] += int(np.sum(~converged))
        unflagged += int(np.sum(~converged & feasible))
        unflagged += int(np.sum(~feasible & (np.char.str_len(np.asarray(r.reason)) == 0)))
        numbers = r.to_dict()
        for value in numbers.values():
            arr = np.asarray(value)
            if arr.dtype.kind == "f" and not np.all(np.isfinite(arr)):
                bad_numbers += 1
        over += sum(int(np.sum(np.asarray(getattr(r, a)) > 100 + 1e-9)) for a in _ACTIVATIONS)
    seconds = time.perf_counter() - start
    print(f"\nstance solver over {total:,} random scenarios ({seconds:.0f} s)")
    for what, n in counts.items():
        print(f"  {what:<34} {n:>8,}")
    print(f"  {'unflagged failures':<34} {unflagged:>8,}")
    print(f"  {'non-finite outputs':<34} {bad_numbers:>8,}")
    print(f"  {'activations above 100 %':<34} {over:>8,}")
    return 0 if unflagged == bad_numbers == over == 0 else 1


if __name__ == "__main__":
    sys.exit(main(int(sys.argv[1])) if len(sys.argv) > 1 else main())
