"""Pictures kept in the page, so a dragged slider's figure follows the handle.

ipywidgets sends a slider's next position only once the kernel has answered the
last one. Measured with ``benchmarks/bench_drag.py`` on a 2-core machine, that
round trip alone allows about 15 figures per second, even when the kernel sends
an 8 × 8 pixel picture and draws nothing. So the page keeps the pictures:

* every figure the kernel sends carries the settings it was drawn for (the
  image widget's ``settings``), and the page keeps it under them, decoded once;
* once a page has set up its store, and after each slider the page moves, the
  kernel waits :data:`AHEAD_DELAY_S` of quiet and then draws that slider's other
  positions (first the lesson's slider), nearest first, while the machine has a
  core to spare (:func:`machine_has_room`), and sends them along; any change from
  the page stops it;
* while a control moves in the page, the kept picture of the new settings, with
  its text alternative and readout, is put in place at once; without one the
  page waits for the kernel as before;
* while the page shows kept pictures, it tells the kernel of a moved control
  only once the control has rested (:data:`REST_S`), so a drag
  costs the page one message instead of one per round trip (in JupyterLab each
  also updates the notebook's status displays). A late echo of an earlier
  position is dropped, and a click or a non-slider key sends what is held
  first. For a position the page already shows, the kernel draws once the
  slider has rested, so what it holds (for saving, for links) is the page's
  state.

The page's side is ``drag_frames.js``, loaded by ``anywidget`` (a custom
widget's front-end code without a JupyterLab build).

The kernels of one teaching server share what they draw (:class:`SharedFrames`,
in a folder the server makes and removes, named by :data:`SHARED_ENV`): a
picture one kernel drew is read, not drawn, by the next, and a preheated kernel
waiting for its page draws the lesson's slider for the server's case. So a
student who opens the page gets that slider's pictures within a second or two.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import time
from collections.abc import Callable, Mapping, Sequence
from contextlib import ExitStack
from pathlib import Path
from typing import Any

import anywidget
import ipywidgets as w
import traitlets

from ._files import read_regular_file, write_bytes_file
from .dashboard_parts import step_decimals

__all__ = [
    "AHEAD_DELAY_S",
    "AHEAD_WINDOW",
    "REST_S",
    "ROOM_CORES",
    "SHARED_ENV",
    "FrameStore",
    "SharedFrames",
    "control_setting",
    "free_cores",
    "from_page",
    "machine_has_room",
    "set_unsent",
    "slider_positions",
]

#: Quiet time after a change before the kernel draws ahead. [s]
AHEAD_DELAY_S = 0.3
#: How long a control must rest, after a move the page showed from a kept picture,
#: before the page tells the kernel of it and the kernel redraws. [s]
REST_S = 0.15
#: Most pictures sent ahead that the page has not yet said it has. [-]
AHEAD_WINDOW = 3
#: Sliders with more positions than this are not drawn ahead (a whole range is
#: drawn in about 50 ms a position). [-]
AHEAD_MAX_POSITIONS = 201


class FrameStore(anywidget.AnyWidget):
    """The dashboard's figure in the page, and its store of pictures by settings.

    The figure's ``ipywidgets.Image`` carries the kernel's pictures but is not
    shown itself: this widget shows them (an ``<img>`` with the image's text
    alternative as ``alt`` and ``title``), and the kept ones while a control
    moves (see the module's text).

    Parameters
    ----------
    controls : dict of str to ipywidgets.Widget
        The controls whose values make a figure's settings, by name.
    image : ipywidgets.Image
        The figure; it must have a synced ``settings`` dict (see
        :class:`gluteed.sharing.FigureImage`).
    readout : ipywidgets.HTML
        The line of text drawn with each figure.
    img_style : str
        CSS of the ``<img>`` (its size on the page).
    limit_bytes : int
        Most bytes of pictures the page keeps (oldest dropped first).
    """

    _esm = (Path(__file__).with_name("drag_frames.js")).read_text(encoding="utf-8")
    names = traitlets.List(traitlets.Unicode()).tag(sync=True)
    attrs = traitlets.List(traitlets.Unicode()).tag(sync=True)
    control_ids = traitlets.List(traitlets.Unicode()).tag(sync=True)
    image_id = traitlets.Unicode().tag(sync=True)
    readout_id = traitlets.Unicode().tag(sync=True)
    img_style = traitlets.Unicode().tag(sync=True)
    limit_bytes = traitlets.Int(64 * 2**20).tag(sync=True)
    rest_ms = traitlets.Float(REST_S * 1000).tag(sync=True)

    def __init__(
        self,
        controls: dict[str, w.Widget],
        image: w.Image,
        readout: w.HTML,
        img_style: str = "width: 100%",
        limit_bytes: int = 64 * 2**20,
    ) -> None:
        names = sorted(controls)
        super().__init__(
            names=names,
            attrs=[control_setting(controls[n])[0] for n in names],
            control_ids=[controls[n].model_id for n in names],
            image_id=image.model_id,
            readout_id=readout.model_id,
            img_style=img_style,
            limit_bytes=int(limit_bytes),
            layout=w.Layout(width="100%"),
        )
        self._controls = {n: controls[n] for n in names}
        #: Called when a page has set up its store (no argument): it has no picture yet
        #: but the figure it shows.
        self.on_page_ready: Callable[[], None] | None = None
        #: Called when the page says it keeps a picture sent ahead (no argument).
        self.on_kept: Callable[[], None] | None = None
        #: Pictures sent ahead that the page has not yet said it keeps.
        self.in_flight = 0
        self.on_msg(self._from_page)

    def _from_page(self, _widget: w.Widget, content: Any, _buffers: Sequence) -> None:
        kind = content.get("kind") if isinstance(content, dict) else None
        if kind == "kept":
            self.in_flight = max(0, self.in_flight - 1)
            if self.on_kept:
                self.on_kept()
        elif kind == "ready":
            self.in_flight = 0
            if self.on_page_ready:
                self.on_page_ready()

    def settings(self) -> dict[str, Any]:
        """The controls' settings as the page sees them (what a picture is kept under)."""
        return {n: control_setting(c)[1] for n, c in self._controls.items()}

    def send_frame(self, settings: dict[str, Any], png: bytes, tooltip: str, readout: str) -> None:
        """Send the page a picture drawn ahead, to keep (not to show)."""
        message = {"kind": "frame", "settings": settings, "tooltip": tooltip, "readout": readout}
        self.send(message, buffers=[png])
        self.in_flight += 1


def control_setting(control: w.Widget) -> tuple[str, Any]:
    """The synced attribute that holds a control's setting in the page, and its value.

    A choice (toggle buttons, drop-down) keeps its ``index`` in the page, the
    option's value only in the kernel; a slider or check box keeps ``value``.
    """
    if isinstance(control, w.widgets.widget_selection._Selection):
        return "index", control.index
    return "value", control.value


def slider_positions(control: w.Widget) -> list[float]:
    """A slider's other positions, nearest to its value first; [] for other controls.

    Also [] for a disabled slider and for one with more than
    :data:`AHEAD_MAX_POSITIONS` positions.
    """
    if not isinstance(control, w.FloatSlider | w.IntSlider) or control.disabled:
        return []
    count = round((control.max - control.min) / control.step)
    if not 1 <= count <= AHEAD_MAX_POSITIONS:
        return []
    digits = step_decimals(control.step)
    values = {
        min(round(control.min + i * control.step, digits), control.max) for i in range(count + 1)
    }
    if isinstance(control, w.IntSlider):
        values = {int(v) for v in values}
    now = control.value
    return sorted(values - {now}, key=lambda v: (abs(v - now), v))


def set_unsent(control: w.Widget, value: Any, followers: Sequence[w.Widget] = ()) -> None:
    """Set ``control.value`` without telling the page (a picture is drawn for it).

    ``followers`` are widgets linked to the control in the kernel (e.g. a Play
    button): they follow it, and the page is not told of them either.
    """
    with ExitStack() as locks:
        for widget in (control, *followers):
            to_json = widget.trait_metadata("value", "to_json", widget._trait_to_json)
            locks.enter_context(widget._lock_property(value=to_json(value, widget)))
        control.value = value


#: Cores the other processes must leave free (idle, or used by this kernel itself)
#: before a picture is drawn ahead. [cores]
ROOM_CORES = 1.0
_last_look: list[tuple[float, float, float, float]] = []


def machine_has_room() -> bool:
    """True while the other processes have left :data:`ROOM_CORES` free since the last look.

    On a teaching server full of students drawing ahead waits: the pictures
    are a convenience, the students' own changes come first. The cores free
    for this kernel are the idle ones plus those it used itself (drawing
    ahead keeps one busy). Read from ``/proc/stat`` (Linux); elsewhere from
    the 1-minute load average.
    """
    cores = os.cpu_count() or 1
    try:
        with open("/proc/stat", encoding="ascii") as stat:
            ticks = [float(t) for t in stat.readline().split()[1:]]
    except (OSError, ValueError):
        try:
            return os.getloadavg()[0] < cores - ROOM_CORES
        except OSError:
            return True
    idle = ticks[3] + (ticks[4] if len(ticks) > 4 else 0.0)
    look = (idle, sum(ticks), time.process_time(), time.monotonic())
    before = _last_look[0] if _last_look else None
    _last_look[:] = [look]
    return before is None or free_cores(before, look, cores) >= ROOM_CORES


def free_cores(before: Sequence[float], after: Sequence[float], cores: int) -> float:
    """Cores the other processes left free between two looks. [cores]

    A look is (idle ticks, all ticks) of the machine, this process's CPU time
    and the clock [s]. Free are the idle cores and those this process used;
    all of them when no time passed (nothing to go by).
    """
    ticks, seconds = after[1] - before[1], after[3] - before[3]
    if ticks <= 0 or seconds <= 0:
        return float(cores)
    return cores * (after[0] - before[0]) / ticks + (after[2] - before[2]) / seconds


def from_page(control: w.Widget, names: Sequence[str] = ("value", "index")) -> bool:
    """True while ``control`` applies a change the page sent (not one made in Python)."""
    lock = getattr(control, "_property_lock", None) or {}
    return any(n in lock for n in names)


#: Environment variable naming the folder where the kernels of one server share their
#: pictures (``make app`` makes one and removes it when the server stops).
SHARED_ENV = "GLUTEED_SHARED_FRAMES"


class SharedFrames:
    """Pictures shared by the kernels of one teaching server, each in a file of a folder.

    A picture is kept with its settings, its text alternative and its readout,
    for one ``kind`` of figure (dashboard, size, version): any kernel drawing
    the same figure with the same settings gets the same picture, so it reads
    the file instead of drawing it (about 1 ms instead of 50 ms). Files are
    written atomically (a reader finds a whole file or none); the folder holds
    at most ``most_bytes``, after which nothing more is added. Whatever cannot
    be read (missing, damaged, another picture's) is a miss, never an error.

    Parameters
    ----------
    folder : path
        An existing folder, made for this (by the server, private to its user).
    kind : str
        What figure the pictures are of; part of every file's name and content.
    most_bytes : int
        Most bytes of pictures in the folder. [B]
    """

    #: Largest file read back (a picture is about 150 KB). [B]
    FILE_MOST = 4 * 2**20

    def __init__(self, folder: str | os.PathLike, kind: str, most_bytes: int = 256 * 2**20) -> None:
        self.folder = Path(folder)
        self.kind = kind
        self.most_bytes = int(most_bytes)
        self._count_in = 0  # writes until the folder's bytes are counted again
        self._full = False

    @classmethod
    def from_env(cls, kind: str) -> SharedFrames | None:
        """The store of the folder :data:`SHARED_ENV` names; None without one."""
        folder = os.environ.get(SHARED_ENV, "")
        return cls(folder, kind) if folder and os.path.isdir(folder) else None

    def _name(self, settings: Mapping[str, Any]) -> tuple[Path, bytes]:
        label = repr((self.kind, sorted(settings.items()))).encode("utf-8")
        return self.folder / f"{hashlib.sha256(label).hexdigest()}.frame", label

    def has(self, settings: Mapping[str, Any]) -> bool:
        """Whether a picture is kept for ``settings`` (its file is there)."""
        return self._name(settings)[0].is_file()

    def get(self, settings: Mapping[str, Any]) -> tuple[bytes, str, str] | None:
        """The picture, text alternative and readout kept for ``settings``, or None."""
        path, label = self._name(settings)
        try:
            data = read_regular_file(path, self.FILE_MOST)
            if len(data) > self.FILE_MOST:
                return None
            head_size = int.from_bytes(data[:4], "big")
            head = json.loads(data[4 : 4 + head_size])
            if head["label"] != label.decode("utf-8"):
                return None
            return data[4 + head_size :], str(head["tooltip"]), str(head["readout"])
        except (ValueError, KeyError, TypeError):
            return None

    def put(self, settings: Mapping[str, Any], png: bytes, tooltip: str, readout: str) -> None:
        """Keep a picture for ``settings`` (not while the folder is full; never an error)."""
        if self._full_now():
            return
        path, label = self._name(settings)
        head = json.dumps(
            {"label": label.decode("utf-8"), "tooltip": tooltip, "readout": readout}
        ).encode("utf-8")
        data = len(head).to_bytes(4, "big") + head + png
        with contextlib.suppress(ValueError):
            write_bytes_file(path, data, overwrite=True, what="shared picture")

    def _full_now(self) -> bool:
        """Whether the folder holds ``most_bytes`` (counted again every 32 writes)."""
        if self._count_in <= 0:
            try:
                held = sum(e.stat().st_size for e in os.scandir(self.folder) if e.is_file())
            except OSError:
                held = self.most_bytes
            self._full = held >= self.most_bytes
            self._count_in = 32
        self._count_in -= 1
        return self._full

    def claim(self, settings: Mapping[str, Any]) -> bool:
        """True once per settings for all kernels: the one that gets it draws that picture.

        For kernels drawing ahead with no page (preheated), so two do not draw
        the same pictures; a kernel with a page just draws what it needs.
        """
        path, _label = self._name(settings)
        try:
            os.close(os.open(path.with_suffix(".claim"), os.O_WRONLY | os.O_CREAT | os.O_EXCL))
        except OSError:
            return False
        return True
