"""A whole class on one teaching server: how many students before the dashboard lags?

Starts the teaching server exactly as ``make app`` does (Voilà with
``teaching/voila.py``: token, preheated kernels, idle culling, kernel cap) on
127.0.0.1 and a free port, lets N simulated students arrive over ``--arrival``
seconds, open the dashboard and move the stance-side glute med slider every ~2 s until
``--seconds`` after the last one is in, and prints a table per class size:

- time to interactive: from asking for the page to the first new figure that answers
  a slider move (p50, p95) [s];
- slider -> figure: from sending a slider value to receiving the new figure (p50, p95)
  [s], once the whole class is in; and its p95 while others are still arriving (their
  kernels starting take the same cores);
- errors: pages refused or failed, figures that did not come within 10 s;
- server memory per student: the server's process tree (kernels included, PSS) under
  load, less the idle server, over N [MB];
- kernels left ``--linger`` seconds after the students leave (the preheated ones
  included).

Two kinds of student:

``protocol`` (default)
    An asyncio client that speaks what the page speaks: it loads the page over HTTP
    (the kernel runs the notebook), opens the kernel's websocket, asks for the widget
    states and sends slider values as ipywidgets ``update`` messages, timing the
    figure's ``update`` that comes back. No browser work is measured, so this is the
    server's share of what a student waits for; 30 of them fit on a 2-core machine
    beside the server. Leaving = closing the websocket (the kernel is then culled).
``browser``
    Headless Chromium pages through Playwright: one browser, one context per student,
    keys pressed on the slider, times from the page's own clock. Closer to a person,
    but 2 cores cannot run 30 such pages and the server together; use it for small N.

Run the full benchmark (about 20 minutes) with ``make bench-class`` or
``python benchmarks/bench_class.py``; ``--students 5 --seconds 30 --linger 0`` for a
quick look. ``--tti`` measures, in Chromium, the time to interactive of one student
on an idle server: cold (no preheated kernel) and warm (preheated).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import random
import re
import signal
import statistics
import sys
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import psutil
from _server import ROOT, Server, start_teaching_server, stop_on_signal

#: The slider a student moves: the stance-side glute med, found by its label.
GLUTE_LABEL = re.compile(r"right.*glute\s*med|glute\s*med.*right", re.IGNORECASE)
#: The aim for a slider move, all the way to the new figure. [s]
TARGET_P95_S = 0.5
FIGURE_TIMEOUT_S = 10.0
#: Jupyter Server's websocket protocol: every message binary, lengths up front.
WS_PROTOCOL = "v1.kernel.websocket.jupyter.org"
#: ipywidgets' control-comm protocol (asking the kernel for all widget states).
CONTROL_PROTOCOL = "1.0.0"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run"]


# ------------------------------------------------------------------ students ---
def _message(msg_type: str, content: dict, session: str, metadata: dict | None = None) -> dict:
    return {
        "header": {
            "msg_id": uuid.uuid4().hex,
            "msg_type": msg_type,
            "username": "student",
            "session": session,
            "date": time.strftime("%Y-%m-%dT%H:%M:%S.000000Z", time.gmtime()),
            "version": "5.3",
        },
        "parent_header": {},
        "metadata": metadata or {},
        "content": content,
        "channel": "shell",
        "buffers": [],
    }


@dataclass
class StudentResult:
    tti_s: float | None = None
    #: (when the move was made, on the monotonic clock [s]; slider -> figure [s])
    moves: list[tuple[float, float]] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


@dataclass
class Lesson:
    """The class's shared clock: everyone is in once each student's page has opened (or
    failed); then the students keep moving sliders for ``seconds``."""

    students: int
    seconds: float
    opened: int = 0
    all_in: float | None = None

    def arrived(self) -> None:
        self.opened += 1
        if self.opened == self.students:
            self.all_in = time.monotonic()

    def over(self) -> bool:
        return self.all_in is not None and time.monotonic() > self.all_in + self.seconds


class Student:
    """One student: opens the page (the time to interactive ends with the first new
    figure), then moves the slider every ~2 s until the lesson is over, timing each move.
    The kinds of student differ in how they open the page, move and leave."""

    def __init__(self, server: Server, seed: int) -> None:
        self.server = server
        self.rng = random.Random(seed)
        self.result = StudentResult()

    async def open(self) -> None:
        """Open the page and move the slider once, up to the new figure."""
        raise NotImplementedError

    async def move(self) -> float:
        """Move the slider; the seconds until the new figure arrives."""
        raise NotImplementedError

    async def leave(self) -> None:
        raise NotImplementedError

    def describe(self, err: Exception) -> str:
        return repr(err)

    def gives_up(self, err: Exception) -> bool:
        """Whether a failed move ends this student's lesson."""
        return False

    async def run(self, lesson: Lesson, every_s: float = 2.0) -> StudentResult:
        start = time.monotonic()
        try:
            await self.open()
            self.result.tti_s = time.monotonic() - start
        except Exception as err:  # a refused or broken page is a result, not a crash
            self.result.errors.append(f"open: {self.describe(err)}")
            return self.result
        finally:
            lesson.arrived()
        while not lesson.over():
            await asyncio.sleep(max(0.0, every_s + self.rng.uniform(-0.5, 0.5)))
            try:
                when = time.monotonic()
                self.result.moves.append((when, await self.move()))
            except Exception as err:
                self.result.errors.append(f"move: {self.describe(err)}")
                if self.gives_up(err):
                    break
        return self.result


