"""The three banded glute exercises of the source article, as data.

A popular-press article (Well+Good, quoting the physical therapist Natalie
Sampson, DPT) ends with three resistance-band exercises meant to wake up and
strengthen the glutes: a banded squat, a banded sidestep and a banded front
step. This module holds each one as a frozen :class:`Exercise` with the
protocol the article gives (sets, repetitions or steps, band position, foot
width, cues), the common faults and how to correct them, and what the
literature measured of gluteus medius activity in the same or the nearest
published task. Every protocol item is paraphrased from the article; nothing
is quoted. The exercises themselves are data, in ``exercises.json`` beside
this module (:data:`EXERCISE_FILE`), each publication named there by its key
in :data:`REFERENCES`.

Evidence, and where it is only a proxy
--------------------------------------
Muscle activity is given in % of a maximum voluntary isometric contraction
(% MVIC, surface EMG). Only the sidestep has a directly published figure
(resisted lateral band walking, Youdas et al. 2013). No study known to this
package measured a banded *front step* or a banded *squat with the band at
the shins*: the front step uses the forward step-up of MacAskill et al.
(2014) as a **proxy** (a step onto a box, without a band), and the squat has
no absolute figure at all, only the relative increase a looped band gives
over a plain squat (Martins et al. 2022). ``Evidence.proxy`` says which is
which, and ``Exercise.glute_med_demand_pct`` is ``None`` where nothing
comparable exists rather than an invented number.

How the band position changes the demand
----------------------------------------
Moving a looped band from the knees to the ankles and on to the feet raises
gluteus medius (and maximus) activity in resisted side stepping (Lewis et al.
2018). A simple mechanical reason, offered here as a teaching model: for the
same hip abduction angle a band further from the hip is stretched more *and*
pulls on a longer lever, so with a linear band its hip abduction moment grows
with the square of its distance below the hip centre
(:func:`relative_band_moment`). The step from ankles to feet is larger than
this lever alone predicts; Lewis et al. attribute it to the band pulling the
forefeet inward, which the gluteal external rotators must resist.

References
----------
Well+Good article quoting Natalie Sampson, DPT: "Did you know that stronger
glutes can ease lower back pain? Here are 3 exercises that can help"
(popular press; the source of the three protocols). [@wellgood]
Youdas JW, Foley BM, Kruger BL, Mangus JM, Tortorelli AM, Madson TJ, Hollman
JH (2013) Electromyographic analysis of trunk and hip muscles during resisted
lateral band walking. Physiother Theory Pract 29:113-123,
doi:10.3109/09593985.2012.704492. [@youdas2013]
MacAskill MJ, Durant TJS, Wallace DA (2014) Gluteal muscle activity during
weightbearing and non-weightbearing exercise. Int J Sports Phys Ther
9:907-914. [@macaskill2014]
Berry JW, Lee TS, Foley HD, Lewis CL (2015) Resisted side stepping: the
effect of posture on hip abductor muscle activation. J Orthop Sports Phys
Ther 45:675-682, doi:10.2519/jospt.2015.5888. [@berry2015]
Lewis CL, Foley HD, Lee TS, Berry JW (2018) Hip-muscle activity in men and
women during resisted side stepping with different band positions. J Athl
Train 53:1071-1081, doi:10.4085/1062-6050-46-16. [@lewis2018]
Martins EC, Steffen LB, Gomes D, Herzog W, Haupenthal A, de Brito Fontana H
(2022) Looped elastic resistance during squats: how do band position and
stiffness affect hip myoelectric activity? J Funct Morphol Kinesiol 7:60,
doi:10.3390/jfmk7030060. [@martins2022]
Winter DA (2009) Biomechanics and Motor Control of Human Movement, 4th ed.
Wiley, Fig. 4.1 (segment lengths after Drillis & Contini 1966).
[@winter2009; @drillis1966]
"""

from __future__ import annotations

import json
from dataclasses import dataclass, fields
from pathlib import Path

import numpy as np

