"""The course JupyterHub (``hub/jupyterhub_config.py``) with three students, in Chromium.

The hub runs on 127.0.0.1 with its real configuration, a course password and an
allow-list of three names, configurable-http-proxy from ``.node/`` (``make test``
installs it with npm) and each student's server spawned from this environment. Each
student logs in, runs notebook 00 in JupyterLab, opens the teaching dashboard in
Voilà, and is refused at another student's server.

Without npm's proxy the test skips, saying so; with ``CI=true`` and node on the
machine it fails instead, because CI must run it.
"""

from __future__ import annotations

import os
import re
import secrets
import shutil
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import _server
import psutil
import pytest
from browser_support import run_all_cells, wait_dashboard, wait_kernel_idle

pytestmark = [pytest.mark.hub, pytest.mark.browser, pytest.mark.slow]

ROOT = Path(__file__).resolve().parents[2]
CONFIG = ROOT / "hub" / "jupyterhub_config.py"
LOCAL_PROXY = ROOT / ".node" / "node_modules" / ".bin" / "configurable-http-proxy"
STUDENTS = ("ada", "ben", "cleo")


def _proxy() -> str | None:
    if LOCAL_PROXY.exists():
        return str(LOCAL_PROXY)
    return shutil.which("configurable-http-proxy")


@dataclass
class Hub:
    base: str
    password: str
    process: subprocess.Popen
    log: Path

    def log_tail(self, lines: int = 40) -> str:
        text = self.log.read_text(encoding="utf-8", errors="replace")
        return "\n".join(text.splitlines()[-lines:])


def _stop(process: subprocess.Popen) -> None:
    """Stop the hub, then anything it started that is still running, each by its PID."""
    try:
        started = psutil.Process(process.pid).children(recursive=True)
    except psutil.NoSuchProcess:
        started = []
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(timeout=60)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=10)
    _gone, alive = psutil.wait_procs(started, timeout=10)
    for child in alive:
        child.terminate()
    _gone, alive = psutil.wait_procs(alive, timeout=10)
    for child in alive:
        child.kill()


@pytest.fixture(scope="module")
def hub(tmp_path_factory) -> Iterator[Hub]:
    if _proxy() is None:
        message = (
            "no configurable-http-proxy: `make test` installs it with npm into .node/ "
            "when node and npm are on the machine"
        )
        if os.environ.get("CI", "").lower() in {"1", "true", "yes"} and shutil.which("node"):
            pytest.fail(message)
        pytest.skip(message)
    workdir = tmp_path_factory.mktemp("hub")
    password = secrets.token_urlsafe(12)
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("GLUTEED_", "JUPYTER", "QUERY_STRING"))
    }
    proxy_dir = str(Path(_proxy()).parent)
    env.update(
        HOME=str(workdir),
        PATH=f"{proxy_dir}{os.pathsep}{env.get('PATH', '')}",
        GLUTEED_HUB_PORT=str(_server.free_port()),
        GLUTEED_HUB_API_PORT=str(_server.free_port()),
        GLUTEED_HUB_PROXY_API_PORT=str(_server.free_port()),
        GLUTEED_HUB_STATE=str(workdir / "state"),
        GLUTEED_HUB_HOMES=str(workdir / "homes"),
        GLUTEED_HUB_PASSWORD=password,
        GLUTEED_HUB_USERS=",".join(STUDENTS),
    )
    base = f"http://127.0.0.1:{env['GLUTEED_HUB_PORT']}"
    log = workdir / "jupyterhub.log"
    with open(log, "w", encoding="utf-8") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "jupyterhub", "-f", str(CONFIG)],
            cwd=workdir,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
        )
    hub = Hub(base, password, process, log)
    try:
        deadline = time.monotonic() + 90
        while True:
            assert process.poll() is None, f"the hub stopped:\n{hub.log_tail()}"
            assert time.monotonic() < deadline, f"the hub did not start:\n{hub.log_tail()}"
            try:
                with urllib.request.urlopen(f"{base}/hub/health", timeout=5) as response:
                    if response.status == 200:
                        break
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                time.sleep(0.5)
        yield hub
    finally:
        _stop(process)


def _context(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 1000})
    context.route(
        lambda url: (
            urlsplit(url).hostname not in {"127.0.0.1", "localhost"}
            and urlsplit(url).scheme in {"http", "https", "ws", "wss"}
        ),
        lambda route: route.abort(),
    )
    context.set_default_timeout(120_000)
    return context


def _log_in(page, hub: Hub, name: str) -> None:
    page.goto(f"{hub.base}/hub/login")
    page.fill("#username_input", name)
    page.fill("#password_input", hub.password)
    page.click("#login_submit")


def test_three_students_each_get_their_own_working_server(hub, browser):
    start = time.monotonic()
    contexts = {}
    try:
        for name in STUDENTS:
            context = contexts[name] = _context(browser)
            page = context.new_page()
            _log_in(page, hub, name)
            # The hub spawns the server, then opens notebook 00 in JupyterLab.
            page.wait_for_url(
                re.compile(rf"/user/{name}/lab/tree/notebooks/00_start_here\.ipynb"),
                timeout=180_000,
            )
            page.wait_for_selector(".jp-NotebookPanel .jp-Notebook", timeout=120_000)
            wait_kernel_idle(page)
            run_all_cells(page)
            page.goto(f"{hub.base}/user/{name}/voila/render/notebooks/teach.ipynb")
            wait_dashboard(page)
            text = page.locator("body").inner_text()
            assert "teaching_app" not in text, "the dashboard shows code"

        # Nobody reaches another student's server, files or kernels.
        for name, other in zip(STUDENTS, STUDENTS[1:] + STUDENTS[:1], strict=True):
            request = contexts[name].request
            for path in ("lab", "api/contents/notebooks", "api/kernels"):
                response = request.get(f"{hub.base}/user/{other}/{path}")
                assert response.status == 403, (name, other, path, response.status, response.url)
            own = request.get(f"{hub.base}/user/{name}/api/contents/notebooks")
            assert own.status == 200, (name, own.status)
            assert "00_start_here.ipynb" in own.text()
    finally:
        for context in contexts.values():
            context.close()
    assert time.monotonic() - start < 300, "three students took longer than the test allows"