# --------------------------------------------------------- protocol student ---
class ProtocolStudent(Student):
    """One student's page, spoken over HTTP and the kernel's websocket."""

    def __init__(self, server: Server, seed: int) -> None:
        super().__init__(server, seed)
        self.session = uuid.uuid4().hex
        self.ws = None

    async def open(self) -> None:
        from tornado.httpclient import AsyncHTTPClient, HTTPRequest
        from tornado.websocket import websocket_connect

        # Tornado's client queues past 10 requests at once; a class asks all together.
        client = AsyncHTTPClient(max_clients=1000)
        request = HTTPRequest(self.server.page_url(), connect_timeout=300, request_timeout=300)
        response = await client.fetch(request, raise_error=False)
        if response.code != 200:
            raise RuntimeError(f"page answered {response.code}")
        match = re.search(rb'"kernelId":\s*"([0-9a-f-]+)"', response.body)
        if not match:
            raise RuntimeError("no kernel id in the page")
        kernel_id = match[1].decode()
        ws_url = (
            f"ws://127.0.0.1:{self.server.port}/api/kernels/{kernel_id}/channels"
            f"?session_id={self.session}&token={self.server.token}"
        )
        self.ws = await websocket_connect(
            ws_url, max_message_size=64 * 2**20, subprotocols=[WS_PROTOCOL]
        )
        states = await self._widget_states()
        self.slider_id, self.slider = self._glute_slider(states)
        self.image_ids = {k for k, v in states.items() if v["model_name"] == "ImageModel"}
        if not self.image_ids:
            raise RuntimeError("no figure (ImageModel) among the widgets")
        self.value = float(self.slider["value"])
        await self.move()

    async def _send(self, msg_type: str, content: dict, metadata: dict | None = None) -> str:
        from jupyter_server.services.kernels.connection.base import serialize_msg_to_ws_v1

        message = _message(msg_type, content, self.session, metadata)
        packed = serialize_msg_to_ws_v1(
            message, "shell", pack=lambda part: json.dumps(part).encode()
        )
        await self.ws.write_message(packed, binary=True)
        return message["header"]["msg_id"]

    async def _receive(self, timeout: float) -> dict:
        from jupyter_server.services.kernels.connection.base import deserialize_msg_from_ws_v1

        raw = await asyncio.wait_for(self.ws.read_message(), timeout)
        if raw is None:
            raise RuntimeError("the kernel's websocket closed")
        channel, parts = deserialize_msg_from_ws_v1(raw)
        header, parent, metadata, content = (json.loads(part) for part in parts[:4])
        return {
            "channel": channel,
            "msg_type": header.get("msg_type"),
            "header": header,
            "parent_header": parent,
            "metadata": metadata,
            "content": content,
        }

    async def _widget_states(self) -> dict:
        comm_id = uuid.uuid4().hex
        opened = await self._send(
            "comm_open",
            {"comm_id": comm_id, "target_name": "jupyter.widget.control", "data": {}},
            {"version": CONTROL_PROTOCOL},
        )
        deadline = time.monotonic() + 60
        # The kernel may handle shell messages concurrently: ask once the comm is open.
        while True:
            msg = await self._receive(deadline - time.monotonic())
            if (
                msg.get("msg_type") == "status"
                and msg.get("parent_header", {}).get("msg_id") == opened
                and msg["content"].get("execution_state") == "idle"
            ):
                break
        await self._send("comm_msg", {"comm_id": comm_id, "data": {"method": "request_states"}})
        while time.monotonic() < deadline:
            msg = await self._receive(deadline - time.monotonic())
            data = msg.get("content", {}).get("data", {})
            if msg.get("msg_type") == "comm_msg" and data.get("method") == "update_states":
                return {
                    model_id: {"model_name": s["model_name"], **s["state"]}
                    for model_id, s in data["states"].items()
                }
        raise RuntimeError("the kernel sent no widget states")

    @staticmethod
    def _glute_slider(states: dict) -> tuple[str, dict]:
        sliders = {k: v for k, v in states.items() if v["model_name"] == "FloatSliderModel"}
        for model_id, state in sliders.items():
            if GLUTE_LABEL.search(state.get("description", "")):
                return model_id, state
        raise RuntimeError(
            f"no glute med slider among {[s.get('description') for s in sliders.values()]}"
        )

    def _next_value(self) -> float:
        low, high = float(self.slider["min"]), float(self.slider["max"])
        step = 10.0 if self.value - 10.0 < low else -10.0
        if self.value + step > high:
            step = -step
        return min(high, max(low, self.value + step))

    async def move(self) -> float:
        """Send a new slider value; the seconds until the new figure arrives."""
        self.value = self._next_value()
        start = time.monotonic()
        sent = await self._send(
            "comm_msg",
            {
                "comm_id": self.slider_id,
                "data": {"method": "update", "state": {"value": self.value}, "buffer_paths": []},
            },
        )
        deadline = start + FIGURE_TIMEOUT_S
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise TimeoutError(f"no new figure within {FIGURE_TIMEOUT_S:.0f} s")
            msg = await self._receive(remaining)
            content = msg.get("content", {})
            if (
                msg.get("msg_type") == "comm_msg"
                and msg.get("parent_header", {}).get("msg_id") == sent
                and content.get("comm_id") in self.image_ids
                and content.get("data", {}).get("method") == "update"
            ):
                return time.monotonic() - start

    def gives_up(self, err: Exception) -> bool:
        return self.ws is None or isinstance(err, RuntimeError)

    async def leave(self) -> None:
        if self.ws is not None:
            self.ws.close()