from ._validation import check_choice
from .geometry import ANKLE_HEIGHT_PER_HEIGHT, HIP_HEIGHT_PER_HEIGHT, KNEE_HEIGHT_PER_HEIGHT
from .parameters import check, parameter
from .text import plan_card_html

__all__ = [
    "BAND_POSITIONS",
    "EVIDENCE_NOTE",
    "EXERCISES",
    "EXERCISE_FILE",
    "REFERENCES",
    "SOURCE",
    "Cue",
    "Evidence",
    "Exercise",
    "Fault",
    "band_lever_m",
    "exercise",
    "exercise_names",
    "plan_card_html",
    "relative_band_moment",
]

#: How the source is cited everywhere in the package.
SOURCE = "Well+Good article quoting Natalie Sampson, DPT"

#: What the models can and cannot say, stated wherever exercises or training
#: results are shown. Kendall KD, Emery CA, Wiley JP, Ferber R (2015) J Sci
#: Med Sport 18:626-631, doi:10.1016/j.jsams.2014.11.006 (80 people with
#: non-specific low back pain; adding progressive hip strengthening to a
#: lumbopelvic motor-control programme did not reduce pain or disability
#: more). Fukuda TY, Aquino LM, Pereira P, Ayres I, Feio AF, de Jesus FLA,
#: Neto MG (2021) Braz J Phys Ther 25:900-907, PMC8721074 (70 people with
#: chronic non-specific low back pain; adding hip strengthening to manual
#: therapy and segmental stabilisation gave no between-group difference in
#: pain or disability up to 12 months).
EVIDENCE_NOTE = (
    "The models show mechanics, not clinical outcomes: a stronger gluteus medius moves load "
    "from the lower back to the hip in the model, but randomised trials that added hip "
    "strengthening to low back pain programmes found no extra benefit for pain or disability "
    "(Kendall et al. 2015, J Sci Med Sport 18:626; Fukuda et al. 2021, Braz J Phys Ther "
    "25:900)."
)

#: The publications the exercises' evidence and corrections cite, by their key
#: in docs/references.bib (``exercises.json`` names them by key).
REFERENCES = {
    "youdas2013": "Youdas JW et al. (2013) Physiother Theory Pract 29:113-123, "
    "doi:10.3109/09593985.2012.704492",
    "macaskill2014": "MacAskill MJ, Durant TJS, Wallace DA (2014) Int J Sports Phys Ther 9:907-914",
    "berry2015": "Berry JW, Lee TS, Foley HD, Lewis CL (2015) J Orthop Sports Phys Ther "
    "45:675-682, doi:10.2519/jospt.2015.5888",
    "lewis2018": "Lewis CL, Foley HD, Lee TS, Berry JW (2018) J Athl Train 53:1071-1081, "
    "doi:10.4085/1062-6050-46-16",
    "martins2022": "Martins EC et al. (2022) J Funct Morphol Kinesiol 7:60, "
    "doi:10.3390/jfmk7030060",
}

# --- Band levels ------------------------------------------------------------
#: Where a looped band sits, height above the floor / stature. "knees",
#: "ankles" and "feet" are the three levels of Lewis et al. (2018).
#: ASSUMPTION: "shins" (the source article's level) is mid-shank, half-way
#: between knee and ankle; "feet" is a band over the forefeet about half the
#: ankle height above the floor (~3.5 cm in a 1.75 m adult). [-]
_BAND_HEIGHT_PER_HEIGHT = {
    "knees": KNEE_HEIGHT_PER_HEIGHT,
    "shins": (KNEE_HEIGHT_PER_HEIGHT + ANKLE_HEIGHT_PER_HEIGHT) / 2,
    "ankles": ANKLE_HEIGHT_PER_HEIGHT,
    "feet": ANKLE_HEIGHT_PER_HEIGHT / 2,
}
#: Band levels from the hip downward.
BAND_POSITIONS = tuple(_BAND_HEIGHT_PER_HEIGHT)


