"""Teaching mode without a browser: the case from the URL, and messages for bad ones."""

from __future__ import annotations

import html
import json
import sys
import types
from pathlib import Path

import pytest
from IPython.display import HTML

from gluteed.app import case_from_query, teaching_app
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

    def teaching_dashboard(case=None):
        calls.append(case)
        return f"dashboard for {case}"

    module.teaching_dashboard = teaching_dashboard
    monkeypatch.setitem(sys.modules, "gluteed.widgets", module)
    return calls


def html_of(page) -> str:
    return "".join(part.data for part in page.parts if isinstance(part, HTML))


def test_case_in_the_query_string_reaches_the_dashboard(fake_widgets, monkeypatch):
    monkeypatch.setenv("QUERY_STRING", "case=weak-right-glute")
    page = teaching_app()
    assert fake_widgets == ["weak-right-glute"]
    assert page.parts[-1] == "dashboard for weak-right-glute"
    assert "<style>" in html_of(page)


def test_no_case_gives_the_default_dashboard(fake_widgets, monkeypatch):
    monkeypatch.delenv("QUERY_STRING", raising=False)
    page = teaching_app(projector=False)
    assert fake_widgets == [None]
    assert page.parts == ("dashboard for None",)


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