# ---------------------------------------------------------- browser student ---
FIGURE_PROBE = """
(() => {
  const probe = { keys: [], figures: [] };
  window.__classProbe = probe;
  window.addEventListener('keydown', () => probe.keys.push(performance.now()), true);
  document.addEventListener('load', event => {
    const img = event.target;
    if (img.tagName === 'IMG' && img.classList.contains('widget-image')) {
      probe.figures.push(performance.now());
    }
  }, true);
})();
"""


class BrowserStudent(Student):
    """One student's page in a headless Chromium context."""

    def __init__(self, server: Server, browser, seed: int) -> None:
        super().__init__(server, seed)
        self.browser = browser
        self.context = None

    async def _press(self, page, handle, key: str) -> float:
        figures = await page.evaluate("() => window.__classProbe.figures.length")
        await handle.press(key)
        await page.wait_for_function(
            "n => window.__classProbe.figures.length > n",
            arg=figures,
            timeout=FIGURE_TIMEOUT_S * 1000,
        )
        ms = await page.evaluate(
            "f => window.__classProbe.figures[f] - window.__classProbe.keys.at(-1)", figures
        )
        return ms / 1000

    async def _handle(self, page):
        labels = await page.locator(".widget-slider .widget-label").all_inner_texts()
        for index, label in enumerate(labels):
            if GLUTE_LABEL.search(label):
                return page.locator(".widget-slider").nth(index).locator(".noUi-handle")
        raise RuntimeError(f"no glute med slider among {labels}")

    async def _key(self, handle) -> str:
        value = float(await handle.get_attribute("aria-valuenow"))
        low = float(await handle.get_attribute("aria-valuemin"))
        return "PageUp" if value - 5 <= low else "PageDown"

    async def open(self) -> None:
        self.context = await self.browser.new_context(viewport={"width": 1280, "height": 1000})
        await self.context.add_init_script(FIGURE_PROBE)
        self.page = await self.context.new_page()
        response = await self.page.goto(self.server.page_url(), timeout=300_000)
        if response is None or response.status != 200:
            raise RuntimeError(f"page answered {response and response.status}")
        await self.page.wait_for_selector("img.widget-image", timeout=300_000)
        self.handle = await self._handle(self.page)
        await self.move()

    async def move(self) -> float:
        return await self._press(self.page, self.handle, await self._key(self.handle))

    def describe(self, err: Exception) -> str:
        return str(err).splitlines()[0]

    async def leave(self) -> None:
        if self.context is not None:
            for page in self.context.pages:
                with contextlib.suppress(Exception):
                    await page.close(run_before_unload=True)
            await asyncio.sleep(0.5)
            await self.context.close()