def band_lever_m(position: str, height_m: float | np.ndarray = 1.75) -> float | np.ndarray:
    """Vertical distance from the hip centre down to a looped band. [m]

    Parameters
    ----------
    position : {"knees", "shins", "ankles", "feet"}
        Where the band sits.
    height_m : float or array_like
        Stature, 1.2 to 2.2. [m]

    Returns
    -------
    float or numpy.ndarray
        The lever of the band's sideways pull about the hip, standing with
        the legs vertical. [m]

    Notes
    -----
    Segment heights from Drillis & Contini (1966) as tabulated by Winter
    (2009, Fig. 4.1); the shin and forefoot levels are ASSUMPTIONS (see
    ``_BAND_HEIGHT_PER_HEIGHT``).
    """
    position = check_choice("band_position", position, BAND_POSITIONS)
    height = check("height_m", height_m)
    return np.multiply(HIP_HEIGHT_PER_HEIGHT - _BAND_HEIGHT_PER_HEIGHT[position], height)


def relative_band_moment(position: str, reference: str = "shins") -> float:
    """Hip abduction moment from a band at ``position`` relative to ``reference``. [-]

    For the same band and the same hip abduction angle of both legs, the
    band's stretch grows with its distance *d* below the hip and so does its
    lever; with a linear (Hookean) band the hip abduction moment it demands
    is therefore proportional to *d*². The ratio does not depend on stature.

    Parameters
    ----------
    position, reference : {"knees", "shins", "ankles", "feet"}
        Band levels to compare.

    Returns
    -------
    float
        ``(d_position / d_reference) ** 2``. [-]

    Notes
    -----
    ASSUMPTIONS: linear band, small angles, the same hip angle at every band
    level, legs straight. The model reproduces the *order* measured by Lewis
    et al. (2018) — knees < ankles < feet — but not its size between ankles
    and feet, where the band's inward pull on the forefeet (resisted by the
    gluteal external rotators) matters more than the small gain in lever.

    References
    ----------
    Lewis CL, Foley HD, Lee TS, Berry JW (2018) J Athl Train 53:1071-1081,
    doi:10.4085/1062-6050-46-16.
    """
    lever = band_lever_m(position)
    lever_ref = band_lever_m(reference)
    return float((lever / lever_ref) ** 2)


_DIRECTION_WORDS = {
    "right": "to the right",
    "left": "to the left",
    "forward": "forward",
    "backward": "backward",
}


# --- The data classes --------------------------------------------------------
def _field_values(item: Cue | Fault | Evidence) -> dict:
    """A cue's, a fault's or a figure's fields by name, in their order (plain values)."""
    return {f.name: getattr(item, f.name) for f in fields(item)}


@dataclass(frozen=True, kw_only=True)
class Cue:
    """One coaching cue.

    Parameters
    ----------
    key : str
        Short identifier, e.g. ``"weight_in_heels"``.
    text : str
        The cue in plain words.
    source : str
        Who gives the cue; the source article by default.
    """

    key: str
    text: str
    source: str = SOURCE


@dataclass(frozen=True, kw_only=True)
class Fault:
    """A common fault, how to correct it, and why it matters.

    Parameters
    ----------
    key, source : str
        As for :class:`Cue`, e.g. ``"trunk_lean"``; the source is where the
        fault and its correction come from.
    fault, fix, why : str
        What goes wrong, how to correct it, and the mechanics or evidence
        behind the correction.
    """

    key: str
    fault: str
    fix: str
    why: str
    source: str = SOURCE


@dataclass(frozen=True, kw_only=True)
class Evidence:
    """A published muscle-activity figure for an exercise or its nearest proxy.

    Parameters
    ----------
    muscle : str
        The muscle measured, e.g. ``"gluteus medius"``.
    condition : str
        Which limb or side, or which comparison.
    task : str
        The task actually measured in the study.
    mean_pct_mvic, sd_pct_mvic : float or None
        Mean and standard deviation of the activity, None where the study
        gives only a comparison. [% MVIC]
    relative_change_pct : float or None
        Change relative to a comparison task, where that is what the study
        reports. [%]
    proxy : bool
        True when the task measured is not the exercise itself.
    note : str
        How to read the figure.
    reference : str
        The original publication.
    """

    muscle: str
    condition: str
    task: str
    mean_pct_mvic: float | None = None
    sd_pct_mvic: float | None = None
    relative_change_pct: float | None = None
    proxy: bool = False
    note: str = ""
    reference: str = ""

    def to_dict(self) -> dict:
        """Plain dictionary; percentages in keys ending ``_pct``."""
        return _field_values(self)


