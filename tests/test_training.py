"""Training simulation: published gains, load shift, continuity, bad input, CLI."""

import json
from dataclasses import replace

import numpy as np
import pytest
from cli_support import run
from reference_values import REF

import gluteed
from gluteed import StanceInput, Subject, solve_stance
from gluteed.exercises import EVIDENCE_NOTE
from gluteed.training import (
    GAIN_RATE_PER_WEEK,
    LBP_START_STRENGTH_PCT,
    Programme,
    simulate_training,
    trained_strength_pct,
    weekly_rate,
)


def test_eight_week_gain_matches_the_published_hip_programme():
    """Dolak et al. (2011) J Orthop Sports Phys Ther 41:560: hip abductor
    strength +21 % from baseline to 8 weeks in the hip-first group. Tolerance
    +/- 3 percentage points (the model is a two-point fit, see below)."""
    ref = REF["training_8_weeks"].numbers
    r = simulate_training()  # 8 weeks, 3 sessions of all three exercises, start 69 %
    assert r.week.tolist() == list(range(int(ref["weeks"]) + 1))
    assert float(r.strength_gain_pct[-1]) == pytest.approx(ref["gain_pct"], abs=ref["abs_pct"])


def test_three_week_gain_matches_the_low_back_pain_programme():
    """Kendall et al. (2010) J Sport Rehabil 19:422: people with non-specific low
    back pain were 31 % weaker than controls and gained about 12 % hip abductor
    strength in a 3-week programme. Tolerance +/- 3 percentage points."""
    ref = REF["training_3_weeks"].numbers
    assert ref["start_pct"] == LBP_START_STRENGTH_PCT
    r = simulate_training(weeks=int(ref["weeks"]))
    assert float(r.strength_gain_pct[-1]) == pytest.approx(ref["gain_pct"], abs=ref["abs_pct"])


def test_weaker_muscles_gain_more_in_relative_terms():
    """Diminishing returns toward the ceiling: the further below normal, the
    larger the relative gain of the same programme."""
    gains = [
        float(simulate_training(start_strength_pct=s).strength_gain_pct[-1])
        for s in (40.0, 60.0, 69.0, 80.0, 95.0)
    ]
    assert np.all(np.diff(gains) < 0)


@pytest.mark.parametrize("side", ["right", "left"])
@pytest.mark.parametrize("strategy", ["balanced", "lean", "upright"])
@pytest.mark.parametrize("start", [20.0, 50.0, 69.0, 95.0])
def test_other_side_back_load_never_rises(side, strategy, start):
    r = simulate_training(
        Programme(weeks=12, sessions_per_week=4, start_strength_pct=start),
        stance=StanceInput(stance_side=side, strategy=strategy),
    )
    back = all_back = np.asarray(r.lumbar_contralateral_force_n)
    dropped = np.asarray(r.pelvic_drop_deg) >= 0.5
    if strategy == "upright" and dropped[0]:
        # A person who does not lean lets the pelvis drop (Trendelenburg):
        # the stretched hip tissue, not the back, takes what the muscle
        # lacks. Training gives the pelvis back and the other side of the
        # back a little work: it stays below 1 % of body weight.
        assert np.all(np.diff(r.pelvic_drop_deg) <= 1e-9) and not dropped[-1]
        assert np.all(np.asarray(r.lumbar_contralateral_force_bw) < 0.01)
        back = back[~dropped]
    assert np.all(back <= back[0] + 1e-9), "after training above the load before"
    assert np.all(np.diff(back) <= 1e-9), "rose from one week to the next"
    assert np.all(np.diff(r.strength_pct) > 0)
    # The load moves to the hip: the gluteus medius force never falls. (Its
    # activation may rise at first in a very weak muscle, as the trunk stops
    # leaning over it.)
    assert np.all(np.diff(r.stance.glute_med_force_n) >= -1e-9)
    if start >= 50:
        assert np.all(np.diff(r.glute_med_activation_pct) < 0)
    # Criss-cross: the load sits on the side opposite the stance leg.
    other = r.stance.lumbar_left_force_n if side == "right" else r.stance.lumbar_right_force_n
    assert np.array_equal(np.asarray(other), all_back)
    # Walking, re-solved every week: the other side's peak never rises either.
    walk = r.walk_lumbar_contralateral_peak_bw
    assert np.all(walk <= walk[0] + 1e-9) and np.all(np.diff(walk) <= 1e-9)


