"""Parts of the dashboards around the figure: case order, hints, figure download.

Plain functions and small widgets that :mod:`gluteed.widgets` puts together:

``ordered_cases(names)``
    The shipped patient cases in teaching order (``CASE_ORDER``), "Healthy
    adult" first; a case missing from the order comes after, by name.
``hint_html(reasons, labels)``
    The short visible line that says why a control is greyed out (or why
    moving it changes no number).
``FigureSaver``
    A "Save figure" button and, once pressed, two download links (PNG and
    SVG) that carry the figure as data URLs: the browser downloads, nothing
    is written on the server's disk.
``dashboard_figure``, ``freeze_layout_after_first_draw``, ``ipympl_active``
    The dashboard's figure on Agg (pictures sent as PNG) or on ipympl's canvas.
"""

from __future__ import annotations

import base64
import decimal
import html
import io
import warnings
from collections.abc import Callable, Iterable, Mapping, Sequence

import ipywidgets as w
import matplotlib as mpl
import traitlets
from matplotlib.backend_bases import Event
from matplotlib.figure import Figure

from .parameters import Parameter

__all__ = [
    "CASE_ORDER",
    "DASHBOARD_CSS",
    "FigureSaver",
    "dashboard_figure",
    "freeze_layout_after_first_draw",
    "hint_html",
    "ipympl_active",
    "ordered_cases",
    "show_reasons",
    "slider_for",
    "step_decimals",
    "toggle_for",
]

#: The dashboards' own style, shipped inside them (an HTML widget), so that JupyterLab
#: and Voilà show them alike: each choice on one row with its label, text that wraps
#: at its own line height, links that look like links.
DASHBOARD_CSS = """<style>
.gluteed-controls .widget-toggle-buttons { display: flex; align-items: center; }
.gluteed-controls .widget-toggle-buttons > div { display: flex; flex-wrap: wrap; }
.gluteed-readout .widget-html-content, .gluteed-hint .widget-html-content,
.gluteed-case-description .widget-html-content, .gluteed-save-links .widget-html-content {
  line-height: 1.35; }
.gluteed-hint { color: var(--jp-ui-font-color2, #555); }
.gluteed-save-links a { color: var(--jp-content-link-color, #1a5fb4); text-decoration: underline; }
.gluteed-controls .widget-slider .widget-readout { min-width: 3em; }
</style>"""

#: The shipped patient cases in the order a lecture takes them: the healthy
#: reference first, then the weak glute, its compensation, its training, and
#: the hamstring case of the forward bend.
CASE_ORDER = (
    "healthy-adult",
    "weak-right-glute",
    "duchenne-compensator",
    "after-8-weeks-training",
    "office-tight-hamstrings",
)


def ordered_cases(names: Iterable[str]) -> list[str]:
    """``names`` in teaching order (:data:`CASE_ORDER`); unknown names last, sorted."""
    names = list(names)
    known = [name for name in CASE_ORDER if name in names]
    return known + sorted(name for name in names if name not in CASE_ORDER)


def hint_html(reasons: Mapping[str, str], labels: Mapping[str, str]) -> str:
    """One short line per control that moves nothing now: its label and why.

    Parameters
    ----------
    reasons
        Control name -> reason, in plain words.
    labels
        Control name -> its label as shown (with the unit).
    """
    lines = [
        f"<b>{html.escape(labels.get(name, name))}</b>: {html.escape(reason)}"
        for name, reason in reasons.items()
    ]
    return "<br>".join(lines)


def show_reasons(
    controls: Mapping[str, w.Widget],
    inactive: Mapping[str, str],
    notes: Mapping[str, str],
    tooltips: Mapping[str, str],
) -> str:
    """Grey out the ``inactive`` controls, put each reason in its control's tooltip.

    Returns the hint (:func:`hint_html`) that says it in words: ``inactive`` and
    ``notes`` (controls that stay usable but move no number now). ``tooltips``
    are the controls' own, shown again once they matter.
    """
    for name, control in controls.items():
        control.disabled = name in inactive
        why = inactive.get(name) or notes.get(name)
        own = tooltips[name]
        if why:  # the reason first, the control's own tooltip (range, unit) after it
            why = f"{why[:1].upper()}{why[1:]}"
            control.tooltip = f"{why}. {own}" if own else why
        else:
            control.tooltip = own
    labels = {name: control.description for name, control in controls.items()}
    return hint_html({**notes, **inactive}, labels)


class StepSlider(w.FloatSlider):
    """A ``FloatSlider`` whose value keeps its step's decimals.

    The browser's slider computes a position through a percentage of the track
    and can send 74.00000000000001 for 74: rounded to the step's decimals, such
    a value is the one already set, so it changes nothing (no new state, no
    redraw, no link with a stray digit).
    """

    @traitlets.validate("value")
    def _validate_value(self, proposal: dict) -> float:
        value = super()._validate_value(proposal)
        return round(value, step_decimals(self.step))


