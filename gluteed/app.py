"""Teaching mode: the main dashboard on its own page, for the lecturer's projector.

``notebooks/teach.ipynb`` holds one cell, ``teaching_app()``, and is served by Voilà
(``make app``), which hides the code. Voilà gives the kernel the page's query string
in the ``QUERY_STRING`` environment variable, so a link ending in
``teach.ipynb?case=weak-right-glute`` opens the dashboard with that patient case, and
``?dashboard=bend`` (or ``walk``; ``stance`` by default) picks the dashboard; buttons on
the page switch between the three. A
preheated kernel (``make app``) runs the notebook before any page asks for it; it loads
the dashboard's code, then waits for the page's request to learn its query string.
An unknown case or dashboard name gives a short message listing the known ones, not a
traceback.
"""

from __future__ import annotations

import contextlib
import html
import os
import threading
from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING
from urllib.parse import parse_qs

from IPython.display import HTML, display

from .cases import list_cases, load_case
from .links import DASHBOARD_REGISTRY, LinkState, check_dashboard, state_from_link

if TYPE_CHECKING:
    from .dashboard import Dashboard

__all__ = ["DASHBOARDS", "case_from_query", "dashboard_from_query", "teaching_app"]

#: The teaching dashboards by their name in a link, with the label of their button
#: (from :data:`gluteed.links.DASHBOARD_REGISTRY`).
DASHBOARDS = {name: entry.label for name, entry in DASHBOARD_REGISTRY.items()}

#: Larger type, so the dashboard reads from the back of a lecture hall, yet the figure
#: and every control fit one screen of 1280 × 720 px (a common projector).
PROJECTOR_CSS = """<style>
:root {
  --jp-widgets-font-size: 17px;
  --jp-widgets-inline-height: 30px;
  --jp-widgets-inline-margin: 3px;
  --jp-widgets-slider-handle-size: 18px;
  --jp-content-font-size1: 17px;
  --jp-ui-font-size1: 17px;
}
#rendered_cells, .jp-Cell, .jp-OutputArea-output { padding-top: 0; padding-bottom: 0; }
#rendered_cells h1 { font-size: 22px; margin: 2px 0 4px; }
.gluteed-readout { font-size: 15px; line-height: 1.35; }
.gluteed-case-description { font-size: 14px; line-height: 1.3; }
.gluteed-hint { font-size: 13px; line-height: 1.25; }
.gluteed-app-message { font-size: 22px; line-height: 1.5; max-width: 48em; }
</style>"""


def _query_value(query: str, name: str) -> str | None:
    values = parse_qs(query or "", keep_blank_values=True).get(name, [])
    value = values[-1].strip() if values else ""
    return value or None


def case_from_query(query: str) -> str | None:
    """The ``case`` named in a URL query string such as ``case=weak-right-glute``.

    Returns None when the query names no case (or an empty one).
    """
    return _query_value(query, "case")


def dashboard_from_query(query: str) -> str:
    """The ``dashboard`` named in a URL query string (``dashboard=bend``), else "stance".

    Raises
    ------
    ValueError
        For a name that is not one of :data:`DASHBOARDS`, naming the parameter, the
        value and the allowed values.
    """
    return check_dashboard(_query_value(query, "dashboard") or "stance")


class _Page:
    """What the app shows: displayed in order by the notebook's front end."""

    def __init__(self, *parts: object) -> None:
        self.parts = parts

    def _ipython_display_(self) -> None:
        display(*self.parts)


