"""Fixtures for the real-browser tests.

Debian's ``chromium`` (found on PATH; Playwright never downloads a browser here) is
driven by Playwright's sync API. Each test session starts its own JupyterLab and its
own Voilà on 127.0.0.1, on free ports, with random tokens, a temporary HOME and
Jupyter config/data/settings folders, and copies of the notebooks (JupyterLab
autosaves, so the tests never open the originals). Requests that leave 127.0.0.1 are
blocked in the browser and listed in the test report.

With ``CI=true`` a missing Chromium fails these tests; elsewhere they skip, saying so.
"""

from __future__ import annotations

import json
import os
import shutil
import sys
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import _server
import pytest
from _server import Server
from browser_support import (
    FIGURE_PROBE,
    REPORT,
    STANDIN_NOTEBOOK,
    START_NOTEBOOK,
    WEAK_GLUTE_NOTEBOOK,
    problems,
    write_standin_notebook,
)
from playwright.sync_api import Browser, Page, sync_playwright

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOKS = ROOT / "notebooks"
ARTIFACTS = ROOT / "test-artifacts" / "browser"

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

#: External requests that are expected and harmless when blocked: Voilà's lab
#: template asks a CDN for the Font Awesome icon style sheets; the page works without.
HARMLESS_EXTERNAL = ("https://cdn.jsdelivr.net/npm/@fortawesome/fontawesome-free@",)
BLOCKED_LOG = "Failed to load resource: net::ERR_FAILED"


def in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() in {"1", "true", "yes"}


def find_chromium() -> str | None:
    for name in ("chromium", "chromium-browser"):
        path = shutil.which(name)
        if path:
            return path
    return None


# -------------------------------------------------------------------- servers ---
def _start(name: str, argv: list[str], workdir: Path, ready_path: str) -> Server:
    env = _server.lab_env(workdir / f"{name}-home")
    return _server.start_server(name, argv, workdir, env=env, ready_path=ready_path)


@pytest.fixture(scope="session")
def workdir(tmp_path_factory) -> Path:
    """Copies of the notebooks (and the stand-in dashboard) that the servers serve."""
    root = tmp_path_factory.mktemp("browser")
    shutil.copytree(NOTEBOOKS, root / "notebooks", ignore=shutil.ignore_patterns(".*"))
    write_standin_notebook(root / "notebooks")
    return root


@pytest.fixture
def fresh_copy(workdir, request):
    """``fresh_copy(name)``: a copy of a notebook for this test alone, as a path for the
    server; JupyterLab writes into the notebooks it opens."""
    counter = iter(range(1000))

    def copy(name: str) -> str:
        folder = workdir / "notebooks" / f"test-{request.node.name}-{next(counter)}"
        folder = folder.with_name(folder.name.replace("[", "-").replace("]", ""))
        folder.mkdir(parents=True)
        shutil.copy(workdir / "notebooks" / name, folder / name)
        return f"{folder.name}/{name}"

    return copy


@pytest.fixture(scope="session")
def lab_server(workdir) -> Iterator[Server]:
    server = _server.start_lab_server(workdir, workdir / "notebooks")
    yield server
    server.stop()


@pytest.fixture(scope="session")
def voila_server(workdir) -> Iterator[Server]:
    """Voilà as ``make app`` runs it (light theme, lab template), serving the folder."""
    server = _start(
        "voila",
        [
            sys.executable,
            "-m",
            "voila",
            str(workdir / "notebooks"),
            "--no-browser",
            "--Voila.ip=127.0.0.1",
            "--port={port}",
            "--token={token}",
            "--theme=light",
            "--template=lab",
        ],
        workdir,
        "",
    )
    yield server
    server.stop()


# -------------------------------------------------------------------- browser ---
@pytest.fixture(scope="session")
def chromium() -> str:
    path = find_chromium()
    if path is None:
        message = (
            "no Chromium on PATH: the browser tests need Debian's chromium package "
            "(apt-get install chromium; .ci/run installs it)"
        )
        if in_ci():
            pytest.fail(message)
        pytest.skip(message)
    return path


@pytest.fixture(scope="session")
def browser(chromium) -> Iterator[Browser]:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=chromium, args=CHROMIUM_ARGS, headless=True
        )
        yield browser
        browser.close()


@dataclass
class Watch:
    """What a page did besides the test's own actions."""

    blocked: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)

    def unexpected_requests(self) -> list[str]:
        return [url for url in self.blocked if not url.startswith(HARMLESS_EXTERNAL)]


@pytest.fixture
def watch() -> Watch:
    return Watch()