def test_weak_start_shifts_load_visibly_and_posture_straightens():
    r = simulate_training(start_strength_pct=30.0, weeks=12)
    assert float(r.lumbar_contralateral_change_pct[-1]) < -20.0
    # Walking: a pelvis that dipped beyond its healthy list before training
    # only dips by that list after it. (Both legs are weak here: the stretched
    # abductors brake each drop, so it peaks late, near the other heel strike,
    # and the dip in single support is smaller than the rocking of the pelvis.)
    from gluteed.gait import HEALTHY_PELVIC_LIST_DEG

    weak = simulate_training(start_strength_pct=10.0, weeks=12)
    drop = weak.walk_pelvic_drop_peak_deg
    assert drop[0] > HEALTHY_PELVIC_LIST_DEG + 0.5
    assert drop[-1] == pytest.approx(HEALTHY_PELVIC_LIST_DEG, abs=0.01)
    assert float(r.trunk_lean_deg[-1]) < float(r.trunk_lean_deg[0])
    assert np.all(np.diff(r.trunk_lean_deg) < 0)


def test_results_are_continuous_week_to_week():
    r = simulate_training(weeks=52)
    assert np.max(np.diff(r.strength_pct)) < 3.0  # % of normal per week
    assert np.max(np.abs(np.diff(r.trunk_lean_deg))) < 0.1
    assert np.max(np.abs(np.diff(r.pelvic_drop_deg))) < 0.1
    assert np.max(np.abs(np.diff(r.lumbar_contralateral_force_bw))) < 0.005


def test_results_are_continuous_in_time_even_for_the_hardest_programme():
    p = Programme(weeks=52, sessions_per_week=7, start_strength_pct=5.0)
    step = np.diff(simulate_training(p).strength_pct)
    # The largest weekly step is the first, below k (C - S0); then they shrink.
    assert np.max(step) <= p.rate_per_week * (100.0 - 5.0) + 1e-9
    assert np.all(np.diff(step) < 0), "weekly gains must shrink (diminishing returns)"
    # Between the weeks: 1/100-week steps give proportionally small changes.
    t = np.linspace(0.0, 52.0, 5201)
    strength = p.strength_pct(t)
    fine = solve_stance(glute_med_strength_right=strength, glute_med_strength_left=strength)
    assert np.max(np.abs(np.diff(strength))) < 0.15
    # At 5 % strength no posture can be held; from the first days of
    # training on (5.5 %) one can, and it stays so.
    ok = np.asarray(fine.feasible)
    first = int(np.argmax(ok))
    assert not ok[0] and ok[first:].all() and strength[first] < 6.0
    # The stance model leans steeply there (about 1 deg per % of strength),
    # so a 0.15 % step may move the trunk by up to 0.2 deg.
    both = ok[1:] & ok[:-1]
    assert np.max(np.abs(np.diff(fine.trunk_lean_deg))[both]) < 0.2
    assert np.max(np.abs(np.diff(fine.lumbar_contralateral_force_bw))[both]) < 0.01


def test_ceiling_and_full_strength():
    r = simulate_training(Programme(weeks=52, sessions_per_week=7, ceiling_pct=90.0))
    assert np.all(r.strength_pct <= 90.0) and float(r.strength_pct[-1]) > 89.0
    full = simulate_training(start_strength_pct=100.0)
    assert np.all(full.strength_pct == 100.0)
    assert np.all(full.lumbar_contralateral_change_pct == 0.0)


def test_more_training_gains_faster_with_diminishing_returns():
    assert Programme().rate_per_week == pytest.approx(GAIN_RATE_PER_WEEK, rel=1e-12)
    rates = [Programme(sessions_per_week=n).rate_per_week for n in range(1, 8)]
    assert np.all(np.diff(rates) > 0)
    # ASSUMPTION under test: rate grows with the square root of weekly sets.
    assert weekly_rate(6, 9) / weekly_rate(3, 9) == pytest.approx(np.sqrt(2), rel=1e-12)
    one = Programme(exercises=("sidestep",)).rate_per_week
    assert one == pytest.approx(GAIN_RATE_PER_WEEK / np.sqrt(3), rel=1e-12)
    gains = [float(simulate_training(sessions_per_week=n).strength_gain_pct[-1]) for n in (1, 7)]
    assert gains[1] > gains[0] and gains[1] < 7 * gains[0]