def _page_query() -> str:
    """The page's query string; a preheated Voilà kernel first waits for the page.

    While it waits, it draws the lesson's slider into the pictures the server's
    kernels share (see :func:`_draw_while_waiting`).
    """
    if os.environ.get("VOILA_PREHEAT") == "True":
        with contextlib.suppress(ModuleNotFoundError):
            from . import widgets  # noqa: F401  (the slow imports, done before a page comes)
        from voila.utils import wait_for_request

        waiting = threading.Thread(target=wait_for_request, name="gluteed-page", daemon=True)
        waiting.start()
        try:
            _draw_while_waiting(waiting.is_alive)
        finally:
            # The dashboard drawn with made the only widgets so far: the page's come next.
            with contextlib.suppress(ModuleNotFoundError):
                import ipywidgets

                ipywidgets.Widget.close_all()
        waiting.join()
    return os.environ.get("QUERY_STRING", "")


def _draw_while_waiting(waiting: Callable[[], bool]) -> int:
    """Draw the stance dashboard's strength slider for the server's kernels to share.

    For a preheated kernel, before its page comes (``waiting()`` true): the
    stance dashboard of the server's case (``GLUTEED_APP_CASE``, the case of
    the link ``make app`` prints), drawn into the folder the server made for
    shared pictures (:class:`gluteed.drag_frames.SharedFrames`). The page's own
    dashboard reads them instead of drawing them, and sends them to the page
    as soon as it is open. Returns the number of pictures drawn; 0 without a
    shared folder, with drawing ahead off, or for a case that cannot be read.
    """
    from .drag_frames import SHARED_ENV

    if not os.environ.get(SHARED_ENV):
        return 0
    try:
        from .widgets import teaching_dashboard
    except ModuleNotFoundError:
        return 0
    try:
        dashboard = teaching_dashboard(os.environ.get("GLUTEED_APP_CASE", "").strip() or None)
    except ValueError:
        return 0
    return dashboard.draw_for_others(waiting)


def _message(title: str, body: str) -> HTML:
    return HTML(f'<div class="gluteed-app-message"><h2>{title}</h2>{body}</div>')


class Switcher:
    """The teaching dashboards behind buttons: one shown, made when first chosen.

    ``widget`` is what the page shows; ``buttons`` the choice (at the top of the
    dashboard's controls); ``dashboards`` the ones made so far, by name.
    """

    def __init__(self, make: Callable[[str], Dashboard], first: str) -> None:
        import ipywidgets as w

        self._make = make
        self.dashboards: dict[str, Dashboard] = {}
        self.buttons = w.ToggleButtons(
            options=[(label, name) for name, label in DASHBOARDS.items()],
            value=first,
            tooltips=[f"Show the dashboard of {label.lower()}" for label in DASHBOARDS.values()],
            style={"button_width": "auto"},
        )
        self.buttons.add_class("gluteed-dashboard-choice")
        self.widget = w.Box(layout=w.Layout(width="100%"))
        self.show(first)
        self.buttons.observe(lambda change: self.show(change["new"]), names="value")

    @property
    def current(self) -> Dashboard:
        """The dashboard shown now."""
        return self.dashboards[self.buttons.value]

    def show(self, name: str) -> None:
        """Show the dashboard ``name`` ("stance", "bend" or "walk"), made when first chosen."""
        if name not in self.dashboards:
            self.dashboards[name] = self._make(name)
        dash = self.dashboards[name]
        dash.side.children = (
            self.buttons,
            *(c for c in dash.side.children if c is not self.buttons),
        )
        self.widget.children = (dash.widget,)

    def _ipython_display_(self) -> None:
        display(self.widget)


def _unknown_dashboard(style: list, name: str) -> _Page:
    allowed = ", ".join(f"<code>{n}</code>" for n in DASHBOARDS)
    return _Page(
        *style,
        _message(
            "Unknown dashboard",
            f"<p>The address asks for <code>dashboard={html.escape(name)}</code>; the "
            f"parameter <code>dashboard</code> takes one of {allowed} (standing on one "
            "leg, bending forward, walking).</p>",
        ),
    )


