"""Pages that never connect: do the teaching server's kernels and memory come back?

Issue 15's check, with the real settings of ``make app`` (idle kernels culled after
90 s, checked every 30 s; two preheated kernels; the kernel cap sized from the memory):
start the teaching server on 127.0.0.1 with a token, let it settle, then fire
``--gets`` plain page requests (GET with the token, 10 at a time) that never open the
kernel's websocket, the way an ``<img>`` tag on some web page would. Each one makes the
server start a kernel and run the dashboard in it. Then wait ``--linger`` seconds
(3 minutes) and report, against the idle server:

- kernels: running before, after the requests, and at the end (the preheated ones
  included);
- server RSS: the resident memory of the Voilà server process alone [MB];
- tree PSS: the proportional set size of the server and all its kernels, added up
  [MB] (PSS shares a library's pages among the processes that map it, so the sum is
  what the process tree takes from the machine; a sum of RSS would count those pages
  once per kernel);
- the same two figures every ``--every`` seconds while the kernels are culled.

The aim (issue 15): no more kernels than the pool plus the cap, and both figures within
20 % of idle 3 minutes after the requests. Run it with
``python benchmarks/bench_leftovers.py`` (about 5 minutes).
"""

from __future__ import annotations

import argparse
import signal
import sys
import threading
import time
from pathlib import Path

from _server import ROOT, Server, start_teaching_server, stop_on_signal

#: The most the memory may stay above the idle server's, 3 minutes after the requests.
AIM_FRACTION = 0.20


def fire_gets(server: Server, count: int, at_once: int = 10) -> dict[int, int]:
    """``count`` page requests, ``at_once`` at a time; how many got each HTTP status."""
    import urllib.error
    import urllib.request

    codes: dict[int, int] = {}
    lock = threading.Lock()

    def get() -> None:
        try:
            with urllib.request.urlopen(server.page_url(), timeout=300) as response:
                response.read()
                code = response.status
        except urllib.error.HTTPError as err:
            code = err.code
        except OSError:
            code = 0
        with lock:
            codes[code] = codes.get(code, 0) + 1

    sent = 0
    while sent < count:
        threads = [threading.Thread(target=get) for _ in range(min(at_once, count - sent))]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        sent += len(threads)
    return codes


def snapshot(server: Server) -> tuple[int, float, float]:
    """(kernels, server RSS [MB], tree PSS [MB])"""
    return len(server.kernels()), server.server_rss_mb(), server.memory_mb()


def measure(server: Server, gets: int, linger_s: float, every_s: float, pool: int):
    """Print the memory of the idle server, after the requests, and while culling."""
    server.wait_for_pool(pool)
    time.sleep(5)  # the last preheated kernel's start-up garbage is collected
    idle = snapshot(server)
    print(f"{'':>10}  {'kernels':>7}  {'server RSS [MB]':>15}  {'tree PSS [MB]':>13}")

    def line(label: str, kernels: int, rss: float, pss: float) -> None:
        print(
            f"{label:>10}  {kernels:>7}  {rss:>7.0f} ({rss / idle[1] - 1:+4.0%})"
            f"  {pss:>5.0f} ({pss / idle[2] - 1:+4.0%})",
            flush=True,
        )

    line("idle", *idle)
    start = time.monotonic()
    codes = fire_gets(server, gets)
    done = time.monotonic()
    line(f"{gets} GETs", *snapshot(server))
    while (elapsed := time.monotonic() - done) < linger_s:
        time.sleep(min(every_s, linger_s - elapsed))
        line(f"+{time.monotonic() - done:.0f} s", *snapshot(server))
    end = snapshot(server)
    print(
        f"\n{gets} GETs in {done - start:.0f} s, answers {dict(sorted(codes.items()))}; "
        f"{linger_s:.0f} s later: {end[0]} kernels (pool {pool}), server RSS "
        f"{end[1]:.0f} MB against {idle[1]:.0f} MB idle ({end[1] / idle[1] - 1:+.0%}), "
        f"tree PSS {end[2]:.0f} MB against {idle[2]:.0f} MB idle ({end[2] / idle[2] - 1:+.0%})."
    )
    within = all(
        after <= (1 + AIM_FRACTION) * before
        for before, after in zip(idle[1:], end[1:], strict=True)
    )
    print(f"Within {AIM_FRACTION:.0%} of idle: {'yes' if within else 'NO'}.")
    return idle, end


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gets", type=int, default=50, help="page requests")
    parser.add_argument("--linger", type=float, default=180.0, help="wait after them [s]")
    parser.add_argument("--every", type=float, default=15.0, help="print every [s]")
    parser.add_argument("--pool", type=int, default=2, help="preheated kernels")
    parser.add_argument("--workdir", type=Path, default=ROOT / "test-artifacts" / "leftovers")
    args = parser.parse_args(argv)
    signal.signal(signal.SIGTERM, stop_on_signal)
    print(
        f"{args.gets} page requests that never open a websocket, against the teaching "
        f"server with make app's settings ({args.pool} preheated kernels)."
    )
    server = start_teaching_server(args.workdir, pool=args.pool)
    try:
        measure(server, args.gets, args.linger, args.every, args.pool)
    finally:
        server.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
