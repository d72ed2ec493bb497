"""A Jupyter server (Voilà or JupyterLab) started for a measurement or a test.

One place for what the class-load benchmarks, the teaching-server tests and the browser
tests all do: start the server on 127.0.0.1 and a free port with a random token, in a
temporary HOME with its own Jupyter folders, wait until it answers, count its kernels
and their memory, and stop it and everything it started.

``start_teaching_server`` starts the teaching server exactly as ``make app`` does
(``notebooks/teach.ipynb`` with ``teaching/voila.py``); ``start_server`` any other.
"""

from __future__ import annotations

import contextlib
import json
import os
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parent.parent
TEACH = ROOT / "notebooks" / "teach.ipynb"
CONFIG_DIR = ROOT / "teaching"
#: How long a server may take to answer its first request. [s]
START_TIMEOUT_S = 120.0


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def jupyter_env(home: Path) -> dict[str, str]:
    """This environment without Jupyter's and the teaching server's settings, with a
    HOME and Jupyter, IPython and Matplotlib folders of its own under ``home``."""
    home.mkdir(parents=True, exist_ok=True)
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("JUPYTER", "GLUTEED_APP_", "QUERY_STRING"))
    }
    env.update(
        HOME=str(home),
        JUPYTER_CONFIG_DIR=str(home / "jupyter-config"),
        JUPYTER_DATA_DIR=str(home / "jupyter-data"),
        JUPYTER_RUNTIME_DIR=str(home / "jupyter-runtime"),
        JUPYTERLAB_SETTINGS_DIR=str(home / "lab-settings"),
        JUPYTERLAB_WORKSPACES_DIR=str(home / "lab-workspaces"),
        JUPYTER_PLATFORM_DIRS="1",
        IPYTHONDIR=str(home / "ipython"),
        MPLCONFIGDIR=str(home / "matplotlib"),
        XDG_CACHE_HOME=str(home / "cache"),
        PYTHONUNBUFFERED="1",
    )
    return env


def lab_env(home: Path) -> dict[str, str]:
    """``jupyter_env`` with JupyterLab's settings for measuring it.

    No news or update pop-ups (and no request for them); every cell attached and
    painted (with the default windowing Chromium may defer loading a new figure in
    a cell it counts as off-screen, and timings would measure scrolling); no
    autosave.
    """
    env = jupyter_env(home)
    settings = home / "lab-settings" / "@jupyterlab"
    for plugin, values in (
        ("apputils-extension/notification", {"fetchNews": "false", "checkForUpdates": False}),
        ("notebook-extension/tracker", {"windowingMode": "none"}),
        ("docmanager-extension/plugin", {"autosave": False}),
    ):
        folder, name = plugin.split("/")
        (settings / folder).mkdir(parents=True, exist_ok=True)
        (settings / folder / f"{name}.jupyterlab-settings").write_text(
            json.dumps(values), encoding="utf-8"
        )
    return env


def start_lab_server(workdir: Path, notebooks: Path, *, extra_env: dict | None = None) -> Server:
    """JupyterLab on ``notebooks``, on 127.0.0.1 and a free port, with :func:`lab_env`."""
    argv = [
        sys.executable,
        "-m",
        "jupyterlab",
        "--no-browser",
        "--ServerApp.ip=127.0.0.1",
        "--ServerApp.port={port}",
        "--ServerApp.port_retries=0",
        "--IdentityProvider.token={token}",
        f"--ServerApp.root_dir={notebooks}",
        "--ServerApp.allow_root=True",
        "--LabApp.news_url=None",
        "--LabApp.check_for_updates_class=jupyterlab.handlers.announcements.NeverCheckForUpdate",
    ]
    env = lab_env(workdir / "jupyterlab-home")
    return start_server("jupyterlab", argv, workdir, env=env, extra_env=extra_env)


