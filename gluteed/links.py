"""A dashboard's state as a web link, and back.

A link names the dashboard, optionally a shipped patient case, and every
setting that differs from that case (or from the defaults), each under the
name the parameter registry (:mod:`gluteed.parameters`) gives it::

    ?dashboard=stance&case=weak-right-glute&glute_med_strength_right=20

>>> from gluteed.links import link_from_state, state_from_link
>>> link = link_from_state({"glute_med_strength_right_pct": 20.0}, case="weak-right-glute")
>>> link
'?dashboard=stance&case=weak-right-glute&glute_med_strength_right=20'
>>> state = state_from_link(link)
>>> state.case, dict(state.values), state.messages
('weak-right-glute', {'glute_med_strength_right_pct': 20.0}, ())

Reading a link is forgiving and safe, because links travel between people:
each parameter that is unknown, repeated, not a number, ``nan``/``inf``, out
of range (the registry's range, and the slider's where it is narrower) or
too long gives one message naming the parameter, the value (shortened, on one
line, as Python writes it: nothing in it is markup), the allowed range and the
unit, and is left out; the rest of the link still applies. Nothing in a link
is evaluated or used as a file path: a case is a shipped case name or nothing.

Keys of a state
---------------
States use the dashboards' control names: the fields of a case file
(:class:`gluteed.cases.Case`, e.g. ``glute_med_strength_right_pct``) and a
dashboard's own controls (``trunk_inclination_deg`` of the bend dashboard,
``cycle_pct`` of the walk dashboard). The link uses the registry names
(``glute_med_strength_right``); :data:`LINK_NAMES` maps one to the other.
Numbers are written in Python's shortest form that reads back to the same
floating-point number, so a state survives the round trip exactly.

This module is model-free: it reads the registry and the case files only.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from types import MappingProxyType
from urllib.parse import parse_qsl, quote

from ._validation import fmt, short_repr
from .cases import Case, list_cases, load_case
from .parameters import Parameter, case_parameter, parameter

__all__ = [
    "DASHBOARDS",
    "DASHBOARD_REGISTRY",
    "DEFAULT_CASE",
    "IGNORED",
    "LINK_NAMES",
    "MAX_PARAMETERS",
    "MAX_VALUE_CHARS",
    "DashboardEntry",
    "LinkState",
    "check_dashboard",
    "link_from_state",
    "state_from_link",
]

#: Query parameters that belong to the server, not to the dashboard: left alone.
IGNORED = frozenset({"token"})
#: Longest value read at all; a number or a case name is far shorter. [characters]
MAX_VALUE_CHARS = 64
#: Most parameters read from one link (the dashboards have at most 15). [count]
MAX_PARAMETERS = 40
#: A plain decimal number: no ``nan``, ``inf``, ``0x``, ``_`` or spaces.
_NUMBER = re.compile(r"[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d{1,3})?")
_TRUE, _FALSE = ("true", "1", "yes", "on"), ("false", "0", "no", "off")


@dataclass(frozen=True)
class DashboardEntry:
    """One teaching dashboard: how its button reads, what a link carries, what shows it.

    Parameters
    ----------
    label : str
        The label of its button in teaching mode (:mod:`gluteed.app`).
    own_controls : tuple of str
        The controls a link carries that are no case field (:data:`DASHBOARDS`).
    widget : str
        The class of :mod:`gluteed.widgets` that shows it.
    """

    label: str
    own_controls: tuple[str, ...]
    widget: str


#: The teaching dashboards by their name in a link (``?dashboard=``), in the
#: order of their buttons: the one list of dashboard names. ``DASHBOARDS``
#: here, ``gluteed.app.DASHBOARDS`` (the button labels) and
#: ``gluteed.widgets.TEACHING_DASHBOARDS`` (the classes) are made from it.
DASHBOARD_REGISTRY: Mapping[str, DashboardEntry] = MappingProxyType(
    {
        "stance": DashboardEntry("Standing on one leg", (), "StanceDashboard"),
        "bend": DashboardEntry("Bending forward", ("trunk_inclination_deg",), "BendDashboard"),
        "walk": DashboardEntry("Walking", ("cycle_pct",), "WalkDashboard"),
    }
)

#: The dashboards a link can name, and each one's own controls (not case fields).
DASHBOARDS: Mapping[str, tuple[str, ...]] = MappingProxyType(
    {name: entry.own_controls for name, entry in DASHBOARD_REGISTRY.items()}
)


def check_dashboard(name: object) -> str:
    """``name`` if it names a dashboard of :data:`DASHBOARD_REGISTRY`.

    Raises
    ------
    ValueError
        For any other value, naming the parameter, the value and the allowed names.
    """
    if name not in DASHBOARD_REGISTRY:
        raise ValueError(f"dashboard must be one of {', '.join(DASHBOARD_REGISTRY)}; got {name!r}")
    return name


#: Case-file fields a link carries: every field but the texts.
_CASE_KEYS = tuple(f.name for f in fields(Case) if f.name not in ("name", "title", "description"))
_OWN_KEYS = tuple(dict.fromkeys(k for own in DASHBOARDS.values() for k in own))

#: Link parameter name (the registry's) -> control name (case field or own control).
LINK_NAMES: Mapping[str, str] = MappingProxyType(
    {case_parameter(k).name: k for k in _CASE_KEYS} | {k: k for k in _OWN_KEYS}
)
_CONTROL_TO_LINK = {control: name for name, control in LINK_NAMES.items()}


@dataclass(frozen=True)
class LinkState:
    """What a link asks for.

    Parameters
    ----------
    dashboard : {"stance", "bend", "walk"}
        The dashboard to show.
    case : str or None
        A shipped case name the values are relative to; None for the defaults.
    values : Mapping
        Control name -> value, each checked by the registry.
    messages : tuple of str
        One plain-text line per parameter that was left out, and why.
    """

    dashboard: str = "stance"
    case: str | None = None
    values: Mapping[str, object] = field(default_factory=dict)
    messages: tuple[str, ...] = ()

    def base_case(self) -> Case:
        """The case the values are relative to (the defaults when no case is named)."""
        return load_case(self.case, builtin_only=True) if self.case else DEFAULT_CASE

    def full_case(self) -> Case:
        """The base case with the link's case-file values set."""
        base = self.base_case()
        data = base.to_dict() | {k: v for k, v in self.values.items() if k in _CASE_KEYS}
        return Case(**data)

    def own_values(self) -> dict[str, object]:
        """The dashboard's own controls the link sets (e.g. ``cycle_pct``)."""
        return {k: v for k, v in self.values.items() if k in DASHBOARDS[self.dashboard]}


