"""Share a dashboard: a link to its exact state, its case file out and a case file in.

Every dashboard (:mod:`gluteed.widgets`) shows, under its figure, a box made
here by :func:`share_box`:

*Link to this view*
    A link that opens the dashboard exactly as it is now (see
    :mod:`gluteed.links` for its parameters), updated on every change. In
    teaching mode (Voilà) the link is the page's own address with a new query
    (``?dashboard=stance&case=...``): a link relative to the page, so it is
    right whatever the server's address. In JupyterLab the notebook has no
    page address of its own: the link points at teaching mode on the same
    server, ``<server>/voila/render/teach.ipynb?...`` (:data:`TEACHING_PATH`,
    under ``JUPYTERHUB_SERVICE_PREFIX`` on a JupyterHub), which needs Voilà
    installed there and ``teach.ipynb`` in the server's root folder (as with
    ``make lab``); the query alone also works at the end of any teaching-mode
    address.
*Download this case*
    The current settings as a case file (JSON), a download link with the
    file in the link itself (a ``data:`` address): nothing is written on the
    server.
*Open a case file*
    A file upload; the file is checked as every case file is
    (:func:`gluteed.cases.parse_case`) and any problem is shown in one message.

:func:`apply_link` sets a dashboard from a link; :func:`dashboard_from_link`
makes the dashboard a teaching-mode link asks for.
"""

from __future__ import annotations

import base64
import html
import json
import math
import os
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import ipywidgets as w
import traitlets

from .cases import Case, list_cases, parse_case
from .links import DASHBOARDS, LinkState, link_from_state, state_from_link

if TYPE_CHECKING:
    from .dashboard import Dashboard

__all__ = [
    "ARIA_SCRIPT",
    "FOCUS_CSS",
    "TEACHING_PATH",
    "FigureImage",
    "ShareBox",
    "apply_link",
    "dashboard_from_link",
    "link_of",
    "share_box",
]

#: Teaching mode on a Jupyter server with Voilà, relative to the server's root.
TEACHING_PATH = "voila/render/teach.ipynb"


#: Names for what ipywidgets leaves unnamed, run once per page (static text, no user
#: data): each slider handle (``role="slider"``) gets its label as ``aria-label``
#: (WCAG 2.1, 4.1.2), so do the icon buttons of the walk dashboard's Play widget, and
#: the readout's container becomes a polite status region
#: that stays in place while its text changes, so screen readers announce it.
ARIA_SCRIPT = """
(() => {
  if (window.__gluteedAria) { window.__gluteedAria(); return; }
  const name = () => {
    document.querySelectorAll('.gluteed-dashboard .widget-slider').forEach(slider => {
      const label = slider.querySelector('.widget-label');
      const text = label ? label.textContent.trim() : '';
      slider.querySelectorAll('.noUi-handle').forEach(handle => {
        if (text && handle.getAttribute('aria-label') !== text) {
          handle.setAttribute('aria-label', text);
        }
      });
    });
    const buttons = { 'fa-play': 'Play', 'fa-pause': 'Pause', 'fa-stop': 'Stop',
                      'fa-retweet': 'Repeat' };
    document.querySelectorAll('.gluteed-dashboard .widget-play button').forEach(button => {
      const icon = button.querySelector('i');
      const found = icon && Object.keys(buttons).find(cls => icon.classList.contains(cls));
      if (found && button.getAttribute('aria-label') !== buttons[found]) {
        button.setAttribute('aria-label', buttons[found]);
      }
    });
    document.querySelectorAll('.gluteed-readout').forEach(readout => {
      if (readout.getAttribute('aria-live') !== 'polite') {
        readout.setAttribute('role', 'status');
        readout.setAttribute('aria-live', 'polite');
      }
    });
  };
  window.__gluteedAria = name;
  name();
  new MutationObserver(name).observe(document.body, { childList: true, subtree: true });
})();
"""


