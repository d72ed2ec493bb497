"""Drawing a dashboard's figure ahead, for the page to keep (see :mod:`gluteed.drag_frames`).

:class:`DrawingAhead` is the part of :class:`gluteed.dashboard.Dashboard` that
draws the positions of a slider the page moved (and the lesson's slider when a
page opens) while the kernel is idle, sends them to the page to keep, and shares
what it draws with the other kernels of a teaching server.
"""

from __future__ import annotations

import os
import random
import time
from collections.abc import Callable, Mapping
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

from . import drag_frames

if TYPE_CHECKING:
    from .dashboard import ModelResult

__all__ = ["DrawingAhead"]


def running_loop():
    """The running asyncio event loop (the kernel's), or None outside one."""
    import asyncio

    try:
        return asyncio.get_running_loop()
    except RuntimeError:
        return None


class DrawingAhead:
    """Drawing ahead and shared pictures: mixed into :class:`gluteed.dashboard.Dashboard`."""

    #: Draw the positions of a slider moved in the page ahead, while the kernel is
    #: idle (see :mod:`gluteed.drag_frames`); off with ``GLUTEED_DRAW_AHEAD=0``.
    draw_ahead = os.environ.get("GLUTEED_DRAW_AHEAD", "1") != "0"
    #: Controls linked in the kernel to a slider, by the slider's name (they follow it).
    _FOLLOWERS: Mapping[str, tuple[str, ...]] = MappingProxyType({})
    #: What a drawing ahead changes and puts back (the curve dashboards' sweep).
    _AHEAD_KEEPS: tuple[str, ...] = ()

    def _page_ready(self) -> None:
        """A page has set up its store: it has the figure shown, the lesson's slider next."""
        self._in_page = {self._key_now(): None}
        self._moved_in_page = self._first_ahead()
        self._plan_ahead(delay=0.0)

    def _first_ahead(self) -> str | None:
        """The slider drawn ahead before any is moved: the stance leg's strength."""
        side = self.controls["stance_side"].value if "stance_side" in self.controls else "right"
        return f"glute_med_strength_{side}_pct"

    def _plan_ahead(self, delay: float = drag_frames.AHEAD_DELAY_S) -> None:
        """After a change from the page: draw the moved slider's other positions in ``delay`` s."""
        self._ahead_turn += 1
        name, self._moved_in_page = self._moved_in_page, None
        loop = running_loop()
        if not (self.draw_ahead and self.frames is not None and name and loop):
            return
        settings = self.frames.settings()
        todo = [
            v
            for v in drag_frames.slider_positions(self.controls[name])
            if self._key_of({**settings, name: v}) not in self._in_page
        ]
        if todo:
            loop.call_later(delay, self._ahead_step, self._ahead_turn, name, todo)

    def _ahead_step(self, turn: int, name: str, todo: list) -> None:
        """Draw and send one position ahead; the next one after the kernel's other work.

        At most :data:`~gluteed.drag_frames.AHEAD_WINDOW` pictures are on their way
        to the page at once: with that many, it waits until the page says it
        keeps one (:meth:`_page_kept`).
        """
        if turn != self._ahead_turn or not todo:
            return
        loop = running_loop()
        if self.frames.in_flight >= drag_frames.AHEAD_WINDOW:
            self._parked = (turn, name, todo)
            return
        shared = self._shared is not None and self._shared.has(
            {**self.frames.settings(), name: todo[0]}
        )
        # Sending a shared picture costs about a millisecond; drawing one, fifty.
        if not shared and not drag_frames.machine_has_room():
            # Kernels that wait look again at different times, not all at once.
            loop.call_later(random.uniform(0.5, 1.5), self._ahead_step, turn, name, todo)
            return
        self._send_ahead(name, todo.pop(0))
        loop.call_later(0.001, self._ahead_step, turn, name, todo)

    def _page_kept(self) -> None:
        """The page keeps a picture sent ahead: the next one may go."""
        parked, self._parked = self._parked, None
        loop = running_loop()
        if parked is not None and loop is not None:
            loop.call_soon(self._ahead_step, *parked)

    @staticmethod
    def _key_of(settings: Mapping[str, Any]) -> tuple:
        return tuple(sorted(settings.items()))

    def _key_now(self) -> tuple:
        return self._key_of(self.frames.settings()) if self.frames is not None else ()

    #: Most pictures the kernel remembers sending to the page (the page keeps more).
    _IN_PAGE_MOST = 400

    def _in_page_now(self, key: tuple) -> None:
        """Note that the page has the picture of settings ``key``."""
        if len(self._in_page) >= self._IN_PAGE_MOST:
            self._in_page.pop(next(iter(self._in_page)))
        self._in_page[key] = None

    def _send_ahead(self, name: str, value: float) -> None:
        """Send the page the figure with control ``name`` at ``value``, to keep.

        Read from the pictures the server's kernels share when one of them drew
        it, else drawn (:meth:`_draw_ahead`).
        """
        settings = {**self.frames.settings(), name: value}
        kept = self._shared.get(settings) if self._shared is not None else None
        sent = (settings, *kept) if kept is not None else self._draw_ahead(name, value)
        if sent is not None:
            self.frames.send_frame(*sent)
            self._in_page_now(self._key_of(sent[0]))

    def _draw_ahead(self, name: str, value: float) -> tuple | None:
        """The figure with control ``name`` at ``value``: settings, PNG, text alternative, readout.

        The control is set without telling the page, and put back after; so are
        the artists (a figure saved meanwhile is the one shown). None when the
        model does not accept the settings.
        """
        control = self.controls[name]
        followers = [self.controls[n] for n in self._FOLLOWERS.get(name, ())]
        start = control.value
        kept = {attr: getattr(self, attr) for attr in self._AHEAD_KEEPS}
        self._holding = True
        try:
            drag_frames.set_unsent(control, value, followers)
            try:
                result = self._solve() if name in self._model_controls() else self.result
            except ValueError:
                return None
            if self._update(result):
                self._fast.invalidate()
            png = self._frame(result)
            return self.frames.settings(), png, self._alt_text(result), self._readout_html(result)
        finally:
            drag_frames.set_unsent(control, start, followers)
            self._put_back(kept)
            if self._update(self.result):
                self._fast.invalidate()
            self._holding = False

    def draw_for_others(self, waiting: Callable[[], bool]) -> int:
        """Draw the lesson's slider into the pictures the server's kernels share.

        For a preheated kernel while it waits for its page (``waiting()`` true):
        each position no kernel has drawn or is drawing, while the machine has a
        core to spare (:func:`gluteed.drag_frames.machine_has_room`). Nothing is
        sent anywhere, and the dashboard is left as it was. Returns how many
        pictures it drew; 0 without a shared store or with drawing ahead off.
        """
        name = self._first_ahead()
        if self._shared is None or not self.draw_ahead or name not in self.controls:
            return 0
        drawn = 0
        for value in drag_frames.slider_positions(self.controls[name]):
            if not self._shared.claim({**self.frames.settings(), name: value}):
                continue  # another kernel has drawn it, or is drawing it
            while not drag_frames.machine_has_room():
                if not waiting():
                    return drawn
                _nap(random.uniform(0.5, 1.5), waiting)
            if not waiting():
                break
            drawn += self._draw_ahead(name, value) is not None
        return drawn

    def _put_back(self, kept: dict[str, Any]) -> None:
        for attr, value in kept.items():
            setattr(self, attr, value)

    def _shared_frame(self, result: ModelResult) -> bytes:
        """The PNG of the figure now: read from the shared pictures, else drawn and shared."""
        if self._shared is None:
            return self._fast.render()
        settings = self.frames.settings()
        kept = self._shared.get(settings)
        if kept is not None:
            return kept[0]
        png = self._fast.render()
        self._shared.put(settings, png, self._alt_text(result), self._readout_html(result))
        return png


def _nap(seconds: float, waiting: Callable[[], bool]) -> None:
    """Sleep ``seconds``, or until ``waiting()`` is false (looked at every 50 ms)."""
    end = time.monotonic() + seconds
    while waiting() and time.monotonic() < end:
        time.sleep(0.05)