# -------------------------------------------------------------------- class ---
@dataclass
class ClassResult:
    students: int
    client: str
    tti_s: list[float]
    #: slider -> figure once every student is in [s]
    moves_s: list[float]
    #: slider -> figure while other students are still arriving [s]
    arrival_moves_s: list[float]
    errors: list[str]
    memory_per_student_mb: float
    kernels_left: int
    pool: int
    linger_s: float

    @staticmethod
    def _pct(values: list[float], q: float) -> float:
        if not values:
            return float("nan")
        ordered = sorted(values)
        return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]

    def row(self) -> list[str]:
        p = self._pct
        return [
            str(self.students),
            self.client,
            f"{p(self.tti_s, 0.5):.1f} / {p(self.tti_s, 0.95):.1f}",
            f"{p(self.moves_s, 0.5):.2f} / {p(self.moves_s, 0.95):.2f}",
            str(len(self.moves_s)),
            f"{p(self.arrival_moves_s, 0.95):.2f} ({len(self.arrival_moves_s)})",
            str(len(self.errors)),
            f"{self.memory_per_student_mb:.0f}",
            f"{self.kernels_left} (pool {self.pool}) after {self.linger_s:.0f} s",
        ]

    @property
    def move_p95_s(self) -> float:
        return self._pct(self.moves_s, 0.95)


HEADER = [
    "students",
    "client",
    "TTI p50/p95 [s]",
    "slider->figure p50/p95 [s]",
    "moves",
    "p95 while arriving [s] (moves)",
    "errors",
    "MB/student",
    "kernels left",
]


@contextlib.asynccontextmanager
async def chromium():
    """Headless Chromium through Playwright's async API, closed afterwards."""
    from playwright.async_api import async_playwright

    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(
            executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True
        )
        try:
            yield browser
        finally:
            await browser.close()


async def run_class_async(
    server: Server,
    n: int,
    *,
    client: str = "protocol",
    seconds: float = 120.0,
    arrival_s: float = 10.0,
    linger_s: float = 180.0,
    pool: int = 2,
) -> ClassResult:
    """N students against a running server, then ``linger_s`` seconds after they leave."""
    idle_mb = server.memory_mb()
    lesson = Lesson(students=n, seconds=seconds)
    async with contextlib.AsyncExitStack() as stack:
        browser = await stack.enter_async_context(chromium()) if client == "browser" else None
        students: list[Student] = []
        tasks = []
        for index in range(n):
            if browser is not None:
                students.append(BrowserStudent(server, browser, seed=index))
            else:
                students.append(ProtocolStudent(server, seed=index))
            tasks.append(asyncio.create_task(students[-1].run(lesson)))
            if n > 1:
                await asyncio.sleep(arrival_s / (n - 1))
        results = await asyncio.gather(*tasks)
        loaded_mb = server.memory_mb()
        for student in students:
            await student.leave()
    await asyncio.sleep(linger_s)
    return ClassResult(
        students=n,
        client=client,
        tti_s=[r.tti_s for r in results if r.tti_s is not None],
        moves_s=[m for r in results for when, m in r.moves if when >= lesson.all_in],
        arrival_moves_s=[m for r in results for when, m in r.moves if when < lesson.all_in],
        errors=[e for r in results for e in r.errors],
        memory_per_student_mb=max(0.0, loaded_mb - idle_mb) / n,
        kernels_left=len(server.kernels()),
        pool=pool,
        linger_s=linger_s,
    )


