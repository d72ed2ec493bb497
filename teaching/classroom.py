"""How many kernels one teaching server may run, and the kernel manager that keeps to it.

Every page of the teaching dashboard runs its own Python kernel (about 115 MB).
``CappedKernelManager`` refuses a new page once ``max_kernels`` kernels run and answers
with HTTP 503 and a short page ("this session is full"), instead of letting the machine
run out of memory. Closed pages free their kernels through Jupyter Server's idle culler
(``cull_idle_timeout``, ``cull_connected=False``), set in ``voila.py`` beside this file.

Voilà's preheated kernels come from a pool that Voilà refills after each page. A refill
that finds the server full fails, the next page then gets the "full" answer, and Voilà
leaves the pool empty; :meth:`CappedKernelManager.cull_kernels` refills it once culling
has made room again.

Fifty pages that start a kernel and never connect left the server process 44 % larger
once their kernels were culled (100 MB idle, 144 MB 3 minutes later;
``benchmarks/bench_leftovers.py``), although the Python objects it holds were the same
in number and size (300 more of 200 000). The freed memory stayed with the allocators:
glibc kept 12 MB of freed blocks in its main heap and more in the arenas of the other
threads that allocated, and Python kept 14 more of its 1 MiB arenas, each pinned by a
few live objects (10 MB free in them). Two settings of glibc bring the process back to
+12 %: at most ``SERVER_MALLOC_ARENAS`` arenas for all its threads
(:func:`limit_malloc_arenas`, from ``voila.py`` at start-up), and handing freed memory
back to the system once kernels have ended (:func:`release_freed_memory`, from
:meth:`CappedKernelManager.cull_kernels`). What remains is Python's arenas. Elsewhere
than glibc both do nothing.

When a page closes, Voilà's page asks the server to shut its kernel down at once, with
the ``_xsrf`` cookie as proof that the request comes from the page itself. Voilà's own
server never sets that cookie, so the request was refused (403, "'_xsrf' argument
missing") and the kernel lived until culled. ``TeachingIdentityProvider`` sets the
cookie with every page, and the kernel of a closed page ends right away.
"""

from __future__ import annotations

import asyncio
import ctypes
import ctypes.util
import gc
import inspect
import logging
import os

from jupyter_server.auth.identity import PasswordIdentityProvider
from jupyter_server.services.kernels.kernelmanager import AsyncMappingKernelManager
from tornado import web
from traitlets import Integer

#: Memory one dashboard kernel needs, with some room for a figure being drawn. [bytes]
KERNEL_BYTES = 150 * 2**20
#: Memory kept for the system, the server and the browser of the lecturer. [bytes]
MIN_RESERVE_BYTES = 2**30
#: Share of the memory kept free, when that is more than ``MIN_RESERVE_BYTES``.
RESERVE_FRACTION = 0.25

#: glibc's ``mallopt`` parameter for the most malloc arenas (``M_ARENA_MAX`` in malloc.h).
M_ARENA_MAX = -8
#: Malloc arenas for all the server's threads; glibc's default is 8 per core (glibc
#: manual, "Memory Allocation Tunables": glibc.malloc.arena_max). Measured here after
#: 50 pages (culled after 20 s), with the memory returned after culling: 112 MB with 2,
#: 121 MB with the default, against 100 MB idle.
SERVER_MALLOC_ARENAS = 2

#: The reason phrase of the 503 answer; Voilà's error page shows it as its heading.
FULL_REASON = "This session is full - please ask your lecturer"


def total_memory_bytes() -> int:
    """Physical memory of this machine. [bytes]"""
    return os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")