def test_stance_is_the_core_model_re_solved_week_by_week():
    person = StanceInput(subject=Subject(mass_kg=82, height_m=1.68, sex="female"), bag_kg=5.0)
    r = simulate_training(stance=person, weeks=4)
    for i in (0, 2, 4):
        s = float(r.strength_pct[i])
        one = solve_stance(replace(person, glute_med_strength_right=s, glute_med_strength_left=s))
        assert float(one.lumbar_contralateral_force_n) == pytest.approx(
            r.lumbar_contralateral_force_n[i], rel=1e-9, abs=1e-9
        )
        assert float(one.trunk_lean_deg) == pytest.approx(r.trunk_lean_deg[i], rel=1e-9)
    assert np.max(np.abs(r.stance.hip_residual_nm)) < 1e-6
    assert np.max(np.abs(r.stance.lumbar_residual_nm)) < 1e-6


def test_summary_states_mechanics_not_outcomes():
    r = simulate_training()
    text = r.summary()
    assert "Kendall et al. 2015" in text and "Fukuda et al. 2021" in text
    assert "no extra benefit" in text and "mechanics, not clinical outcomes" in text
    assert "Walking, the left lower back's peak goes from" in text
    assert "69 %" in text and "left lower back" in text
    assert EVIDENCE_NOTE in text


def test_to_dict_has_units_and_one_value_per_week():
    r = simulate_training(weeks=5)
    data = json.loads(json.dumps(r.to_dict()))
    for key in (
        "strength_pct",
        "strength_gain_pct",
        "glute_med_activation_pct",
        "trunk_lean_deg",
        "pelvic_drop_deg",
        "lumbar_contralateral_force_n",
        "lumbar_contralateral_force_bw",
        "lumbar_contralateral_change_pct",
        "hip_contact_force_bw",
    ):
        assert len(data[key]) == 6, key
    assert data["week"] == [0, 1, 2, 3, 4, 5]
    assert data["weeks"] == 5 and data["sets_per_session"] == 9
    for key in (
        "walk_lumbar_contralateral_peak_bw",
        "walk_pelvic_drop_peak_deg",
        "walk_hip_contact_peak_bw",
    ):
        assert len(data[key]) == 6, key
    assert data["evidence_note"] == EVIDENCE_NOTE


def test_package_exports_and_plan_card_for_a_programme():
    p = gluteed.Programme(weeks=6, sessions_per_week=2, exercises=["squat", "front step"])
    assert p.exercises == ("banded_squat", "banded_front_step")
    card = p.plan_card_html()
    assert card.count("<tr><th>week ") == 6 and "Banded sidestep" not in card
    assert isinstance(gluteed.simulate_training(p), gluteed.TrainingResult)


@pytest.mark.parametrize(
    ("make", "words"),
    [
        (lambda: Programme(weeks=-4), ["weeks", "-4", "1 to 52 weeks"]),
        (lambda: Programme(weeks=0), ["weeks", "0", "1 to 52"]),
        (lambda: Programme(weeks=2.5), ["weeks", "2.5", "whole number"]),
        (lambda: Programme(sessions_per_week=0), ["sessions_per_week", "0", "1 to 7"]),
        (lambda: Programme(sessions_per_week=8), ["sessions_per_week", "8", "sessions per week"]),
        (lambda: Programme(exercises=("plank",)), ["exercises", "plank", "'banded_squat'"]),
        (lambda: Programme(exercises=()), ["exercises", "at least one"]),
        (
            lambda: Programme(exercises=("squat", "banded_squat")),
            ["banded_squat", "more than once"],
        ),
        (lambda: Programme(start_strength_pct=0), ["start_strength", "0", "% of normal"]),
        (
            lambda: Programme(start_strength_pct=1e-300),
            ["start_strength", "1e-300", "from 1 to 100 % of normal"],
        ),
        (lambda: Programme(start_strength_pct=120), ["start_strength", "120", "% of normal"]),
        (lambda: Programme(start_strength_pct=80, ceiling_pct=70), ["ceiling", "70", "80"]),
        (lambda: Programme(reference_rate_per_week=-0.1), ["reference_rate", "per week"]),
        (lambda: simulate_training(week=3), ["unknown programme parameter", "week"]),
        (lambda: simulate_training("8 weeks"), ["Programme", "str"]),
        (
            lambda: simulate_training(stance=StanceInput(bag_kg=np.array([0.0, 5.0]))),
            ["one scenario"],
        ),
        (lambda: weekly_rate(0, 9), ["sessions_per_week", "0"]),
        (
            lambda: trained_strength_pct(-1, start_pct=50, rate_per_week=0.1),
            ["week", "-1", "weeks"],
        ),
        (
            lambda: trained_strength_pct([1, 2], start_pct=[50, 60, 70], rate_per_week=0.1),
            ["week has shape (2,)", "start_pct has shape (3,)"],
        ),
        (lambda: weekly_rate([1, 2], [3, 4, 5]), ["sessions_per_week", "sets_per_session"]),
        (lambda: Programme(weeks=[8, 9]), ["weeks", "single number"]),
    ],
)
def test_bad_input_raises_clear_value_error(make, words):
    with pytest.raises(ValueError) as info:
        make()
    for word in words:
        assert word in str(info.value)


