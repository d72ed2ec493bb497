"""Small timing helpers shared by the benchmark scripts (not a test)."""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from collections.abc import Callable


def median_ms(func: Callable[[], object], repeat: int = 200, warmup: int = 5) -> float:
    """Median wall time of one call, in milliseconds."""
    for _ in range(warmup):
        func()
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    return 1e3 * statistics.median(times)


def import_seconds(module: str, repeat: int = 5) -> float:
    """Median wall time of ``import module`` in a fresh interpreter, in seconds."""
    code = f"import time; t = time.perf_counter(); import {module}; print(time.perf_counter() - t)"
    runs = [
        float(
            subprocess.run(
                [sys.executable, "-c", code], capture_output=True, text=True, check=True
            ).stdout
        )
        for _ in range(repeat)
    ]
    return statistics.median(runs)


def print_table(title: str, rows: list[tuple[str, float, float, str]]) -> bool:
    """Print measured vs target; return True when every row meets its target."""
    print(f"\n{title}")
    print(f"  {'what':<48} {'measured':>12} {'target':>10}  ok")
    ok_all = True
    for what, measured, target, unit in rows:
        ok = measured <= target
        ok_all &= ok
        print(
            f"  {what:<48} {measured:>9.3f} {unit:<2} {target:>7.3f} {unit:<2} {'yes' if ok else 'NO'}"
        )
    return ok_all