#: A focus ring every control shows when reached by keyboard (WCAG 2.1, 2.4.7), in
#: Okabe-Ito blue (contrast 5.2:1 on white, above the 3:1 of WCAG 2.1, 1.4.11).
FOCUS_CSS = """<style>
.gluteed-dashboard :is(select, button, input, a, .noUi-handle):focus-visible {
  outline: 3px solid #0072B2 !important; outline-offset: 2px !important;
}
.gluteed-share p { margin: 0; }
.gluteed-teaching .gluteed-share, .gluteed-teaching .gluteed-share input,
.gluteed-teaching .gluteed-share-row .widget-upload { font-size: 13px; }
</style>"""


class FigureImage(w.Image):
    """An ``ipywidgets.Image`` whose ``tooltip`` is its text alternative.

    The dashboards do not show this widget itself: it carries the kernel's
    pictures, with the ``settings`` each was drawn for, to
    :class:`gluteed.drag_frames.FrameStore`, which shows them with the tooltip as
    ``alt`` and ``title`` (WCAG 2.1, 1.1.1). Shown on its own it works as an
    ``Image``: ``ipywidgets`` 8 puts a widget's tooltip in its ``title`` only when
    the widget has an empty ``description``, which ``Image`` lacks (its view fails
    on a tooltip), hence the empty one here.
    """

    description = traitlets.Unicode("").tag(sync=True)
    #: The settings the picture shows, by control (see :mod:`gluteed.drag_frames`).
    settings = traitlets.Dict().tag(sync=True)


def link_of(dash: Dashboard, base: str = "") -> str:
    """The link to a dashboard's exact current state (``base`` + ``?...``)."""
    state = dash.state() | {k: dash.controls[k].value for k in DASHBOARDS[dash.kind]}
    name = dash.case().name
    case = name if name in list_cases() else None
    return link_from_state(state, dashboard=dash.kind, case=case, base=base)


def apply_link(dash: Dashboard, link: LinkState | str) -> LinkState:
    """Set a dashboard to the state a link names (its dashboard kind aside); redraw once.

    Parameters
    ----------
    dash : gluteed.dashboard.Dashboard
        A dashboard of :mod:`gluteed.widgets`.
    link : LinkState or str
        A link's query string, or what :func:`gluteed.links.state_from_link` made of it.

    Returns
    -------
    LinkState
        What was read, with its messages (parameters left out).
    """
    if isinstance(link, str):
        link = state_from_link(link)
    own = {k: v for k, v in link.own_values().items() if k in dash.controls}
    case_values = set(link.values) - set(own)
    dash.set_state(link.full_case(), own, modified=bool(case_values))
    return link


def dashboard_from_link(
    query: str | LinkState, *, teaching: bool = True
) -> tuple[Dashboard, LinkState]:
    """The dashboard a link (its query string, or what was read from it) asks for, in its state.

    Returns
    -------
    tuple
        ``(dashboard, LinkState)``; the messages say which parameters were left out.
    """
    from . import widgets

    link = state_from_link(query) if isinstance(query, str) else query
    kinds = {"stance": widgets.StanceDashboard, "bend": widgets.BendDashboard}
    kinds["walk"] = widgets.WalkDashboard
    dash = kinds[link.dashboard](
        link.case, teaching=teaching, builtin_cases_only=True, **link.own_values()
    )
    apply_link(dash, link)
    return dash, link


def messages_html(messages: Sequence[str]) -> str:
    """Messages as an HTML list (each escaped), or ``""`` for none."""
    if not messages:
        return ""
    items = "".join(f"<li>{html.escape(m)}</li>" for m in messages)
    return f'<div role="alert"><b>⚠ Some of the link was left out:</b><ul>{items}</ul></div>'


def _case_json(case: Case) -> str:
    data = case.to_dict()
    for key, value in data.items():  # plain numbers, as gluteed.cases.save_case writes them
        if isinstance(value, float) and math.isfinite(value):
            data[key] = round(value, 6)
    return json.dumps(data, indent=2, ensure_ascii=False, allow_nan=False) + "\n"


