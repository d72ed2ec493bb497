"""The notebooks' self-check questions, kept out of the students' sight.

A notebook asks a question with one short cell, ``quiz("02-lean-hip-joint")``.
The question, its options, the right answer and the explanation live in
``gluteed/quizzes.json``, so the notebook's visible code holds no answer. Text in
braces in that file, e.g. ``{weak.lumbar_left_force_bw:.2f}``, is filled in from
the model when the question is shown (the functions in ``_VALUES`` below), so
every number in an explanation is the model's own.

    from gluteed.quiz import quiz, quiz_ids
    quiz_ids()                  # ['00-criss-cross', '00-undo', ...]
    quiz("00-criss-cross")      # the widget of gluteed.widgets.quiz

:func:`load_quiz` gives the filled-in text without a widget (for tests and for a
lecturer's answer sheet).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np

from . import exercises
from .anthropometry import GRAVITY
from .cases import load_case
from .exercises import exercise
from .freebody import pauwels_1965, solve_free_body
from .gait import solve_walk
from .hamstrings import solve_bend
from .stance import solve_stance
from .training import Programme, simulate_training

__all__ = ["QUIZ_FILE", "Quiz", "load_quiz", "quiz", "quiz_ids"]

#: The questions, options, answers and explanations (JSON, UTF-8).
QUIZ_FILE = Path(__file__).with_name("quizzes.json")


@dataclass(frozen=True)
class Quiz:
    """One self-check question with its numbers filled in from the model."""

    quiz_id: str
    notebook: str
    question: str
    options: tuple[str, ...]
    answer: int  # position of the right option in ``options``, from 0
    explanation: str


# ----------------------------------------------- the numbers of each question ---
def _criss_cross_00() -> dict[str, Any]:
    return {"weak": solve_stance(glute_med_strength_right=25), "normal": solve_stance()}


def _free_body_01() -> dict[str, Any]:
    # Pauwels' inputs (forces in N, distances in m, angle in degrees), as in notebook 01.
    pauwels = pauwels_1965()
    bag, cane = 10 * GRAVITY, -0.15 * pauwels["body_weight"]  # [N]: 10 kg bag; cane up
    other_hand, same_hand = 0.31, -0.14  # sideways distance from the stance hip [m]
    textbook = solve_free_body(**pauwels)
    cane_other = solve_free_body(**pauwels, loads=[(cane, other_hand)])
    return {
        "textbook": textbook,
        "horizontal": solve_free_body(**dict(pauwels, arm_convention="horizontal")),
        "bag_other": solve_free_body(**pauwels, loads=[(bag, other_hand)]),
        "bag_same": solve_free_body(**pauwels, loads=[(bag, same_hand)]),
        "cane_other": cane_other,
        "joint_pct": 100 * cane_other.joint_force_n / textbook.joint_force_n,
    }


def _bag_lumbar_01() -> dict[str, Any]:
    return {"bag_left": solve_stance(bag_kg=10, bag_side="opposite")}


def _criss_cross_02() -> dict[str, Any]:
    return {"strong": solve_stance(), "weak": solve_stance(glute_med_strength_right=20)}


def _lean_hip_joint_02() -> dict[str, Any]:
    return {
        "upright": solve_stance(load_case("weak-right-glute").stance_input()),
        "leaning": solve_stance(load_case("duchenne-compensator").stance_input()),
    }


def _left_stance_02() -> dict[str, Any]:
    return {"left": solve_stance(stance_side="left", glute_med_strength_left=20, strategy="lean")}


def _bend_03() -> dict[str, Any]:
    # A 70 kg, 1.75 m man with the trunk at 60°, normal (18°) and tight (45°) AKE.
    return {
        "normal": solve_bend(trunk_inclination_deg=60, ake_deg=18),
        "tight": solve_bend(trunk_inclination_deg=60, ake_deg=45),
    }


def _glute_inhibition_03() -> dict[str, Any]:
    office = load_case("office-tight-hamstrings").bend_input(60)  # trunk at 60°
    return {"off": solve_bend(office), "on": solve_bend(office, glute_inhibition=True)}


@cache
def _walk() -> Any:
    return solve_walk()  # 70 kg, 1.75 m man at 1.1 m/s, full strength


def _right_alone() -> np.ndarray:
    return _walk().support == "right"  # the frames of right single support


def _single_support_04() -> dict[str, Any]:
    walk, alone = _walk(), _right_alone()
    return {
        "left_max": walk.lumbar_left_force_bw[alone].max(),
        "right_max": walk.lumbar_right_force_bw[alone].max(),
        "glute_max": walk.glute_med_force_right_bw[alone].max(),
    }


def _heel_strike_04() -> dict[str, Any]:
    walk = _walk()
    first_left = np.argmax(walk.lumbar_left_force_n > walk.lumbar_right_force_n)
    return {
        "right_at_strike": walk.lumbar_right_force_bw[0],
        "takeover": walk.gait_cycle_pct[first_left],
    }


def _pelvic_drop_04() -> dict[str, Any]:
    alone = _right_alone()
    drop = {s: solve_walk(glute_med_strength_right=s).pelvic_drop_deg for s in (30, 10)}
    return {"drop_30": drop[30][alone].max(), "drop_10": drop[10][alone].max()}


def _hip_force_04() -> dict[str, Any]:
    return {"peak": _walk().hip_contact_force_right_bw.max()}


def _sidestep_05() -> dict[str, Any]:
    return {"sidestep": exercise("sidestep").glute_med_evidence}


def _band_position_05() -> dict[str, Any]:
    feet = exercises.relative_band_moment("feet")
    return {
        "feet": feet,
        "feet_root": feet**0.5,
        "knees": exercises.relative_band_moment("knees"),
    }


def _absolute_change_05() -> dict[str, Any]:
    lbp = simulate_training(Programme(weeks=12))  # starts at 69 %, no lean
    change_n = lbp.lumbar_contralateral_force_n[0] - lbp.lumbar_contralateral_force_n[-1]
    return {
        "less_pct": -lbp.lumbar_contralateral_change_pct[-1],
        "change_n": change_n,
        "change_kg": change_n / GRAVITY,
        "start_bw": lbp.lumbar_contralateral_force_bw[0],
    }


#: The questions whose text has numbers from the model, and where they come from.
_VALUES: dict[str, Callable[[], dict[str, Any]]] = {
    "00-criss-cross": _criss_cross_00,
    "01-horizontal-lever": _free_body_01,
    "01-bag-hand": _free_body_01,
    "01-cane": _free_body_01,
    "01-bag-lumbar": _bag_lumbar_01,
    "02-criss-cross": _criss_cross_02,
    "02-lean-hip-joint": _lean_hip_joint_02,
    "02-left-stance": _left_stance_02,
    "03-bend-split": _bend_03,
    "03-lumbar-moment": _bend_03,
    "03-glute-inhibition": _glute_inhibition_03,
    "04-single-support": _single_support_04,
    "04-heel-strike": _heel_strike_04,
    "04-pelvic-drop": _pelvic_drop_04,
    "04-hip-force": _hip_force_04,
    "05-sidestep-evidence": _sidestep_05,
    "05-band-position": _band_position_05,
    "05-absolute-change": _absolute_change_05,
}


# --------------------------------------------------------------------- access ---
@cache
def _records() -> dict[str, dict[str, Any]]:
    return json.loads(QUIZ_FILE.read_text(encoding="utf-8"))["quizzes"]


def quiz_ids() -> list[str]:
    """The ids of all questions, in notebook order (``"00-criss-cross"``, ...)."""
    return sorted(_records())


def load_quiz(quiz_id: str) -> Quiz:
    """The question ``quiz_id`` with its numbers filled in from the model.

    Raises
    ------
    ValueError
        If ``quiz_id`` is not one of :func:`quiz_ids`.
    """
    records = _records()
    if quiz_id not in records:
        raise ValueError(
            f"quiz_id must be one of the ids in {QUIZ_FILE.name} ({', '.join(sorted(records))});"
            f" got {quiz_id!r}"
        )
    record = records[quiz_id]
    values = _VALUES[quiz_id]() if quiz_id in _VALUES else {}
    return Quiz(
        quiz_id=quiz_id,
        notebook=record["notebook"],
        question=record["question"].format(**values),
        options=tuple(option.format(**values) for option in record["options"]),
        answer=record["answer"],
        explanation=record["explanation"].format(**values),
    )


def quiz(quiz_id: str, *, tries: int = 2) -> Any:
    """The self-check widget of :func:`gluteed.widgets.quiz` for question ``quiz_id``.

    The answer and the explanation stay hidden until the student has answered
    right or has tried ``tries`` times (at least 1).
    """
    from .widgets import quiz as quiz_widget  # the widgets only when a question is shown

    q = load_quiz(quiz_id)
    return quiz_widget(q.question, list(q.options), q.answer, q.explanation, tries=tries)
