"""The three banded exercises: protocol as in the source, evidence, band levels, plan card."""

import html
import json
import re
from dataclasses import replace

import numpy as np
import pytest

import gluteed
from gluteed.exercises import (
    BAND_POSITIONS,
    EVIDENCE_NOTE,
    EXERCISES,
    SOURCE,
    Exercise,
    band_lever_m,
    exercise,
    exercise_names,
    plan_card_html,
    relative_band_moment,
)

# The source protocols, point by point (Well+Good article quoting Natalie
# Sampson, DPT): sets, repetitions or steps per direction, directions, band
# position, foot width, and the cues the article gives for each exercise.
SOURCE_PROTOCOLS = {
    "banded_squat": {
        "sets": 3,
        "reps_per_set": 10,
        "directions": (),
        "band_position": "shins",
        "stance_width": "slightly wider than hip-width",
        "cues": {
            "band_tension": ["band", "taut"],
            "weight_in_heels": ["weight", "heels"],
            "squeeze_glutes_at_top": ["squeeze", "glutes", "standing"],
            "knees_not_in": ["knees", "in"],
        },
    },
    "banded_sidestep": {
        "sets": 3,
        "reps_per_set": 5,
        "directions": ("right", "left"),
        "band_position": "shins",
        "stance_width": "hip-width",
        "cues": {
            "trunk_upright": ["trunk", "leaning"],
            "feet_parallel": ["feet", "parallel"],
            "lead_with_heel": ["lead", "heel"],
            "reduce_range_if_leaning": ["trunk", "leans", "shorter"],
        },
    },
    "banded_front_step": {
        "sets": 3,
        "reps_per_set": 5,
        "directions": ("forward", "backward"),
        "band_position": "shins",
        "stance_width": "hip-width",
        "cues": {
            "knees_over_feet": ["knees", "over", "feet"],
            "legs_parallel": ["legs", "parallel"],
            "big_reach_back": ["reach", "back"],
        },
    },
}


def test_the_three_exercises_in_the_source_order():
    assert exercise_names() == ("banded_squat", "banded_sidestep", "banded_front_step")
    assert list(EXERCISES) == list(SOURCE_PROTOCOLS)


@pytest.mark.parametrize("name", list(SOURCE_PROTOCOLS))
def test_protocol_matches_the_source_point_by_point(name):
    ex, want = exercise(name), SOURCE_PROTOCOLS[name]
    assert ex.sets == want["sets"]
    assert ex.reps_per_set == want["reps_per_set"]
    assert ex.directions == want["directions"]
    assert ex.band_position == want["band_position"]
    assert ex.stance_width == want["stance_width"]
    assert {c.key for c in ex.cues} == set(want["cues"])
    for cue in ex.cues:
        text = cue.text.lower()
        for word in want["cues"][cue.key]:
            assert word in text, (cue.key, word)
        assert cue.source == SOURCE
    assert ex.source == SOURCE
    # the set-up puts the band where the source says
    assert any(f"round both {ex.band_position}" in s for s in ex.setup)


def test_protocol_details_that_are_not_cues():
    squat = exercise("squat")
    assert squat.movements_per_set == 10
    assert any("heels" in s for s in squat.steps)  # drive up through the heels
    assert any("top" in s for s in squat.steps)  # glutes squeezed at the top
    side = exercise("sidestep")
    assert any("half squat" in s for s in side.setup)  # the source's semi-squat start
    assert side.movements_per_set == 10  # five steps right, five back left
    assert side.prescription == "3 sets of 5 steps to the right, then 5 back to the left"
    front = exercise("front-step")
    assert front.movements_per_set == 10
    assert front.prescription == "3 sets of 5 steps forward, then 5 backward"
    assert {f.key for f in side.faults} >= {"trunk_lean", "toes_turn_out"}
    assert "knees_collapse_in" in {f.key for f in squat.faults}


def test_published_gluteus_medius_figures_and_proxies():
    """Youdas et al. (2013) Physiother Theory Pract 29:113, resisted lateral band
    walking: gluteus medius stance limb 52 +/- 18 % MVIC, moving limb 35 +/- 16;
    erector spinae stance side 23 +/- 11, moving side 31 +/- 15.
    MacAskill et al. (2014) Int J Sports Phys Ther 9:907: forward step-up
    62.7 +/- 18.2 % MVIC, lateral step-up 61 +/- 20 (proxies, no band)."""
    side = exercise("banded_sidestep")
    figures = {(e.muscle, e.condition): (e.mean_pct_mvic, e.sd_pct_mvic) for e in side.evidence}
    assert figures[("gluteus medius", "stance limb")] == (52.0, 18.0)
    assert figures[("gluteus medius", "moving limb")] == (35.0, 16.0)
    assert figures[("erector spinae", "stance-limb side")] == (23.0, 11.0)
    assert figures[("erector spinae", "moving-limb side")] == (31.0, 15.0)
    assert side.glute_med_demand_pct == 52.0 and not side.demand_is_proxy

    front = exercise("banded_front_step")
    assert (front.glute_med_demand_pct, front.glute_med_demand_sd_pct) == (62.7, 18.2)
    assert front.demand_is_proxy and "PROXY" in front.glute_med_evidence.note
    lateral = [e for e in side.evidence if "lateral step-up" in e.task]
    assert [(e.mean_pct_mvic, e.sd_pct_mvic, e.proxy) for e in lateral] == [(61.0, 20.0, True)]

    squat = exercise("banded_squat")
    assert squat.glute_med_demand_pct is None and squat.demand_is_proxy
    assert all(e.proxy for e in squat.evidence)
    assert any("Berry" in e.reference and "45:675" in e.reference for e in squat.evidence)