#: What a dashboard shows before any case is loaded: the models' defaults.
DEFAULT_CASE = Case(
    name="custom",
    title="Your own settings",
    description="A 70 kg, 1.75 m man with normal strength, standing on his right leg.",
)


# ------------------------------------------------------------------ writing
def _text(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        number = float(value)
        if not math.isfinite(number):
            raise ValueError(f"a link cannot carry the number {number!r}")
        return str(int(number)) if number.is_integer() and abs(number) < 1e15 else repr(number)
    return str(value)


def link_from_state(
    state: Mapping[str, object],
    *,
    dashboard: str = "stance",
    case: str | None = None,
    base: str = "",
) -> str:
    """The link to a dashboard state.

    Parameters
    ----------
    state : Mapping
        Control name -> value: case-file fields (as ``dashboard.state()``
        gives them) and the dashboard's own controls. Missing case fields
        are those of ``case`` (or the defaults).
    dashboard : {"stance", "bend", "walk"}
        The dashboard the state belongs to.
    case : str, optional
        A shipped case name; only the settings that differ from it are written.
    base : str
        Put in front of the query (e.g. a page address); ``""`` gives ``?...``.

    Returns
    -------
    str
        ``base`` followed by ``?dashboard=...&...``, with every value percent-encoded.
    """
    check_dashboard(dashboard)
    reference = load_case(case, builtin_only=True).to_dict() if case else DEFAULT_CASE.to_dict()
    pairs = [("dashboard", dashboard)] + ([("case", case)] if case else [])
    for key in _CASE_KEYS:
        if key in state and state[key] != reference[key]:
            pairs.append((_CONTROL_TO_LINK[key], _text(state[key])))
    for key in DASHBOARDS[dashboard]:
        if key in state:
            pairs.append((key, _text(state[key])))
    query = "&".join(f"{quote(k, safe='')}={quote(v, safe='')}" for k, v in pairs)
    return f"{base}?{query}"


# ------------------------------------------------------------------ reading
def _shown(text: str) -> str:
    return short_repr(text, limit=40)


def _allowed(p: Parameter, control: str) -> str:
    """The values a link may give a parameter, in words with the unit."""
    if p.choices:
        return "one of " + ", ".join(p.choices)
    if not p.is_number:
        return "true or false"
    lo, hi = _link_range(p, control)
    return f"{fmt(lo)} to {fmt(hi)} {p.unit}".rstrip()


def _link_range(p: Parameter, control: str) -> tuple[float, float]:
    """The registry's range, narrowed to the slider's: a link sets a slider."""
    lo, hi = p.range
    slo, shi = p.slider_range
    return max(lo, slo), min(hi, shi)


def _value(name: str, text: str) -> object:
    """The value of one link parameter, or ValueError with the message to show."""
    control = LINK_NAMES[name]
    p = parameter(name) if name in _OWN_KEYS else case_parameter(control)
    shown = f"{name} = {_shown(text)}"
    if len(text) > MAX_VALUE_CHARS:
        raise ValueError(
            f"{shown} is {len(text)} characters long (at most {MAX_VALUE_CHARS}): "
            f"allowed {_allowed(p, control)}"
        )
    word = text.strip().lower()
    if p.choices:
        if word not in p.choices:
            raise ValueError(f"{shown} is not allowed: allowed {_allowed(p, control)}")
        return word
    if not p.is_number:
        if word not in _TRUE + _FALSE:
            raise ValueError(f"{shown} is not allowed: allowed {_allowed(p, control)}")
        return word in _TRUE
    if not _NUMBER.fullmatch(word):
        raise ValueError(f"{shown} is not a number: allowed {_allowed(p, control)}")
    number = float(word)
    lo, hi = _link_range(p, control)
    try:
        p.check(number, scalar=True, shown=name)
    except ValueError:
        raise ValueError(f"{shown} is out of range: allowed {_allowed(p, control)}") from None
    if not lo <= number <= hi:
        raise ValueError(f"{shown} is out of range: allowed {_allowed(p, control)}")
    return float(number)


def state_from_link(query: str) -> LinkState:
    """What a link's query string asks for; problems as messages, never an exception.

    Parameters
    ----------
    query : str
        The query string, with or without the leading ``?`` (e.g. Voilà's
        ``QUERY_STRING``).

    Returns
    -------
    LinkState
        The dashboard, the case, the checked values and one message per
        parameter left out.
    """
    text = query if isinstance(query, str) else ""
    pairs = parse_qsl(text.removeprefix("?"), keep_blank_values=True, errors="replace")
    messages: list[str] = []
    if len(pairs) > MAX_PARAMETERS:
        messages.append(
            f"the link has {len(pairs)} parameters: only the first {MAX_PARAMETERS} are read"
        )
        pairs = pairs[:MAX_PARAMETERS]
    given: dict[str, list[str]] = {}
    for key, value in pairs:
        given.setdefault(key, []).append(value)
    dashboard, case, values = "stance", None, {}
    for key, texts in given.items():
        if key in IGNORED:
            continue
        if len(texts) > 1:
            shown = ", ".join(_shown(t) for t in texts[:3]) + (", ..." if len(texts) > 3 else "")
            messages.append(
                f"{_shown(key)} is given {len(texts)} times ({shown}): give it once; "
                "none of them is used"
            )
            continue
        try:
            if key == "dashboard":
                dashboard = _dashboard(texts[0])
            elif key == "case":
                case = _case(texts[0])
            elif key in LINK_NAMES:
                values[LINK_NAMES[key]] = _value(key, texts[0])
            else:
                raise ValueError(
                    f"unknown parameter {_shown(key)} = {_shown(texts[0])}: allowed parameters "
                    f"are dashboard, case, {', '.join(LINK_NAMES)}"
                )
        except ValueError as err:
            messages.append(f"{err}; left out")
    for key in [k for k in values if k in _OWN_KEYS and k not in DASHBOARDS[dashboard]]:
        messages.append(
            f"{key} = {_text(values.pop(key))} belongs to another dashboard than {dashboard}; "
            "left out"
        )
    return LinkState(dashboard, case, MappingProxyType(values), tuple(messages))


def _dashboard(text: str) -> str:
    word = text.strip().lower()
    if word not in DASHBOARDS:
        raise ValueError(
            f"dashboard = {_shown(text)} is not allowed: allowed one of {', '.join(DASHBOARDS)}"
        )
    return word


def _case(text: str) -> str | None:
    name = text.strip()
    if not name:
        return None
    known = list_cases()
    if name not in known:
        raise ValueError(
            f"case = {_shown(text)} is not a shipped patient case: allowed one of "
            f"{', '.join(known)}"
        )
    return name