@dataclass(frozen=True, kw_only=True)
class Exercise:
    """One banded exercise with its protocol, cues, faults and evidence.

    Parameters
    ----------
    name : str
        Identifier, e.g. ``"banded_squat"``.
    title : str
        Display name.
    purpose : str
        What the exercise is for, in one sentence.
    band_position : {"knees", "shins", "ankles", "feet"}
        Where the looped band sits.
    stance_width : str
        Starting foot width, e.g. ``"hip-width"``.
    sets : int
        Number of sets, 1 to 10. [count]
    reps_per_set : int
        Repetitions per set, or steps in each direction for a stepping
        exercise, 1 to 50. [count]
    directions : tuple of str
        For stepping exercises the directions of one set in order, e.g.
        ``("right", "left")``; empty for a squat.
    setup, steps : tuple of str
        How to start, and the movement, in order.
    cues : tuple of Cue
        What to keep doing.
    faults : tuple of Fault
        Common faults and their correction.
    evidence : tuple of Evidence
        Published muscle activity, marked where it is only a proxy.
    band_note : str
        How the band level changes the demand.
    source : str
        The source of the protocol.
    """

    name: str
    title: str
    purpose: str
    band_position: str
    stance_width: str
    sets: int
    reps_per_set: int
    directions: tuple[str, ...] = ()
    setup: tuple[str, ...] = ()
    steps: tuple[str, ...] = ()
    cues: tuple[Cue, ...] = ()
    faults: tuple[Fault, ...] = ()
    evidence: tuple[Evidence, ...] = ()
    band_note: str = ""
    source: str = SOURCE

    def __post_init__(self) -> None:
        put = object.__setattr__
        put(
            self, "band_position", check_choice("band_position", self.band_position, BAND_POSITIONS)
        )
        for name in ("sets", "reps_per_set"):
            value = check(name, getattr(self, name), scalar=True)
            if value != int(value):
                raise ValueError(
                    f"{name} = {value:g} is not a whole number: allowed "
                    f"{parameter(name).range_text()}"
                )
            put(self, name, int(value))
        for name in ("directions", "setup", "steps", "cues", "faults", "evidence"):
            put(self, name, tuple(getattr(self, name)))

    @property
    def movements_per_set(self) -> int:
        """Squats or steps in one set (steps counted in every direction). [count]"""
        return self.reps_per_set * max(1, len(self.directions))

    @property
    def prescription(self) -> str:
        """The dose in words, e.g. ``"3 sets of 10 repetitions"``."""
        if not self.directions:
            return f"{self.sets} sets of {self.reps_per_set} repetitions"
        legs = []
        for i, d in enumerate(self.directions):
            way = _DIRECTION_WORDS.get(d, d)
            back = "back " if i and d in ("left", "right") else ""
            legs.append(f"{self.reps_per_set} {'steps ' if not i else ''}{back}{way}")
        return f"{self.sets} sets of " + ", then ".join(legs)

    @property
    def glute_med_evidence(self) -> Evidence | None:
        """The first gluteus medius figure with a % MVIC value, or None."""
        for item in self.evidence:
            if item.muscle == "gluteus medius" and item.mean_pct_mvic is not None:
                return item
        return None

    @property
    def glute_med_demand_pct(self) -> float | None:
        """Gluteus medius activity of the exercise or its proxy, None if unknown. [% MVIC]"""
        item = self.glute_med_evidence
        return None if item is None else item.mean_pct_mvic

    @property
    def glute_med_demand_sd_pct(self) -> float | None:
        """Its standard deviation between people, None if unknown. [% MVIC]"""
        item = self.glute_med_evidence
        return None if item is None else item.sd_pct_mvic

    @property
    def demand_is_proxy(self) -> bool:
        """True unless the demand was measured on this exercise itself."""
        item = self.glute_med_evidence
        return True if item is None else item.proxy

    def to_dict(self) -> dict:
        """Plain dictionary for JSON: counts are integers, percentages end in ``_pct``."""
        return {
            "name": self.name,
            "title": self.title,
            "purpose": self.purpose,
            "band_position": self.band_position,
            "band_lever_per_height": float(
                HIP_HEIGHT_PER_HEIGHT - _BAND_HEIGHT_PER_HEIGHT[self.band_position]
            ),
            "stance_width": self.stance_width,
            "sets": self.sets,
            "reps_per_set": self.reps_per_set,
            "directions": list(self.directions),
            "movements_per_set": self.movements_per_set,
            "prescription": self.prescription,
            "setup": list(self.setup),
            "steps": list(self.steps),
            "cues": [_field_values(cue) for cue in self.cues],
            "faults": [_field_values(fault) for fault in self.faults],
            "glute_med_demand_pct": self.glute_med_demand_pct,
            "glute_med_demand_sd_pct": self.glute_med_demand_sd_pct,
            "demand_is_proxy": self.demand_is_proxy,
            "evidence": [e.to_dict() for e in self.evidence],
            "band_note": self.band_note,
            "source": self.source,
        }