class ShareBox:
    """The link, the download and the upload of one dashboard (see the module docstring).

    Attributes
    ----------
    links : ipywidgets.HTML
        The link to this view (an ``<a>`` and a read-only text field) and the
        download link; CSS class ``gluteed-share``.
    upload : ipywidgets.FileUpload
        *Open a case file*.
    message : ipywidgets.HTML
        The last problem with an uploaded file or a link, escaped; empty when none.
    """

    def __init__(self, dash: Dashboard) -> None:
        self.dash = dash
        self.links = w.HTML(layout=w.Layout(width="auto", flex="0 1 auto"))
        self.links.add_class("gluteed-share")
        self.upload = w.FileUpload(
            accept=".json,application/json",
            multiple=False,
            description="Open a case file",
            tooltip="Open a case file (.json) saved from a dashboard",
            layout=w.Layout(width="auto"),
        )
        self.message = w.HTML(layout=w.Layout(width="100%"))
        self.message.add_class("gluteed-share-message")
        self.upload.observe(self._uploaded, names="value")
        self.aria = w.Output(layout=w.Layout(height="0px", overflow="hidden"))
        from IPython.display import Javascript

        self.aria.append_display_data(Javascript(ARIA_SCRIPT))
        # One row: on a projector it fits under the figure and its description.
        row = w.HBox(
            [self.links, self.upload],
            layout=w.Layout(flex_flow="row wrap", align_items="center", width="100%"),
        )
        row.add_class("gluteed-share-row")
        self.widget = w.VBox([row, self.message, self.aria])
        self.widget.add_class("gluteed-share-box")
        self._shown = ""
        self._timer = None

    def base(self) -> str:
        """What the link starts with: nothing in teaching mode (the page's own address)."""
        if self.dash.teaching:
            return ""
        prefix = os.environ.get("JUPYTERHUB_SERVICE_PREFIX", "/")
        return prefix.rstrip("/") + "/" + TEACHING_PATH

    #: Quiet time after the last change before the link is rewritten: the link need not
    #: follow a drag frame by frame, and making it costs a few ms per frame. [s]
    QUIET_S = 0.25

    def refresh_soon(self) -> None:
        """:meth:`refresh` once the changes stop for ``QUIET_S`` (at once outside an event loop)."""
        import asyncio

        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            self.refresh()
            return
        if self._timer is not None:
            self._timer.cancel()
        self._timer = loop.call_later(self.QUIET_S, self.refresh)

    def refresh(self) -> None:
        """Show the link and the download of the dashboard's current state."""
        link = link_of(self.dash, self.base())
        case = self.dash.case()
        payload = base64.b64encode(_case_json(case).encode("utf-8")).decode("ascii")
        name = f"{case.name}.json"
        text = FOCUS_CSS + (
            f'<p><a href="{html.escape(link)}" target="_blank" rel="noopener">'
            "Link to this view</a> "
            f'<input type="text" readonly aria-label="Link to this view" '
            f'value="{html.escape(link)}" size="34" class="gluteed-link-text"> · '
            f'<a href="data:application/json;base64,{payload}" '
            f'download="{html.escape(name)}">Download this case</a></p>'
        )
        if text != self._shown:
            self._shown = text
            self.links.value = text

    def show_messages(self, messages: Sequence[str]) -> None:
        """Show the problems ``messages`` (escaped), or clear them when there are none."""
        self.message.value = messages_html(messages)

    def _uploaded(self, change: dict[str, Any]) -> None:
        files = change["new"]
        if not files:
            return
        upload = files[-1]
        source = f"case file {upload.get('name', '')!r}"
        try:
            case = parse_case(bytes(upload["content"]), source=source[:80])
        except ValueError as err:
            self.message.value = (
                f'<div role="alert"><b>⚠ This case file cannot be opened:</b> '
                f"{html.escape(str(err))}</div>"
            )
        else:
            self.message.value = (
                f'<div role="status">Opened {html.escape(source)}: {html.escape(case.title)}</div>'
            )
            self.dash.load_case(case)
        finally:
            self.upload.value = ()


def share_box(dash: Dashboard) -> ShareBox:
    """The share box of a dashboard (see :class:`ShareBox`)."""
    return ShareBox(dash)
