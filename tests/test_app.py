"""Teaching mode without a browser: the case and the dashboard from the URL, the buttons
that switch dashboards, and messages for bad names."""

from __future__ import annotations

import html
import json
import sys
import types
from pathlib import Path
from urllib.parse import urlencode

import ipywidgets
import pytest
from IPython.display import HTML

from gluteed.app import DASHBOARDS, Switcher, case_from_query, dashboard_from_query, teaching_app
from gluteed.cases import list_cases

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("case=weak-right-glute", "weak-right-glute"),
        ("token=abc&case=healthy-adult", "healthy-adult"),
        ("case=%20healthy-adult%20", "healthy-adult"),
        ("case=a&case=b", "b"),
        ("case=", None),
        ("token=abc", None),
        ("", None),
    ],
)
def test_case_from_query(query, expected):
    assert case_from_query(query) == expected


@pytest.fixture
def fake_widgets(monkeypatch):
    """A stand-in ``gluteed.widgets`` that records what the app asked for."""
    calls = []
    module = types.ModuleType("gluteed.widgets")

    def teaching_dashboard(case=None, dashboard="stance"):
        calls.append(case if dashboard == "stance" else (case, dashboard))
        fake = types.SimpleNamespace(side=ipywidgets.VBox(), widget=ipywidgets.HTML(case or ""))
        fake.name = f"{dashboard} dashboard for {case}"
        return fake

    module.teaching_dashboard = teaching_dashboard
    monkeypatch.setitem(sys.modules, "gluteed.widgets", module)
    return calls


def html_of(page) -> str:
    return "".join(part.data for part in page.parts if isinstance(part, HTML))


def test_case_in_the_query_string_reaches_the_dashboard(fake_widgets, monkeypatch):
    monkeypatch.setenv("QUERY_STRING", "case=weak-right-glute")
    page = teaching_app()
    assert fake_widgets == ["weak-right-glute"]
    assert page.parts[-1].current.name == "stance dashboard for weak-right-glute"
    assert "<style>" in html_of(page)


def test_no_case_gives_the_default_dashboard(fake_widgets, monkeypatch):
    monkeypatch.delenv("QUERY_STRING", raising=False)
    page = teaching_app(projector=False)
    assert fake_widgets == [None]
    (switcher,) = page.parts
    assert switcher.current.name == "stance dashboard for None"


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", "stance"),
        ("dashboard=bend", "bend"),
        ("case=healthy-adult&dashboard=walk", "walk"),
        ("dashboard=%20stance%20", "stance"),
        ("dashboard=", "stance"),
    ],
)
def test_dashboard_from_query(query, expected):
    assert dashboard_from_query(query) == expected


def test_unknown_dashboard_in_the_query_is_an_error_naming_what_is_allowed():
    with pytest.raises(ValueError, match=r"dashboard must be one of stance, bend, walk; got 'run'"):
        dashboard_from_query("dashboard=run")


def test_dashboard_in_the_query_is_shown_first_with_the_case(fake_widgets):
    page = teaching_app(query="dashboard=bend&case=office-tight-hamstrings")
    switcher = page.parts[-1]
    assert isinstance(switcher, Switcher)
    assert fake_widgets == [("office-tight-hamstrings", "bend")]
    assert switcher.buttons.value == "bend"
    assert switcher.current.side.children[0] is switcher.buttons


def test_the_buttons_switch_dashboards_and_keep_each_one(fake_widgets):
    switcher = teaching_app("healthy-adult", query="").parts[-1]
    assert [value for _label, value in switcher.buttons.options] == list(DASHBOARDS)
    switcher.buttons.value = "walk"
    assert switcher.current.name == "walk dashboard for healthy-adult"
    assert switcher.widget.children == (switcher.current.widget,)
    assert switcher.current.side.children[0] is switcher.buttons
    switcher.buttons.value = "stance"
    switcher.buttons.value = "walk"
    assert fake_widgets == ["healthy-adult", ("healthy-adult", "walk")], "made once each"


@pytest.mark.parametrize("name", ["run", "<b>x</b>"])
def test_unknown_dashboard_gives_a_message_and_the_rest_of_the_link_applies(fake_widgets, name):
    page = teaching_app(query=urlencode({"dashboard": name, "case": "healthy-adult"}))
    assert fake_widgets == ["healthy-adult"], "the default dashboard, with the link's case"
    text = html_of(page)
    assert "dashboard = " in text and html.escape(name) in text
    assert "<b>x</b>" not in text
    assert "allowed one of " + ", ".join(DASHBOARDS) in text


def test_an_unknown_dashboard_argument_gives_a_message_not_a_traceback(fake_widgets):
    text = html_of(teaching_app(dashboard="<b>x</b>", query=""))
    assert fake_widgets == []
    assert "Unknown dashboard" in text and "<code>dashboard</code>" in text
    assert "<b>x</b>" not in text
    for allowed in DASHBOARDS:
        assert f"<code>{allowed}</code>" in text


def test_argument_wins_over_the_query(fake_widgets):
    teaching_app("healthy-adult", query="case=weak-right-glute")
    assert fake_widgets == ["healthy-adult"]


@pytest.mark.parametrize("name", ["no-such-case", "../../etc/passwd", "<b>bold</b>"])
def test_unknown_case_gives_a_message_listing_the_known_ones(fake_widgets, name):
    page = teaching_app(query="case=" + name)
    assert fake_widgets == [None], "the rest of the link applies to the default person"
    text = html_of(page)
    assert "Unknown patient case" in text
    assert html.escape(name) in text, "the name is shown, as text"
    if "<" in name:
        assert name not in text, "the name must not become markup"
    for known in list_cases():
        assert known in text


def test_teach_notebook_is_a_title_and_one_short_cell_without_outputs():
    notebook = json.loads((ROOT / "notebooks" / "teach.ipynb").read_text(encoding="utf-8"))
    cells = notebook["cells"]
    assert [cell["cell_type"] for cell in cells] == ["markdown", "code"]
    source = "".join(cells[1]["source"])
    assert "from gluteed.app import teaching_app" in source
    assert source.rstrip().endswith("teaching_app()")
    assert cells[1]["outputs"] == [] and cells[1]["execution_count"] is None