def default_kernel_cap(total_bytes: int | None = None, kernel_bytes: int = KERNEL_BYTES) -> int:
    """How many dashboard kernels fit in memory, with headroom for everything else.

    Parameters
    ----------
    total_bytes
        Physical memory. [bytes] Defaults to this machine's.
    kernel_bytes
        Memory per kernel. [bytes]

    Returns
    -------
    int
        ``(total - reserve) // kernel_bytes``, at least 1, where the reserve is a quarter
        of the memory but at least 1 GiB. 24 GiB gives 122 kernels; 4 GiB gives 20.
    """
    if total_bytes is None:
        total_bytes = total_memory_bytes()
    reserve = max(MIN_RESERVE_BYTES, int(RESERVE_FRACTION * total_bytes))
    return max(1, (total_bytes - reserve) // kernel_bytes)


def _glibc() -> ctypes.CDLL | None:
    """The C library when it is glibc (it has ``malloc_trim`` and ``mallopt``), else None."""
    name = ctypes.util.find_library("c")
    try:
        libc = ctypes.CDLL(name)
    except OSError:
        return None
    return libc if hasattr(libc, "malloc_trim") and hasattr(libc, "mallopt") else None


def limit_malloc_arenas(arenas: int = SERVER_MALLOC_ARENAS) -> bool:
    """Let this process's threads share at most ``arenas`` malloc arenas (glibc only).

    The same as ``MALLOC_ARENA_MAX`` in the environment, for this process alone (the
    kernels it starts keep glibc's default). Call it before the threads start.
    True when glibc took the setting.
    """
    if arenas < 1:
        raise ValueError(f"arenas must be at least 1; got {arenas}")
    libc = _glibc()
    return bool(libc and libc.mallopt(M_ARENA_MAX, arenas))


def release_freed_memory() -> bool:
    """Collect garbage, then hand the memory that malloc holds free back to the system
    (glibc's ``malloc_trim``, all arenas). True when glibc released some."""
    gc.collect()
    libc = _glibc()
    return bool(libc and libc.malloc_trim(0))


class CappedKernelManager(AsyncMappingKernelManager):
    """Jupyter Server's kernel manager with a cap on the number of kernels."""

    max_kernels = Integer(
        0,
        config=True,
        help="Most kernels at once, preheated ones included; 0 sizes it from the memory.",
    )

    def kernel_cap(self) -> int:
        return self.max_kernels if self.max_kernels > 0 else default_kernel_cap()

    #: Kernels being started: not counted by ``len(self)`` until they are up.
    _starting = 0

    async def start_kernel(self, *args, **kwargs):
        running = len(self) + self._starting
        if running >= self.kernel_cap():
            self.log.warning(
                "Refused a new kernel: %d of %d are running or starting (the session is full).",
                running,
                self.kernel_cap(),
            )
            raise web.HTTPError(503, reason=FULL_REASON)
        self._starting += 1
        try:
            return await super().start_kernel(*args, **kwargs)
        finally:
            self._starting -= 1

    #: Kernels running after the last culling pass.
    _kernels_after_last_cull = 0

    async def cull_kernels(self):
        """Jupyter Server's idle culling, but all kernels at once: shutting 50 abandoned
        kernels down one after another takes minutes on a busy machine. When kernels have
        ended since the last pass (culled, or their page closed), the memory the server
        held for them goes back to the system."""
        kernel_ids = list(self._kernels)
        results = await asyncio.gather(
            *(self.cull_kernel_if_idle(kernel_id) for kernel_id in kernel_ids),
            return_exceptions=True,
        )
        for kernel_id, result in zip(kernel_ids, results, strict=True):
            if isinstance(result, Exception):
                self.log.warning("Could not cull kernel %s: %r", kernel_id, result)
        if len(self) < self._kernels_after_last_cull:  # fewer than after the last pass
            release_freed_memory()
        self._kernels_after_last_cull = len(self)
        self._refill_empty_pools()

    def _refill_empty_pools(self) -> None:
        """Refill a preheated-kernel pool that a refusal left empty, once there is room."""
        pools = getattr(self, "_pools", None)
        if not pools or len(self) + self._starting >= self.kernel_cap():
            return
        for notebook, pool in list(pools.items()):
            failed = [
                task
                for task in pool
                if task.done() and (task.cancelled() or task.exception() is not None)
            ]
            for task in failed:
                pool.remove(task)
            if not pool:
                self.log.info("Refilling the preheated kernels of %s.", notebook)
                self.fill_if_needed(delay=0, notebook_name=notebook)


class TeachingIdentityProvider(PasswordIdentityProvider):
    """Jupyter Server's token login, which also gives each page its ``_xsrf`` cookie."""

    async def get_user(self, handler: web.RequestHandler):
        user = super().get_user(handler)
        if inspect.isawaitable(user):
            user = await user
        is_page = handler.request.method == "GET" and "Upgrade" not in handler.request.headers
        if user is not None and is_page:
            # As the handler's prepare() does next; tornado's xsrf_token reads the user.
            handler.current_user = handler._jupyter_current_user = user
            handler.xsrf_token  # noqa: B018  (reading it sets the cookie)
        return user


class HideTrustWarnings(logging.Filter):
    """Drops Voilà's "Notebook ... is not trusted" warning, logged for every page.

    The teaching notebook has no stored outputs, so trust changes nothing; the
    warning would only push the printed link out of the lecturer's terminal.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        return "is not trusted" not in record.getMessage()
