"""Teaching mode: the main dashboard on its own page, for the lecturer's projector.

``notebooks/teach.ipynb`` holds one cell, ``teaching_app()``, and is served by Voilà
(``make app``), which hides the code. Voilà gives the kernel the page's query string
in the ``QUERY_STRING`` environment variable, so a link ending in
``teach.ipynb?case=weak-right-glute`` opens the dashboard with that patient case. A
preheated kernel (``make app``) runs the notebook before any page asks for it; it loads
the dashboard's code, then waits for the page's request to learn its query string.
An unknown case name gives a short message listing the known ones, not a traceback.
"""

from __future__ import annotations

import contextlib
import html
import os
from dataclasses import replace
from urllib.parse import parse_qs

from IPython.display import HTML, display

from .cases import list_cases, load_case
from .links import LinkState, state_from_link

__all__ = ["case_from_query", "teaching_app"]

#: Larger type and wider labels, so the dashboard reads from the back of a lecture hall.
PROJECTOR_CSS = """<style>
:root {
  --jp-widgets-font-size: 18px;
  --jp-widgets-inline-label-width: 280px;
  --jp-widgets-inline-height: 36px;
  --jp-widgets-slider-handle-size: 20px;
  --jp-content-font-size1: 18px;
  --jp-ui-font-size1: 18px;
}
.gluteed-readout { font-size: 20px; line-height: 1.5; }
.gluteed-app-message { font-size: 22px; line-height: 1.5; max-width: 48em; }
</style>"""


def case_from_query(query: str) -> str | None:
    """The ``case`` named in a URL query string such as ``case=weak-right-glute``.

    Returns None when the query names no case (or an empty one).
    """
    values = parse_qs(query or "", keep_blank_values=True).get("case", [])
    name = values[-1].strip() if values else ""
    return name or None


class _Page:
    """What the app shows: displayed in order by the notebook's front end."""

    def __init__(self, *parts: object) -> None:
        self.parts = parts

    def _ipython_display_(self) -> None:
        display(*self.parts)


def _page_query() -> str:
    """The page's query string; a preheated Voilà kernel first waits for the page."""
    if os.environ.get("VOILA_PREHEAT") == "True":
        with contextlib.suppress(ModuleNotFoundError):
            from . import widgets  # noqa: F401  (the slow imports, done before a page comes)
        from voila.utils import wait_for_request

        wait_for_request()
    return os.environ.get("QUERY_STRING", "")


def _message(title: str, body: str) -> HTML:
    return HTML(f'<div class="gluteed-app-message"><h2>{title}</h2>{body}</div>')


def teaching_app(case: str | None = None, *, query: str | None = None, projector: bool = True):
    """The teaching dashboard, preset to a patient case from the argument or the URL.

    Parameters
    ----------
    case
        Name of a shipped patient case, e.g. ``"weak-right-glute"``. When None, the
        ``case`` in ``query`` is used; when that names none either, the dashboard
        starts from its defaults.
    query
        URL query string to read the case from; defaults to the ``QUERY_STRING``
        environment variable that Voilà sets for each page.
    projector
        Add the large-type style sheet for projection.

    Returns
    -------
    object
        Displayable: the dashboard, or a message naming the known cases when the case
        is unknown.
    """
    if query is None:
        query = _page_query()
    link = state_from_link(query)
    if case is None:
        case = link.case
    style = [HTML(PROJECTOR_CSS)] if projector else []
    known = list_cases()
    listing = ", ".join(f"<code>{html.escape(name)}</code>" for name in known) or "none"
    notes = []
    named = case_from_query(query)
    if case is None and named and named not in known:
        notes.append(
            _message(
                "Unknown patient case",
                f"<p>There is no case called <code>{html.escape(named)}"
                f"</code>; the dashboard starts from the default person.</p>"
                f"<p>Known cases: {listing}.</p>",
            )
        )
    elif case is not None:
        if case not in known:
            return _Page(
                *style,
                _message(
                    "Unknown patient case",
                    f"<p>There is no case called <code>{html.escape(case)}</code>.</p>"
                    f"<p>Known cases: {listing}.</p>"
                    "<p>Put <code>?case=NAME</code> at the end of the address, or leave it "
                    "out for the default person.</p>",
                ),
            )
        try:
            load_case(case, builtin_only=True)
        except ValueError as err:
            return _Page(
                *style,
                _message("This patient case cannot be read", f"<p>{html.escape(str(err))}</p>"),
            )
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
    link = replace(link, case=case)
    dash = _dashboard_for(link, teaching_dashboard)
    return _Page(*style, *notes, *_link_messages(link, dash), dash)


def _dashboard_for(link: LinkState, teaching_dashboard):
    """The teaching dashboard the link names (``dashboard=stance|bend|walk``), in its state."""
    if link.dashboard == "stance" and not link.values:
        return teaching_dashboard(case=link.case)
    from .sharing import dashboard_from_link

    return dashboard_from_link(link)[0]


def _link_messages(link: LinkState, dash) -> list:
    """The parameters of the link that were left out, as one escaped message."""
    left_out = [m for m in link.messages if not m.startswith("case = ")]
    if not left_out:
        return []
    from .sharing import messages_html

    return [HTML(f'<div class="gluteed-app-message">{messages_html(left_out)}</div>')]