# --- The three exercises of the source article ------------------------------
#: The exercises' protocols, cues, faults and evidence (JSON, UTF-8).
EXERCISE_FILE = Path(__file__).with_name("exercises.json")


def _read_exercises(path: Path) -> tuple[str, dict[str, Exercise]]:
    """The band note and the exercises of ``path``, references resolved by key."""
    data = json.loads(path.read_text(encoding="utf-8"))
    note = data["band_note"]

    def cited(record: dict, key: str) -> dict:
        return record | ({key: REFERENCES[record[key]]} if key in record else {})

    exercises = {}
    for record in data["exercises"]:
        parts = {
            "cues": tuple(Cue(**cue) for cue in record["cues"]),
            "faults": tuple(Fault(**cited(fault, "source")) for fault in record["faults"]),
            "evidence": tuple(Evidence(**cited(item, "reference")) for item in record["evidence"]),
        }
        exercises[record["name"]] = Exercise(**(record | parts), band_note=note)
    return note, exercises


#: ``BAND_LEVEL_NOTE``: how the band level changes the demand, shown with every
#: exercise; ``EXERCISES``: the three exercises of the source article, in its order.
BAND_LEVEL_NOTE, EXERCISES = _read_exercises(EXERCISE_FILE)
BANDED_SQUAT = EXERCISES["banded_squat"]
BANDED_SIDESTEP = EXERCISES["banded_sidestep"]
BANDED_FRONT_STEP = EXERCISES["banded_front_step"]

_ALIASES = {
    "squat": "banded_squat",
    "sidestep": "banded_sidestep",
    "side_step": "banded_sidestep",
    "banded_side_step": "banded_sidestep",
    "front_step": "banded_front_step",
    "frontstep": "banded_front_step",
}


def exercise_names() -> tuple[str, ...]:
    """Names of the built-in exercises, in the source's order."""
    return tuple(EXERCISES)


def exercise(name: str) -> Exercise:
    """Look up one of the three exercises by name.

    Parameters
    ----------
    name : str
        ``"banded_squat"``, ``"banded_sidestep"`` or ``"banded_front_step"``;
        short forms such as ``"squat"``, ``"sidestep"`` or ``"front-step"``
        work too (case, spaces and hyphens do not matter).

    Returns
    -------
    Exercise

    Raises
    ------
    ValueError
        For an unknown name; the message lists the known ones.
    """
    if isinstance(name, Exercise):
        return name
    key = name.strip().lower().replace("-", "_").replace(" ", "_") if isinstance(name, str) else ""
    key = _ALIASES.get(key, key)
    if key not in EXERCISES:
        options = ", ".join(repr(n) for n in EXERCISES)
        raise ValueError(f"exercise must be one of {options}; got {name!r}")
    return EXERCISES[key]