@pytest.fixture
def page(browser, watch, request) -> Iterator[Page]:
    """A fresh browser context and page; nothing leaves 127.0.0.1."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})

    def block(route) -> None:
        watch.blocked.append(route.request.url)
        route.abort()

    context.route(
        lambda url: (
            urlsplit(url).hostname not in {"127.0.0.1", "localhost"}
            and urlsplit(url).scheme in {"http", "https", "ws", "wss"}
        ),
        block,
    )
    context.add_init_script(FIGURE_PROBE)
    context.set_default_timeout(60_000)
    page = context.new_page()
    page.on("pageerror", lambda err: watch.page_errors.append(str(err)))
    page.on(
        "console",
        lambda msg: watch.console_errors.append(msg.text) if msg.type == "error" else None,
    )
    yield page
    for url in watch.blocked:
        REPORT["blocked"].append(f"{request.node.name}: {url}")
    for text in watch.console_errors:
        if not text.startswith(BLOCKED_LOG):
            REPORT["console"].append(f"{request.node.name}: {text[:300]}")
    context.close()


def _artifact(item, label: str) -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    module = item.module.__name__.removeprefix("test_")
    return ARTIFACTS / f"{module}-{item.name}-{label}.png".replace("/", "_")


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    """A failed test leaves a screenshot of its page, taken before any teardown."""
    report = yield
    page = getattr(item, "funcargs", {}).get("page")
    watch = getattr(item, "funcargs", {}).get("watch")
    if report.when == "call" and report.failed and watch is not None:
        for title, lines in (
            ("browser console errors", watch.console_errors),
            ("uncaught page errors", watch.page_errors),
            ("blocked requests", watch.blocked),
        ):
            if lines:
                report.sections.append((title, "\n".join(lines)))
    if report.when == "call" and report.failed and page is not None:
        path = _artifact(item, "FAILED")
        try:
            page.screenshot(path=str(path), full_page=True)
            REPORT["screenshots"].append(str(path.relative_to(ROOT)))
        except Exception as err:  # the page may be gone; the failure itself matters more
            REPORT["screenshots"].append(f"(no screenshot of the failure: {err})")
    return report


@pytest.fixture
def screenshot(page, request):
    """``screenshot(label)`` saves a full-page PNG under test-artifacts/browser/."""

    def take(label: str) -> Path:
        path = _artifact(request.node, label)
        page.screenshot(path=str(path), full_page=True)
        REPORT["screenshots"].append(str(path.relative_to(ROOT)))
        return path

    return take


@pytest.fixture
def assert_clean(page, watch):
    """``assert_clean()``: no error text on the page, no uncaught script error, no
    request that left 127.0.0.1 except the known-harmless ones."""

    def check() -> None:
        seen = problems(page)
        assert not seen, f"error output on the page: {seen}"
        assert not watch.page_errors, f"uncaught errors in the page: {watch.page_errors}"
        # A blocked request shows as "Failed to load resource"; anything else counts.
        console = [text for text in watch.console_errors if not text.startswith(BLOCKED_LOG)]
        assert not console, f"errors in the browser console: {console}"
        assert not watch.unexpected_requests(), (
            f"the page asked the network: {watch.unexpected_requests()}"
        )

    return check


@pytest.fixture
def shut_down_kernels(lab_server) -> Iterator[None]:
    """Shut the test's kernels down after it, so the next test has both cores."""
    yield
    for session in lab_server.api("api/sessions"):
        lab_server.api(f"api/sessions/{session['id']}", method="DELETE")


def pytest_terminal_summary(terminalreporter) -> None:
    if not any(REPORT.values()):
        return
    import statistics

    write = terminalreporter.write_line
    terminalreporter.section("browser tests: screenshots, slider-to-figure times, network")
    for path in REPORT["screenshots"]:
        write(f"screenshot: {path}")
    for entry in REPORT["timings"]:
        values = sorted(entry["latencies_ms"])
        write(
            f"slider-to-figure, {entry['where']} ({entry['dashboard']}): median "
            f"{statistics.median(values):.0f} ms, min {values[0]:.0f}, max {values[-1]:.0f}, "
            f"n={len(values)} (target 150 ms)"
        )
    urls = Counter(line.split(": ", 1)[1] for line in REPORT["blocked"])
    write(f"requests that left 127.0.0.1, blocked: {sum(urls.values())}")
    for url, count in sorted(urls.items()):
        write(f"  {count} x {url}")
    for line in REPORT["console"]:
        write(f"browser console error: {line}")
    if REPORT["timings"]:
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        (ARTIFACTS / "timings.json").write_text(json.dumps(REPORT, indent=2), encoding="utf-8")


@pytest.fixture(scope="session")
def lab_notebook() -> str:
    """The weak-glute notebook once it exists; until then the start notebook."""
    return WEAK_GLUTE_NOTEBOOK if (NOTEBOOKS / WEAK_GLUTE_NOTEBOOK).exists() else START_NOTEBOOK


@pytest.fixture(scope="session")
def lab_dashboard() -> tuple[str, str]:
    """(notebook, what it is): the weak-glute notebook's dashboard, or the stand-in."""
    if (NOTEBOOKS / WEAK_GLUTE_NOTEBOOK).exists():
        return WEAK_GLUTE_NOTEBOOK, "weak-glute notebook"
    return STANDIN_NOTEBOOK, f"stand-in: {WEAK_GLUTE_NOTEBOOK} not there yet"
