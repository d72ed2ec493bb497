"""A course JupyterHub for gluteed: each student gets their own server with the material.

Start it from the project's folder, in the project's environment::

    make hub                 # or: .venv/bin/jupyterhub -f hub/jupyterhub_config.py

Each student logs in and gets a private Jupyter server (``jupyterhub-singleuser`` from
this project's ``.venv``, so exactly the packages that ``binder/`` pins), with a copy of
``notebooks/`` in their home folder, opening on ``00_start_here.ipynb``. The teaching
dashboard of a student is at ``/user/NAME/voila/render/notebooks/teach.ipynb``. Servers
left idle are stopped by ``jupyterhub-idle-culler``; kernels left idle inside a running
server are shut down by the server itself.

As it stands this is a one-machine hub for a course or a trial: one shared password,
students' servers as processes of the user running the hub. For a real course swap the
authenticator (your university's login) and the spawner; docs/teaching.md says what
changes for The Littlest JupyterHub and Zero to JupyterHub.

Settings come from environment variables, all optional:

``GLUTEED_HUB_IP``, ``GLUTEED_HUB_PORT``
    Where students connect: ``127.0.0.1`` and ``8000`` by default; ``0.0.0.0`` for the
    network (put HTTPS in front, e.g. with The Littlest JupyterHub).
``GLUTEED_HUB_API_PORT``, ``GLUTEED_HUB_PROXY_API_PORT``
    The hub's and the proxy's own ports on 127.0.0.1 (8081 and 8001 by default).
``GLUTEED_HUB_STATE``
    Folder for the hub's database, cookie secret and logs (``~/.gluteed-hub``).
``GLUTEED_HUB_HOMES``
    Folder holding one home folder per student (``~/.gluteed-hub/homes``).
``GLUTEED_HUB_PASSWORD``
    The course password (at least 8 characters); without it nobody can log in.
``GLUTEED_HUB_USERS``
    Comma-separated user names allowed in; empty allows any name with the password.
``GLUTEED_HUB_CULL_SECONDS``
    Stop a student's server after this long without activity (3600 s).
"""

import os
import shutil
import sys
from pathlib import Path

c = get_config()  # noqa: F821 (given by traitlets when it reads this file)

ROOT = Path(__file__).resolve().parent.parent
#: This environment's programs: the hub runs from the project's .venv, and so do students.
BIN = Path(sys.executable).parent
MATERIAL = ROOT / "notebooks"
START = "notebooks/00_start_here.ipynb"


def _setting(name: str, default: str) -> str:
    return os.environ.get(f"GLUTEED_HUB_{name}", "").strip() or default


state = Path(_setting("STATE", str(Path.home() / ".gluteed-hub"))).expanduser()
homes = Path(_setting("HOMES", str(state / "homes"))).expanduser()
state.mkdir(parents=True, exist_ok=True)
homes.mkdir(parents=True, exist_ok=True)
cull_seconds = int(_setting("CULL_SECONDS", "3600"))

# ---------------------------------------------------------------- where it listens ---
c.JupyterHub.bind_url = f"http://{_setting('IP', '127.0.0.1')}:{_setting('PORT', '8000')}"
c.JupyterHub.hub_ip = "127.0.0.1"
c.JupyterHub.hub_port = int(_setting("API_PORT", "8081"))
c.ConfigurableHTTPProxy.api_url = f"http://127.0.0.1:{_setting('PROXY_API_PORT', '8001')}"
_local_proxy = ROOT / ".node" / "node_modules" / ".bin" / "configurable-http-proxy"
if _local_proxy.exists():  # installed by `make hub` / `make test` (npm, into .node/)
    c.ConfigurableHTTPProxy.command = [str(_local_proxy)]
c.ConfigurableHTTPProxy.pid_file = str(state / "proxy.pid")
c.JupyterHub.pid_file = str(state / "jupyterhub.pid")
c.JupyterHub.db_url = f"sqlite:///{state / 'jupyterhub.sqlite'}"
c.JupyterHub.cookie_secret_file = str(state / "jupyterhub_cookie_secret")
c.JupyterHub.cleanup_servers = True
c.JupyterHub.cleanup_proxy = True

# --------------------------------------------------------------------- who gets in ---
c.JupyterHub.authenticator_class = "shared-password"
c.SharedPasswordAuthenticator.user_password = os.environ.get("GLUTEED_HUB_PASSWORD") or None
_users = {name.strip() for name in _setting("USERS", "").split(",") if name.strip()}
if _users:
    c.Authenticator.allowed_users = _users
else:
    c.Authenticator.allow_all = True

# ---------------------------------------------------------- each student's server ---
c.JupyterHub.spawner_class = "simple"
c.SimpleLocalProcessSpawner.home_dir_template = str(homes / "{username}")
c.Spawner.cmd = [str(BIN / "jupyterhub-singleuser")]
c.Spawner.default_url = f"/lab/tree/{START}"
c.Spawner.args = [
    # Kernels of closed notebooks and dashboards end after 10 minutes without activity.
    "--MappingKernelManager.cull_idle_timeout=600",
    "--MappingKernelManager.cull_interval=60",
    "--MappingKernelManager.cull_connected=False",
]
if hasattr(os, "geteuid") and os.geteuid() == 0:
    c.Spawner.args.append("--allow-root")  # a hub run by root (a container, CI)
c.Spawner.start_timeout = 180
c.Spawner.http_timeout = 180
c.Spawner.mem_limit = "1G"  # shown to the student; enforced by container spawners


def copy_material(spawner) -> None:
    """Give a student their own copy of the notebooks, once, before their server starts.

    The local stand-in for an nbgitpuller link (docs/teaching.md), which on a hub with
    the internet pulls the course repository into the student's home instead.
    """
    home = Path(spawner.home_dir)
    home.mkdir(parents=True, exist_ok=True)
    target = home / "notebooks"
    if not target.exists():
        shutil.copytree(MATERIAL, target, ignore=shutil.ignore_patterns(".*"))


c.Spawner.pre_spawn_hook = copy_material

# ----------------------------------------------------- stopping idle servers (culler) ---
c.JupyterHub.services = [
    {
        "name": "idle-culler",
        "command": [
            sys.executable,
            "-m",
            "jupyterhub_idle_culler",
            f"--timeout={cull_seconds}",
            f"--cull-every={max(30, cull_seconds // 6)}",
        ],
    }
]
c.JupyterHub.load_roles = [
    {
        "name": "idle-culler",
        "scopes": ["list:users", "read:users:activity", "read:servers", "delete:servers"],
        "services": ["idle-culler"],
    }
]