# ------------------------------------------------------------------ CLI ----
def test_cli_train_json_keys_carry_units(capsys):
    code, out, err = run(
        capsys,
        "train",
        "--weeks",
        "6",
        "--sessions-per-week",
        "2",
        "--exercises",
        "squat",
        "sidestep",
        "--start-strength",
        "55",
        "--side",
        "left",
        "--json",
    )
    assert code == 0 and err == ""
    data = json.loads(out)
    assert data["weeks"] == 6 and data["sessions_per_week"] == 2
    assert data["exercises"] == ["banded_squat", "banded_sidestep"]
    assert data["stance_side"] == "left" and data["strength_pct"][0] == 55.0
    for key in (
        "strength_pct",
        "glute_med_activation_pct",
        "trunk_lean_deg",
        "pelvic_drop_deg",
        "lumbar_contralateral_force_n",
        "lumbar_contralateral_force_bw",
    ):
        assert len(data[key]) == 7, key
    assert data["gain_rate_per_week"] > 0 and data["start_strength_pct"] == 55.0


def test_cli_train_text_and_plan_card_file(capsys, tmp_path):
    card = tmp_path / "plan.html"
    code, out, _ = run(capsys, "train", "--weeks", "4", "--html", str(card))
    assert code == 0
    assert "left back" in out and "× BW" in out and "% normal" in out and "Fukuda" in out
    assert card.read_text(encoding="utf-8").count("<tr><th>week ") == 4


def test_cli_exercises_json_and_html(capsys, tmp_path):
    card = tmp_path / "card.html"
    code, out, err = run(capsys, "exercises", "--json", "--html", str(card))
    assert code == 0 and err == ""
    data = json.loads(out)
    assert [e["name"] for e in data["exercises"]] == [
        "banded_squat",
        "banded_sidestep",
        "banded_front_step",
    ]
    for item in data["exercises"]:
        assert item["sets"] == 3 and item["band_position"] == "shins"
        assert "demand_is_proxy" in item
    # The banded squat has no published gluteus medius demand: the key is left
    # out (never null); the two others carry theirs.
    demands = ["glute_med_demand_pct" in item for item in data["exercises"]]
    assert demands == [False, True, True]
    assert data["html_file"] == str(card) and "Fukuda" in data["evidence_note"]
    assert "Banded front step" in card.read_text(encoding="utf-8")
    code, text, _ = run(capsys, "exercises")
    assert code == 0 and "3 sets of 10 repetitions" in text and "proxy" in text


@pytest.mark.parametrize(
    ("argv", "words"),
    [
        (["train", "--weeks", "-3"], ["weeks", "-3"]),
        (["train", "--weeks", "2.5"], ["weeks", "whole number"]),
        (["train", "--sessions-per-week", "0"], ["sessions_per_week", "0"]),
        (["train", "--exercises", "plank"], ["exercises", "plank"]),
        (["train", "--start-strength", "150"], ["start_strength", "150", "%"]),
        (["train", "--mass", "-5"], ["mass", "-5", "kg"]),
        (["exercises", "--weeks", "0"], ["weeks", "0"]),
    ],
)
def test_cli_bad_input_exits_2_with_one_line(capsys, argv, words):
    code, out, err = run(capsys, *argv)
    assert code == 2 and out == ""
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err
    for word in words:
        assert word in err


def test_cli_unwritable_plan_card_exits_2(capsys, tmp_path):
    code, out, err = run(capsys, "exercises", "--html", str(tmp_path / "missing" / "card.html"))
    assert code == 2 and out == "" and "html" in err and "cannot write" in err
