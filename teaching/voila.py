"""Voilà settings for teaching mode (``make app``): safe for a lecture hall by default.

Voilà reads this file because ``make app`` passes ``--Voila.config_file_paths=teaching``.
The Makefile hands over the lecturer's choices as environment variables:

``GLUTEED_APP_HOST``
    Address to listen on; ``127.0.0.1`` (this computer only) unless the lecturer asks for
    the network with ``make app HOST=0.0.0.0``.
``GLUTEED_APP_PORT``
    Port, ``8866`` by default. Taken or not, Voilà does not wander to another one.
``GLUTEED_APP_TOKEN``
    The secret in the link; a new random one each start when empty.
``GLUTEED_APP_CASE``
    A patient case to preset in the printed link (``?case=NAME``).
``GLUTEED_APP_MAX_KERNELS``
    Most dashboard kernels at once; by default sized from the memory
    (see ``classroom.default_kernel_cap``). Past it a page gets "this session is full".
``GLUTEED_APP_POOL``
    Preheated kernels kept ready, so the next student's dashboard appears at once.
``GLUTEED_APP_CULL_SECONDS``
    A kernel whose page is closed (or never connected) is shut down after this long
    without activity, checked every ``CULL_INTERVAL`` seconds: 90 s and 30 s, so within
    two minutes.

Every page needs the token: the printed link carries it once, and the browser keeps a
login cookie. With the default address only pages that name this computer
(``127.0.0.1`` or ``localhost``) are answered; a page with any other ``Host`` header
gets 403, which stops DNS-rebinding tricks from another web site.
"""

import atexit
import ipaddress
import os
import secrets
import shutil
import socket
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from classroom import (
    CappedKernelManager,
    HideTrustWarnings,
    TeachingIdentityProvider,
    default_kernel_cap,
    limit_malloc_arenas,
)

# Before the server's threads start: what they free stays reusable by the others.
limit_malloc_arenas()

c = get_config()  # noqa: F821 (given by traitlets when it reads this file)

CULL_INTERVAL = 30


def _setting(name: str, default: str) -> str:
    return os.environ.get(f"GLUTEED_APP_{name}", "").strip() or default


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


host = _setting("HOST", "127.0.0.1")
port = int(_setting("PORT", "8866"))
# Read and removed, so that no kernel inherits the token in its environment.
token = os.environ.pop("GLUTEED_APP_TOKEN", "").strip() or secrets.token_urlsafe(24)
case = _setting("CASE", "")
max_kernels = int(_setting("MAX_KERNELS", "0")) or default_kernel_cap()
pool = int(_setting("POOL", "2"))
cull_seconds = int(_setting("CULL_SECONDS", "90"))
on_network = not _is_loopback(host)

c.Voila.ip = host
c.Voila.port = port
c.Voila.port_retries = 0
c.Voila.open_browser = False
c.Voila.token = token
c.Voila.identity_provider_class = TeachingIdentityProvider
c.Voila.log_level = "WARN"
c.Voila.logging_config = {
    "filters": {"hide_trust_warnings": {"()": HideTrustWarnings}},
    "handlers": {"console": {"filters": ["hide_trust_warnings"]}},
}
# Voilà itself allows any Host header; these settings switch Jupyter Server's check on.
c.Voila.tornado_settings = {
    "allow_remote_access": on_network,
    "local_hostnames": ["localhost"],
}

# The lab template without its Font Awesome style sheets from a CDN (Voilà's scripts
# carry the icons): templates/gluteed under teaching/share/jupyter, found through
# JUPYTER_PATH, which Voilà reads after this file.
TEMPLATES = Path(__file__).resolve().parent / "share" / "jupyter"
os.environ["JUPYTER_PATH"] = os.pathsep.join(
    [str(TEMPLATES), *filter(None, [os.environ.get("JUPYTER_PATH", "")])]
)
c.VoilaConfiguration.template = "gluteed"
c.VoilaConfiguration.theme = "light"
c.VoilaConfiguration.show_tracebacks = False
c.VoilaConfiguration.preheat_kernel = pool > 0
c.VoilaConfiguration.default_pool_size = pool
c.VoilaConfiguration.multi_kernel_manager_class = CappedKernelManager

c.CappedKernelManager.max_kernels = max_kernels + pool
c.MappingKernelManager.cull_idle_timeout = cull_seconds
c.MappingKernelManager.cull_interval = min(CULL_INTERVAL, cull_seconds)
c.MappingKernelManager.cull_connected = False
c.MappingKernelManager.cull_busy = False

c.KernelManager.transport = "ipc"  # kernels talk over files in a private folder, not TCP

# The pictures the dashboards' kernels draw, shared among them (one kernel reads what
# another drew; see gluteed.drag_frames.SharedFrames): a folder only this user can
# open, named to the kernels in their environment and removed when the server stops.
shared_pictures = tempfile.mkdtemp(prefix="gluteed-pictures-")
os.environ["GLUTEED_SHARED_FRAMES"] = shared_pictures
atexit.register(shutil.rmtree, shared_pictures, ignore_errors=True)


def _link() -> str:
    shown = "127.0.0.1" if _is_loopback(host) else host
    if host in {"0.0.0.0", "::"}:
        shown = "THIS-COMPUTERS-ADDRESS"
    query = f"case={case}&" if case else ""
    return f"http://{shown}:{port}/?{query}token={token}"


def _announce(timeout: float = 120.0) -> None:
    """Print the link once the server answers, after Voilà's own start-up messages."""
    probe = "127.0.0.1" if host in {"0.0.0.0", "localhost"} else host
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            socket.create_connection((probe.strip("[]"), port), timeout=1).close()
            break
        except OSError:
            time.sleep(0.2)
    else:
        return
    time.sleep(3)  # the preheated kernels log their start first
    network = (
        "Students on the network open it with this computer's address; the token is needed.\n"
        if on_network
        else ""
    )
    print(
        f"\nTeaching mode: up to {max_kernels} students, {pool} dashboards kept ready.\n"
        f"{network}Stop it with Ctrl+C in this terminal.\nOpen: {_link()}\n",
        flush=True,
    )


threading.Thread(target=_announce, name="announce-link", daemon=True).start()
