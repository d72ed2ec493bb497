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
from matplotlib.backends.backend_agg import FigureCanvasAgg, RendererAgg
from matplotlib.colors import to_rgba
from matplotlib.figure import Figure
from matplotlib.text import Annotation, Text

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

    Text is the slow part of a frame, and most labels do not change while one
    slider moves: each changing text is kept as the small bitmap it drew (see
    :class:`_TextCache`) and pasted again while its text, place and look stay
    the same.

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
        self._texts = _TextCache(panels.figure)
        #: How many times the whole figure was drawn (once, plus once per layout change).
        self.full_draws = 0

    def invalidate(self) -> None:
        """Redraw the static parts (and every text) at the next :meth:`render`."""
        self._background = None
        self._texts.clear()

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
            pixels = np.asarray(canvas.buffer_rgba())
            for artist in self._order:
                if not artist.get_visible():
                    continue
                if isinstance(artist, Text) and not isinstance(artist, Annotation):
                    self._texts.draw(artist, renderer, pixels)
                else:
                    artist.draw(renderer)
        return encode_png(pixels)

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


class _TextCache:
    """Bitmaps of a figure's changing texts, pasted again while nothing about them changed.

    A text is drawn once on a transparent canvas of the figure's size; the
    pixels around it are kept with the text's *look* (its string, place on the
    canvas, font, colour, angle, alignment and box). While the look stays the
    same the kept pixels are laid over the frame (the "over" operator, as Agg
    blends), which costs a small fraction of laying the text out and
    rasterising its glyphs again. Texts are placed on whole pixels by Agg, so
    the pasted text is the drawn one (a box around a text may differ by
    anti-aliasing at its edge).
    """

    #: Pixels kept around a text's extent, for anti-aliasing and box edges. [px]
    PAD = 3

    def __init__(self, figure: Figure) -> None:
        self._figure = figure
        self._scratch: RendererAgg | None = None
        self._kept: dict[int, tuple[tuple, int, int, np.ndarray]] = {}

    def clear(self) -> None:
        """Forget every kept text (after the layout or the canvas changed)."""
        self._kept.clear()
        self._scratch = None

    @staticmethod
    def look(text: Text) -> tuple:
        """Everything that decides a text's pixels."""
        box = text.get_bbox_patch()
        boxed = None
        if box is not None:
            boxed = (
                to_rgba(box.get_facecolor()),
                to_rgba(box.get_edgecolor()),
                box.get_linewidth(),
                str(box.get_boxstyle()),
                box.get_alpha(),
            )
        place = text.get_transform().transform(text.get_unitless_position())
        return (
            text.get_text(),
            round(float(place[0]), 3),
            round(float(place[1]), 3),
            to_rgba(text.get_color()),
            text.get_alpha(),
            hash(text.get_fontproperties()),
            text.get_rotation(),
            text.get_horizontalalignment(),
            text.get_verticalalignment(),
            text._multialignment,
            text.get_linespacing(),
            text.get_rotation_mode(),
            text.get_clip_on(),
            boxed,
        )

    def draw(self, text: Text, renderer: RendererAgg, pixels: np.ndarray) -> None:
        """Draw ``text`` onto ``pixels`` (the canvas's RGBA buffer), from the kept bitmap if it can."""
        look = self.look(text)
        kept = self._kept.get(id(text))
        if kept is None or kept[0] != look:
            kept = self._keep(text, renderer, look)
        _, row, col, bitmap = kept
        if bitmap.size:
            _over(pixels[row : row + bitmap.shape[0], col : col + bitmap.shape[1]], bitmap)

    def _keep(self, text: Text, renderer: RendererAgg, look: tuple) -> tuple:
        """Draw ``text`` alone and keep the pixels around it."""
        height, width = int(renderer.height), int(renderer.width)
        if self._scratch is None or (self._scratch.width, self._scratch.height) != (width, height):
            self._scratch = RendererAgg(width, height, self._figure.dpi)
        scratch = self._scratch
        text.draw(scratch)
        extent = text.get_window_extent(scratch)
        box = text.get_bbox_patch()
        if box is not None:
            extent = extent.union([extent, box.get_window_extent(scratch)])
        pad = self.PAD + (0 if box is None else int(np.ceil(box.get_linewidth())))
        col0 = max(int(np.floor(extent.x0)) - pad, 0)
        col1 = min(int(np.ceil(extent.x1)) + pad, width)
        row0 = max(height - int(np.ceil(extent.y1)) - pad, 0)
        row1 = min(height - int(np.floor(extent.y0)) + pad, height)
        drawn = np.asarray(scratch.buffer_rgba())
        around = drawn[row0:row1, col0:col1]
        bitmap = around.copy()
        around[...] = 0  # transparent again for the next text (cheaper than clearing it all)
        kept = (look, row0, col0, bitmap)
        self._kept[id(text)] = kept
        return kept


def _over(below: np.ndarray, above: np.ndarray) -> None:
    """Lay the straight-alpha RGBA ``above`` over the opaque RGBA ``below``, in place."""
    alpha = above[..., 3:4].astype(np.uint16)
    if not alpha.any():
        return
    mixed = above[..., :3] * alpha + below[..., :3] * (255 - alpha) + 127
    below[..., :3] = mixed // 255
