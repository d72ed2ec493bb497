"""Accessibility that needs no browser: notebook headings in order, text alternatives."""

from __future__ import annotations

import itertools
import json
import re
from pathlib import Path

import pytest

from gluteed.widgets import bend_dashboard, stance_dashboard, walk_dashboard

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))


def markdown_lines(path: Path) -> list[str]:
    lines, fenced = [], False
    for cell in json.loads(path.read_text(encoding="utf-8"))["cells"]:
        if cell["cell_type"] != "markdown":
            continue
        for line in "".join(cell["source"]).splitlines():
            if line.startswith("```"):
                fenced = not fenced
            elif not fenced:
                lines.append(line)
    return lines


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_headings_start_at_one_and_skip_no_level(path):
    levels = [len(m[1]) for line in markdown_lines(path) if (m := re.match(r"(#{1,6}) ", line))]
    assert levels and levels[0] == 1, f"{path.name}: the first heading is not a level-1 heading"
    jumps = [(a, b) for a, b in itertools.pairwise(levels) if b > a + 1]
    assert not jumps, f"{path.name}: heading levels skipped {jumps}"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_images_have_alt_text(path):
    text = "\n".join(markdown_lines(path))
    markdown = re.findall(r"!\[([^\]]*)\]\(", text)
    html_imgs = re.findall(r"<img\b[^>]*>", text, flags=re.IGNORECASE)
    assert all(alt.strip() for alt in markdown), f"{path.name}: an image without alt text"
    assert all(re.search(r'\balt="[^"]+"', tag) for tag in html_imgs), path.name


@pytest.mark.parametrize("make", [stance_dashboard, bend_dashboard, walk_dashboard])
def test_the_figure_text_alternative_and_the_live_readout_follow_the_model(make):
    dash = make("weak-right-glute")
    summary = dash._summary(dash.result)
    assert dash.image.tooltip == f"Figure: {summary}"
    assert "aria-live" in dash.sharing.aria.outputs[0]["data"]["application/javascript"]
    name = "trunk_inclination_deg" if dash.kind == "bend" else "glute_med_strength_right_pct"
    slider = dash.controls[name]
    slider.value = slider.value + 20
    assert dash.image.tooltip == f"Figure: {dash._summary(dash.result)}" != f"Figure: {summary}"