def teaching_app(
    case: str | None = None,
    *,
    dashboard: str | None = None,
    query: str | None = None,
    projector: bool = True,
) -> _Page:
    """The teaching dashboards, preset to a patient case from the argument or the URL.

    Parameters
    ----------
    case
        Name of a shipped patient case, e.g. ``"weak-right-glute"``. When None, the
        ``case`` in ``query`` is used; when that names none either, the dashboard
        starts from its defaults.
    dashboard
        ``"stance"``, ``"bend"`` or ``"walk"``: the dashboard shown first. When None,
        the ``dashboard`` in ``query``, else ``"stance"``.
    query
        URL query string to read the case from; defaults to the ``QUERY_STRING``
        environment variable that Voilà sets for each page.
    projector
        Add the large-type style sheet for projection.

    Returns
    -------
    _Page
        Displayable: the dashboards (a :class:`Switcher`), or a message naming the
        known cases or dashboards when the name is unknown.
    """
    if query is None:
        query = _page_query()
    link = state_from_link(query)
    if case is None:
        case = link.case
    style = [HTML(PROJECTOR_CSS)] if projector else []
    if dashboard is None:
        dashboard = link.dashboard  # an unknown one is a message of the link's
    elif dashboard not in DASHBOARDS:
        return _unknown_dashboard(style, dashboard)
    problem = _case_problem(case, case_from_query(query))
    if isinstance(problem, HTML) and case is not None:
        return _Page(*style, problem)
    notes = [problem] if problem is not None else []
    try:
        from .widgets import teaching_dashboard
    except ModuleNotFoundError as err:
        if err.name != f"{__package__}.widgets":
            raise
        return _Page(
            *style,
            _message(
                "The teaching dashboard is not available",
                f"<p>This version of gluteed has no teaching dashboard "
                f"({html.escape(str(err))}).</p>",
            ),
        )
    link = replace(link, case=case, dashboard=dashboard)

    def make(name: str) -> Dashboard:
        if name == link.dashboard:
            return _dashboard_for(link, teaching_dashboard)
        return teaching_dashboard(case, name)

    return _Page(*style, *notes, *_link_messages(link), Switcher(make, dashboard))


def _case_problem(case: str | None, named: str | None) -> HTML | None:
    """What is wrong with the case the app was given, or the one the link names.

    ``case`` is the case to show (None: the default person); ``named`` the one
    the link's ``case`` parameter names. A message for an unknown case (or one
    that cannot be read); None when there is nothing to say.
    """
    known = list_cases()
    listing = ", ".join(f"<code>{html.escape(name)}</code>" for name in known) or "none"
    if case is None:
        if named and named not in known:
            return _message(
                "Unknown patient case",
                f"<p>There is no case called <code>{html.escape(named)}"
                f"</code>; the dashboard starts from the default person.</p>"
                f"<p>Known cases: {listing}.</p>",
            )
        return None
    if case not in known:
        return _message(
            "Unknown patient case",
            f"<p>There is no case called <code>{html.escape(case)}</code>.</p>"
            f"<p>Known cases: {listing}.</p>"
            "<p>Put <code>?case=NAME</code> at the end of the address, or leave it "
            "out for the default person.</p>",
        )
    try:
        load_case(case, builtin_only=True)
    except ValueError as err:
        return _message("This patient case cannot be read", f"<p>{html.escape(str(err))}</p>")
    return None


def _dashboard_for(
    link: LinkState, teaching_dashboard: Callable[[str | None, str], Dashboard]
) -> Dashboard:
    """The teaching dashboard the link names (``dashboard=stance|bend|walk``), in its state."""
    if not link.values:
        return teaching_dashboard(link.case, link.dashboard)
    from .sharing import dashboard_from_link

    return dashboard_from_link(link)[0]


def _link_messages(link: LinkState) -> list[HTML]:
    """The parameters of the link that were left out, as one escaped message."""
    left_out = [m for m in link.messages if not m.startswith("case = ")]
    if not left_out:
        return []
    from .sharing import messages_html

    return [HTML(f'<div class="gluteed-app-message">{messages_html(left_out)}</div>')]