@dataclass
class Server:
    """A server started here, in its own process group, and its log file."""

    name: str
    port: int
    token: str
    log: Path
    process: subprocess.Popen = field(repr=False)

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def url(self, path: str = "", query: str = "") -> str:
        joiner = "&" if query else ""
        return f"{self.base}/{path.lstrip('/')}?{query}{joiner}token={self.token}"

    def page_url(self, query: str = "") -> str:
        """The server's front page (the teaching dashboard), with the token."""
        return self.url("", query)

    def api(self, path: str, method: str = "GET") -> object:
        request = urllib.request.Request(
            f"{self.base}/{path.lstrip('/')}",
            method=method,
            headers={"Authorization": f"token {self.token}"},
        )
        with urllib.request.urlopen(request, timeout=10) as response:
            body = response.read()
        return json.loads(body) if body else None

    def _processes(self) -> list[psutil.Process]:
        """The server process and all its children (kernels included)."""
        try:
            server = psutil.Process(self.process.pid)
            return [server, *server.children(recursive=True)]
        except psutil.NoSuchProcess:
            return []

    def kernels(self) -> list[psutil.Process]:
        """The server's kernel processes: its children that run a kernel.

        Not their own children: a process a kernel starts carries the kernel's
        command line until it runs its own program, and on a busy machine that
        lasts long enough to be counted as a sixth kernel of five.
        """
        try:
            return [p for p in psutil.Process(self.process.pid).children() if is_kernel(p)]
        except psutil.NoSuchProcess:
            return []

    def server_rss_mb(self) -> float:
        """Resident set size of the server process alone, its kernels left out. [MB]"""
        with contextlib.suppress(psutil.Error):
            return psutil.Process(self.process.pid).memory_info().rss / 1e6
        return 0.0

    def memory_mb(self) -> float:
        """Proportional set size of the server and all its children, added up. [MB]"""
        total = 0
        for process in self._processes():
            with contextlib.suppress(psutil.Error):
                info = process.memory_full_info()
                total += getattr(info, "pss", info.rss)
        return total / 1e6

    def wait_for_pool(self, pool: int, timeout: float = 180.0) -> None:
        """Wait until ``pool`` kernels are up and they and the server are idle (low CPU)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            kernels = self.kernels()
            if len(kernels) >= pool:
                busy = sum(_cpu(p) for p in [*kernels, psutil.Process(self.process.pid)])
                if busy < 10.0:
                    return
            time.sleep(1.0)
        raise RuntimeError(f"the preheated kernels did not settle; log:\n{self.log_tail()}")

    def wait_until_quiet(self, quiet_s: float = 1.0, most_s: float = 60.0) -> float:
        """Wait until the kernels used under 5 % of a core for ``quiet_s``; the seconds waited.

        E.g. until a kernel has drawn a slider's positions ahead for its page.
        """
        began = time.perf_counter()
        kernels = self.kernels()

        def used() -> float:
            total = 0.0
            for kernel in kernels:
                with contextlib.suppress(psutil.Error):  # a kernel that ended uses nothing
                    total += sum(kernel.cpu_times()[:2])
            return total

        last, since = used(), time.perf_counter()
        while time.perf_counter() - began < most_s:
            time.sleep(0.25)
            now = used()
            if now - last > 0.05 * (time.perf_counter() - since):
                last, since = now, time.perf_counter()
            elif time.perf_counter() - since >= quiet_s:
                break
        return time.perf_counter() - began

    def log_tail(self, lines: int = 40) -> str:
        text = self.log.read_text(encoding="utf-8", errors="replace")
        return "\n".join(text.splitlines()[-lines:])

    def stop(self) -> None:
        """Stop the server (which shuts its kernels down), then any child it left."""
        children = self._processes()[1:]
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, signal.SIGTERM)
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=10)
        for child in children:  # kernels run in sessions of their own
            with contextlib.suppress(psutil.Error):
                child.terminate()
        _gone, alive = psutil.wait_procs(children, timeout=5)
        for child in alive:
            with contextlib.suppress(psutil.Error):
                child.kill()
        if self in _RUNNING:
            _RUNNING.remove(self)


#: Servers started and not yet stopped, so that a stop from outside stops them too.
_RUNNING: list[Server] = []


def stop_on_signal(signum, _frame) -> None:
    """For ``signal.signal(SIGTERM, ...)``: stop every server started here, then exit."""
    for server in list(_RUNNING):
        server.stop()
    os._exit(128 + signum)


def is_kernel(process: psutil.Process) -> bool:
    with contextlib.suppress(psutil.Error):
        return "ipykernel_launcher" in " ".join(process.cmdline())
    return False


def _cpu(process: psutil.Process) -> float:
    with contextlib.suppress(psutil.Error):
        return process.cpu_percent(interval=0.3)
    return 0.0


def start_server(
    name: str,
    argv: list[str],
    workdir: Path,
    *,
    env: dict[str, str] | None = None,
    extra_env: dict[str, str] | None = None,
    ready_path: str = "api/status",
    cwd: Path | None = None,
) -> Server:
    """Start ``argv`` and return once ``ready_path`` answers (any HTTP status).

    ``{port}`` and ``{token}`` in ``argv`` and in the values of ``extra_env`` become the
    free port and the random token. ``env`` defaults to ``jupyter_env`` of a HOME under
    ``workdir``. The server's output goes to a log file in ``workdir``.
    """
    workdir.mkdir(parents=True, exist_ok=True)
    token = secrets.token_hex(24)
    base_env = env if env is not None else jupyter_env(workdir / f"{name}-home")
    last = ""
    for _attempt in range(3):  # a free port can be taken between probing and binding
        port = free_port()
        run_env = base_env | {
            k: v.format(port=port, token=token) for k, v in (extra_env or {}).items()
        }
        log = workdir / f"{name}-{port}.log"
        with open(log, "w", encoding="utf-8") as out:
            process = subprocess.Popen(
                [a.format(port=port, token=token) for a in argv],
                cwd=cwd or workdir,
                env=run_env,
                stdout=out,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
                start_new_session=True,
            )
        server = Server(name, port, token, log, process)
        _RUNNING.append(server)
        deadline = time.monotonic() + START_TIMEOUT_S
        while time.monotonic() < deadline and process.poll() is None:
            try:
                with urllib.request.urlopen(server.url(ready_path), timeout=10):
                    return server
            except urllib.error.HTTPError:
                return server  # it answers
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                time.sleep(0.25)
        last = server.log_tail()
        server.stop()
    raise RuntimeError(f"{name} did not start; its log ends:\n{last}")


def start_teaching_server(
    workdir: Path,
    *,
    pool: int = 2,
    max_kernels: int | None = None,
    cull_seconds: int | None = None,
    case: str = "",
    extra_env: dict[str, str] | None = None,
) -> Server:
    """Voilà on ``notebooks/teach.ipynb`` with ``teaching/voila.py``, as ``make app``
    starts it; ``None`` keeps ``make app``'s default of a setting."""
    settings = {
        "GLUTEED_APP_TOKEN": "{token}",
        "GLUTEED_APP_PORT": "{port}",
        "GLUTEED_APP_POOL": str(pool),
        "GLUTEED_APP_CASE": case,
    }
    if max_kernels is not None:
        settings["GLUTEED_APP_MAX_KERNELS"] = str(max_kernels)
    if cull_seconds is not None:
        settings["GLUTEED_APP_CULL_SECONDS"] = str(cull_seconds)
    return start_server(
        "teaching-server",
        [sys.executable, "-m", "voila", str(TEACH), f"--Voila.config_file_paths={CONFIG_DIR}"],
        workdir,
        extra_env=settings | (extra_env or {}),
        ready_path="voila/static/voila.js",
        cwd=ROOT,
    )