def test_every_evidence_item_cites_an_original_study():
    for ex in EXERCISES.values():
        assert ex.evidence
        for item in ex.evidence:
            assert re.search(r"\((19|20)\d\d\)", item.reference), item.reference
            if item.proxy:
                assert item.note, (ex.name, item.task)
        assert "Lewis et al. 2018" in ex.band_note


def test_lookup_accepts_short_names_and_rejects_unknown_ones():
    assert exercise("Banded Squat") is EXERCISES["banded_squat"]
    assert exercise("side-step") is EXERCISES["banded_sidestep"]
    assert exercise(" FRONT STEP ") is EXERCISES["banded_front_step"]
    assert exercise(EXERCISES["banded_squat"]) is EXERCISES["banded_squat"]
    for bad in ("plank", "", 3, None):
        with pytest.raises(ValueError) as info:
            exercise(bad)
        message = str(info.value)
        assert "exercise" in message and "'banded_squat'" in message and repr(bad) in message


def test_band_levels_order_the_demand_as_measured():
    """Lewis et al. (2018) J Athl Train 53:1071: gluteus medius activity rises
    when the band moves from the knees to the ankles and from the ankles to the
    feet. The lever model reproduces that order (not its size)."""
    levers = [band_lever_m(p) for p in BAND_POSITIONS]
    assert BAND_POSITIONS == ("knees", "shins", "ankles", "feet")
    assert np.all(np.diff(levers) > 0)
    moments = [relative_band_moment(p) for p in BAND_POSITIONS]
    assert moments[1] == 1.0  # the source's level is the reference
    assert np.all(np.diff(moments) > 0)
    # the square of the lever ratio, independent of stature
    assert relative_band_moment("ankles", "knees") == pytest.approx(
        (band_lever_m("ankles", 1.5) / band_lever_m("knees", 1.5)) ** 2, rel=1e-12
    )
    # Winter (2009) Fig. 4.1: hip 0.530 H, knee 0.285 H -> 0.245 H above the knee
    assert band_lever_m("knees", 2.0) == pytest.approx(0.49, abs=1e-12)


def test_band_lever_scales_with_stature_and_takes_arrays():
    heights = np.array([1.5, 1.75, 2.0])
    levers = band_lever_m("shins", heights)
    assert levers.shape == (3,)
    assert np.allclose(levers / heights, levers[0] / heights[0], rtol=1e-12)


@pytest.mark.parametrize(
    ("call", "words"),
    [
        (lambda: band_lever_m("neck"), ["band_position", "neck", "knees"]),
        (lambda: band_lever_m("feet", 3.0), ["height", "3", "m", "2.2"]),
        (lambda: relative_band_moment("shins", "waist"), ["band_position", "waist"]),
        (lambda: replace(EXERCISES["banded_squat"], sets=0), ["sets", "0", "1"]),
        (lambda: replace(EXERCISES["banded_squat"], reps_per_set=2.5), ["reps_per_set", "2.5"]),
        (lambda: replace(EXERCISES["banded_squat"], band_position="hips"), ["band_position"]),
    ],
)
def test_bad_input_raises_clear_value_error(call, words):
    with pytest.raises(ValueError) as info:
        call()
    for word in words:
        assert word in str(info.value)


def test_exercise_is_frozen_data_and_serialises_to_json():
    ex = EXERCISES["banded_sidestep"]
    with pytest.raises(AttributeError):
        ex.sets = 5  # type: ignore[misc]
    data = json.loads(json.dumps(ex.to_dict()))
    assert data["sets"] == 3 and data["reps_per_set"] == 5 and data["band_position"] == "shins"
    assert data["glute_med_demand_pct"] == 52.0 and data["demand_is_proxy"] is False
    assert {c["key"] for c in data["cues"]} == set(SOURCE_PROTOCOLS["banded_sidestep"]["cues"])
    assert data["evidence"][0]["mean_pct_mvic"] == 52.0
    assert 0 < data["band_lever_per_height"] < 0.53
    assert isinstance(gluteed.exercise("squat"), Exercise)


def test_plan_card_is_self_contained_printable_html():
    card = plan_card_html(weeks=8, sessions_per_week=3)
    assert card.startswith("<!DOCTYPE html>") and card.rstrip().endswith("</html>")
    assert "@page" in card and "@media print" in card and "break-inside: avoid" in card
    lowered = card.lower()
    for external in ("<script", "<img", "<link", "http://", "https://", "url("):
        assert external not in lowered, external
    for ex in EXERCISES.values():
        assert f"{ex.title}</h2>" in card
        assert f"band round the {ex.band_position}" in card
        for cue in ex.cues:
            assert html.escape(cue.text) in card
    assert "3 × 10" in card and "3 × (5 right + 5 left)" in card
    assert "3 × (5 forward + 5 backward)" in card
    assert html.escape(EVIDENCE_NOTE) in card and html.escape(SOURCE) in card
    assert "Proxy:" in card  # the front step's figure is marked as a proxy
    assert card.count("<tr><th>week ") == 8 and card.count("<td></td>") == 24


def test_plan_card_subset_and_bad_arguments():
    card = plan_card_html(["sidestep"], title="Side steps <only>")
    assert "Banded sidestep" in card and "Banded squat" not in card
    assert "Side steps &lt;only&gt;" in card and "week 1" not in card
    with pytest.raises(ValueError, match="at least one"):
        plan_card_html([])
    with pytest.raises(ValueError, match="both weeks and sessions_per_week"):
        plan_card_html(weeks=4)
    with pytest.raises(ValueError, match="weeks"):
        plan_card_html(weeks=-1, sessions_per_week=3)
    with pytest.raises(ValueError, match="weeks must be a single number"):
        plan_card_html(weeks=[4, 8], sessions_per_week=3)
    with pytest.raises(ValueError, match="plank"):
        plan_card_html(["plank"])
