"""The PNG path: a figure to PNG bytes fast enough for a slider.

:func:`figure_png` draws a whole figure and encodes it; :class:`FastPNG`
keeps a dashboard's static parts as a bitmap and redraws only what changes
(the dashboards' fast path to an ``ipywidgets.Image``). The encoder writes
unfiltered RGBA rows with a fast zlib level, compressing the two halves of
the image in two threads (zlib releases the GIL) as pigz does.
"""

from __future__ import annotations

import io
import os
import struct
import zlib
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

import matplotlib as mpl
import numpy as np
from matplotlib.artist import Artist
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from .._files import write_bytes_file

if TYPE_CHECKING:
    from .layout import Panels

__all__ = ["FastPNG", "encode_png", "figure_png"]

_POOL: ThreadPoolExecutor | None = None


def _deflate(data: memoryview, level: int, last: bool) -> bytes:
    """Raw deflate of one piece; all but the last end on a byte boundary (sync flush)."""
    packer = zlib.compressobj(level, zlib.DEFLATED, -15)
    return packer.compress(data) + packer.flush(zlib.Z_FINISH if last else zlib.Z_SYNC_FLUSH)


def encode_png(rgba: np.ndarray, level: int = 1) -> bytes:
    """Encode an RGBA image as PNG: no row filter, zlib ``level``.

    Writing all four channels avoids a slow strided copy (the constant alpha
    channel costs almost nothing after compression). The two halves of the
    image are compressed in two threads (zlib releases the GIL) and joined
    into one zlib stream, as pigz does.
    """
    global _POOL
    height, width = rgba.shape[:2]
    rows = np.zeros((height, 1 + 4 * width), dtype=np.uint8)  # filter byte 0 per row
    rows[:, 1:] = np.ascontiguousarray(rgba, dtype=np.uint8).reshape(height, 4 * width)
    raw = memoryview(rows).cast("B")
    half = (height // 2) * rows.shape[1]
    if _POOL is None:
        _POOL = ThreadPoolExecutor(max_workers=2, thread_name_prefix="gluteed-png")
    first = _POOL.submit(_deflate, raw[:half], level, False)
    second = _deflate(raw[half:], level, True)
    adler = zlib.adler32(raw)
    data = b"\x78\x01" + first.result() + second + struct.pack(">I", adler)

    def chunk(kind: bytes, body: bytes) -> bytes:
        crc = zlib.crc32(kind + body)
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", crc)

    header = struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0)  # 8-bit RGBA
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", data) + chunk(b"IEND", b"")
    )


def figure_png(fig: Figure, *, level: int = 1) -> bytes:
    """Draw a whole figure with Agg and return PNG bytes (fast zlib level).

    Parameters
    ----------
    fig : matplotlib.figure.Figure
        Drawn at its own size and dpi.
    level : int
        zlib compression level, 0-9: 1 is fast and small enough for plots.
    """
    canvas = fig.canvas if isinstance(fig.canvas, FigureCanvasAgg) else FigureCanvasAgg(fig)
    canvas.draw()
    return encode_png(np.asarray(canvas.buffer_rgba()), level)


#: Text without font hinting renders about twice as fast; used for every
#: frame (full and partial draws alike, so the text looks the same).
_FAST_TEXT = {"text.hinting": "no_hinting"}


class FastPNG:
    """Render a dashboard figure to PNG, redrawing only what changes.

    The static parts (axes, ticks, titles, legend frame, colour key) are
    drawn once and kept as a bitmap; each :meth:`render` restores it, draws
    the changing artists (``panels.changing``) on top and encodes PNG with a
    fast zlib level. After the first full draw the automatic layout is
    frozen, so nothing moves between frames. Call :meth:`invalidate` when an
    axis range or tick labels changed (``update_panels`` returns True then).

    Parameters
    ----------
    panels : Panels
        Drawn on an Agg canvas (any object with ``figure`` and ``changing``).

    Notes
    -----
    The changing artists are marked *animated*, so a plain ``savefig`` of
    the figure would leave them out: use :meth:`png` or :meth:`savefig`.
    """

    def __init__(self, panels: Panels) -> None:
        if not isinstance(panels.figure.canvas, FigureCanvasAgg):
            raise ValueError("FastPNG needs a figure on an Agg canvas")
        self.panels = panels
        self._background = None
        self._changing: list[Artist] = panels.changing
        for artist in self._changing:
            artist.set_animated(True)
        self._order = sorted(self._changing, key=lambda a: a.get_zorder())
        #: How many times the whole figure was drawn (once, plus once per layout change).
        self.full_draws = 0

    def invalidate(self) -> None:
        """Redraw the static parts at the next :meth:`render`."""
        self._background = None

    def render(self) -> bytes:
        """PNG bytes of the figure as it is now."""
        fig = self.panels.figure
        canvas = fig.canvas
        with mpl.rc_context(_FAST_TEXT):
            if self._background is None:
                canvas.draw()  # runs the layout; skips the animated artists
                fig.set_layout_engine("none")  # freeze: nothing moves between frames
                self._background = canvas.copy_from_bbox(fig.bbox)
                self.full_draws += 1
            else:
                canvas.restore_region(self._background)
            renderer = canvas.get_renderer()
            for artist in self._order:
                if artist.get_visible():
                    artist.draw(renderer)
        return encode_png(np.asarray(canvas.buffer_rgba()))

    def png(self) -> bytes:
        """The same image drawn the ordinary (slow) way, for saving."""
        for artist in self._changing:
            artist.set_animated(False)
        try:
            with mpl.rc_context(_FAST_TEXT):
                return figure_png(self.panels.figure, level=6)
        finally:
            for artist in self._changing:
                artist.set_animated(True)
            self.invalidate()

    def savefig(
        self, path: str | os.PathLike | IO[bytes], *, overwrite: bool = False, **kwargs: Any
    ) -> None:
        """``Figure.savefig`` with the changing artists included.

        A file path is written as gluteed writes every file: all at once,
        never through a symbolic link, and over an existing file only with
        ``overwrite=True`` (otherwise ValueError naming the file). The format
        comes from ``format=`` or the suffix, PNG without one. A file object
        is handed to matplotlib as it is.
        """
        if isinstance(path, str | os.PathLike):
            fmt = kwargs.pop("format", None) or Path(path).suffix.lstrip(".").lower() or "png"
            buffer = io.BytesIO()
            self._savefig(buffer, format=fmt, **kwargs)
            write_bytes_file(path, buffer.getvalue(), overwrite=overwrite, what="figure file")
        else:
            self._savefig(path, **kwargs)

    def _savefig(self, target: str | os.PathLike | IO[bytes], **kwargs: Any) -> None:
        for artist in self._changing:
            artist.set_animated(False)
        try:
            self.panels.figure.savefig(target, **kwargs)
        finally:
            for artist in self._changing:
                artist.set_animated(True)
            self.invalidate()