def run_class(server: Server, n: int, **kwargs) -> ClassResult:
    """``run_class_async`` on its own event loop, in a thread of its own (so that it also
    runs beside a synchronous Playwright, whose loop owns the main thread)."""
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, run_class_async(server, n, **kwargs)).result()


# ---------------------------------------------------------------------- TTI ---
async def _browser_tti(server: Server) -> float:
    async with chromium() as browser:
        student = BrowserStudent(server, browser, seed=0)
        result = await student.run(Lesson(students=1, seconds=0.0))
        await student.leave()
    if result.errors or result.tti_s is None:
        raise RuntimeError(f"the page did not become interactive: {result.errors}")
    return result.tti_s


def measure_tti(workdir: Path, repeat: int = 3) -> dict[str, list[float]]:
    """Chromium's time to interactive for one student: cold (no pool) and warm (pool)."""
    times: dict[str, list[float]] = {}
    for label, pool in (("cold (no preheated kernel)", 0), ("warm (preheated kernel)", 2)):
        server = start_teaching_server(workdir / label.split()[0], pool=pool)
        try:
            times[label] = []
            for _ in range(repeat):
                server.wait_for_pool(pool)
                with ThreadPoolExecutor(max_workers=1) as worker:
                    times[label].append(worker.submit(asyncio.run, _browser_tti(server)).result())
        finally:
            server.stop()
    return times


# --------------------------------------------------------------------- main ---
def print_table(rows: list[list[str]], header: list[str]) -> None:
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]
    for row in [header, ["-" * w for w in widths], *rows]:
        print("  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)))


def class_size(results: list[ClassResult], target_s: float = TARGET_P95_S) -> int:
    """The largest measured class whose p95 slider -> figure met the target, without errors."""
    fitting = [r.students for r in results if r.move_p95_s <= target_s and not r.errors]
    return max(fitting, default=0)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--students", default="1,10,20,30", help="class sizes, comma-separated")
    parser.add_argument("--client", choices=["protocol", "browser"], default="protocol")
    parser.add_argument("--seconds", type=float, default=120.0, help="slider-moving time")
    parser.add_argument("--arrival", type=float, default=10.0, help="students arrive over this")
    parser.add_argument("--linger", type=float, default=180.0, help="wait after they leave")
    parser.add_argument("--pool", type=int, default=2, help="preheated kernels")
    parser.add_argument("--tti", action="store_true", help="also Chromium's TTI, cold and warm")
    parser.add_argument("--workdir", type=Path, default=ROOT / "test-artifacts" / "bench-class")
    args = parser.parse_args(argv)
    signal.signal(signal.SIGTERM, stop_on_signal)

    cpus = os.cpu_count()
    memory_gb = psutil.virtual_memory().total / 2**30
    print(f"Class load on one teaching server: {cpus} cores, {memory_gb:.0f} GiB.")
    print(
        f"Each student moves the glute med slider every ~2 s for {args.seconds:.0f} s "
        f"({args.client} client; students arrive over {args.arrival:.0f} s)."
    )
    results = []
    for n in [int(x) for x in args.students.split(",")]:
        server = start_teaching_server(args.workdir / f"n{n}", pool=args.pool)
        try:
            server.wait_for_pool(args.pool)
            result = run_class(
                server,
                n,
                client=args.client,
                seconds=args.seconds,
                arrival_s=args.arrival,
                linger_s=args.linger,
                pool=args.pool,
            )
        finally:
            server.stop()
        results.append(result)
        for error in sorted(set(result.errors))[:5]:
            print(f"  N={n}: {result.errors.count(error)} x {error}")
        print_table([r.row() for r in results], HEADER)
        print(flush=True)
    size = class_size(results)
    print(
        f"Class size with p95 slider -> figure <= {TARGET_P95_S} s and no errors: "
        f"{size} students (largest measured size that met it)."
    )
    if args.tti:
        for label, values in measure_tti(args.workdir / "tti").items():
            print(
                f"Time to interactive in Chromium, {label}: median "
                f"{statistics.median(values):.1f} s (runs: {', '.join(f'{v:.1f}' for v in values)})"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