def step_decimals(step: float) -> int:
    """Decimal places of a step: 1 -> 0, 0.5 -> 1, 0.01 -> 2."""
    exponent = decimal.Decimal(repr(float(step))).normalize().as_tuple().exponent
    return max(0, -int(exponent))


def slider_for(p: Parameter, value: float) -> StepSlider:
    """A slider for a declared parameter (:class:`gluteed.parameters.Parameter`)."""
    lo, hi = p.slider_range
    return StepSlider(
        value=value,
        min=lo,
        max=hi,
        step=p.step,
        description=p.label,
        tooltip=f"{p.help[:1].upper()}{p.help[1:]}, {p.range_text()}",
        readout_format=p.readout,
        continuous_update=True,
        style={"description_width": "15em"},
        layout=w.Layout(width="100%"),
    )


def toggle_for(p: Parameter, options: Sequence[tuple[str, str]], value: str) -> w.ToggleButtons:
    """Toggle buttons for a declared choice, the label on the same row."""
    return w.ToggleButtons(
        options=options,
        value=value,
        description=p.label,
        tooltip=f"{p.help[:1].upper()}{p.help[1:]}",
        style={"description_width": "8.5em", "button_width": "auto"},
    )


def _data_url(figure: Figure, fmt: str) -> str:
    buffer = io.BytesIO()
    figure.savefig(buffer, format=fmt, dpi=150 if fmt == "png" else None)
    mime = {"png": "image/png", "svg": "image/svg+xml"}[fmt]
    return f"data:{mime};base64,{base64.b64encode(buffer.getvalue()).decode('ascii')}"


class FigureSaver:
    """A "Save figure" button; pressed, it offers the figure as PNG and SVG downloads.

    Parameters
    ----------
    figure
        A callable giving the figure as it is now (the dashboard's figure).
    stem
        File name without suffix, e.g. ``"gluteed-stance"``.
    after
        Called once the files are made (the dashboard redraws its cached
        picture: saving drew the figure at another resolution).

    Attributes
    ----------
    button : ipywidgets.Button
    links : ipywidgets.HTML
        Empty until the button is pressed; then two ``<a download=...>`` links.
        Pressing again refreshes them with the figure as it is then.
    """

    def __init__(
        self, figure: Callable[[], Figure], stem: str, after: Callable[[], None] = lambda: None
    ) -> None:
        self._figure = figure
        self._after = after
        self.stem = stem
        self.button = w.Button(
            description="Save figure",
            tooltip="Offer the figure as PNG (150 dpi) and SVG files to download",
            layout=w.Layout(width="auto"),
        )
        self.links = w.HTML()
        self.links.add_class("gluteed-save-links")
        self.button.on_click(lambda _button: self.refresh())

    def refresh(self) -> None:
        """Draw the figure as it is now into the two download links."""
        figure = self._figure()
        links = [
            f'<a download="{self.stem}.{fmt}" href="{_data_url(figure, fmt)}">{fmt.upper()}</a>'
            for fmt in ("png", "svg")
        ]
        self.links.value = "Download: " + " · ".join(links)
        self._after()

    def clear(self) -> None:
        """Forget the links (the figure has changed since)."""
        self.links.value = ""


def ipympl_active() -> bool:
    """True when matplotlib's backend is ipympl (``%matplotlib widget``)."""
    name = str(mpl.get_backend()).lower()
    return "ipympl" in name or name == "widget"


def dashboard_figure(figsize: tuple[float, float], use_ipympl: bool) -> Figure:
    """A dashboard's figure (72 dpi, constrained layout) on Agg or on ipympl's live canvas.

    Parameters
    ----------
    figsize
        Width and height. [inch]
    use_ipympl
        Give it ipympl's canvas (without header and toolbar) instead of Agg's.
    """
    fig = Figure(figsize=figsize, dpi=72, layout="constrained")
    if use_ipympl:
        # Importing ipympl makes it matplotlib's backend; keep the user's.
        backend = mpl.get_backend()
        from ipympl.backend_nbagg import Canvas, FigureManager

        if mpl.get_backend() != backend:
            mpl.use(backend)
        canvas = Canvas(fig)
        with warnings.catch_warnings():
            # ipympl's toolbar passes an argument traitlets deprecates; not ours to fix.
            warnings.simplefilter("ignore", DeprecationWarning)
            FigureManager(canvas, 0)
        canvas.header_visible = False
        canvas.toolbar_visible = False
    else:
        from matplotlib.backends.backend_agg import FigureCanvasAgg

        FigureCanvasAgg(fig)
    return fig


def freeze_layout_after_first_draw(fig: Figure) -> None:
    """Keep the layout of the first draw (a live canvas then redraws only what moves)."""
    canvas = fig.canvas

    def freeze(_event: Event) -> None:
        fig.set_layout_engine("none")
        canvas.mpl_disconnect(cid)

    cid = canvas.mpl_connect("draw_event", freeze)
