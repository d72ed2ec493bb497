"""Training simulation: gluteus medius strength week by week, and what it moves.

The model
---------
A programme (weeks, sessions per week, which of the three banded exercises)
raises gluteus medius strength *S* (in % of normal for the body size) with
diminishing returns toward a ceiling *C*, a first-order approach:

    dS/dt = k (C - S)   ->   S(t) = C - (C - S0) exp(-k t),  t in weeks,

so a weak muscle gains quickly at first and the gain slows as it nears
normal. The rate constant grows with the weekly training volume *D* (sets
per week) with diminishing returns on volume:

    k = k_ref (D / D_ref) ** 0.5.

At every week the single-leg stance model (:func:`gluteed.solve_stance`,
one vectorised call over all weeks) is solved again with the new strength
on both hips (all three exercises are bilateral), giving gluteus medius
activation, trunk lean, pelvic drop and the load on the *other* side of the
lower back. Nothing in this module moves load between muscles: the shift
from back to hip emerges from the stance model's equilibrium and choice rule.

Calibration and assumptions
---------------------------
* ``k_ref`` = 0.085 per week is the least-squares fit, from a starting
  strength of 69 % of normal, to two published gains of hip abductor
  strength: +21 % over 8 weeks (Dolak et al. 2011) and +12 % over a 3-week
  programme in people with low back pain (Kendall et al. 2010). The model
  then gives +22 % and +10 %. ASSUMPTION: both groups started about 31 %
  below normal, as Kendall et al. (2010) measured for their low back pain
  group; Dolak et al.'s group (women with patellofemoral pain) may have
  started elsewhere.
* The reference volume ``D_ref`` is the source article's session (three
  exercises, 3 sets each, 9 sets) three times a week. ASSUMPTION: three
  sessions a week, the upper end of the 2-3 days a week advised for novices
  (ACSM 2009), stands in for the trials' unreported or different doses.
* ASSUMPTION: the square root. Strength gains rise less than in proportion
  to weekly set volume (Ralston et al. 2017); the exponent 0.5 is a
  modelling choice, not a fitted value.
* ASSUMPTION: the ceiling is 100 % of normal (the stance model's largest
  strength); training above normal, detraining and missed sessions are not
  modelled, and gains of isometric abductor strength are taken to raise the
  gluteus medius capacity in proportion.

What the model does not say
---------------------------
It shows mechanics, not clinical outcomes. Randomised trials that added hip
strengthening to low back pain programmes found no extra benefit for pain
or disability (Kendall et al. 2015; Fukuda et al. 2021), and Kendall et al.
(2010) found that stronger abductors did not reduce pelvic drop.

Walking is re-solved at every week as well (:func:`gluteed.solve_walk`, one
stride per week at the default speed), and the result keeps, per week, the
peaks over the stance leg's single support of the other side's lower-back
force, the pelvic drop and the hip contact force.

References
----------
Dolak KL, Silkman C, Medina McKeon J, Hosey RG, Lattermann C, Uhl TL (2011)
Hip strengthening prior to functional exercises reduces pain sooner than
quadriceps strengthening in females with patellofemoral pain syndrome: a
randomized clinical trial. J Orthop Sports Phys Ther 41:560-570,
doi:10.2519/jospt.2011.3499. [@dolak2011]
Kendall KD, Schmidt C, Ferber R (2010) The relationship between
hip-abductor strength and the magnitude of pelvic drop in patients with low
back pain. J Sport Rehabil 19:422-435, doi:10.1123/jsr.19.4.422. [@kendall2010]
Kendall KD, Emery CA, Wiley JP, Ferber R (2015) The effect of the addition
of hip strengthening exercises to a lumbopelvic exercise programme for the
treatment of non-specific low back pain: a randomized controlled trial.
J Sci Med Sport 18:626-631, doi:10.1016/j.jsams.2014.11.006. [@kendall2015]
Fukuda TY, Aquino LM, Pereira P, Ayres I, Feio AF, de Jesus FLA, Neto MG
(2021) Does adding hip strengthening exercises to manual therapy and
segmental stabilization improve outcomes in patients with nonspecific low
back pain? A randomized controlled trial. Braz J Phys Ther 25:900-907,
PMC8721074. [@fukuda2021]
American College of Sports Medicine (2009) Progression models in resistance
training for healthy adults. Med Sci Sports Exerc 41:687-708,
doi:10.1249/MSS.0b013e3181915670. [@acsm2009]
Ralston GW, Kilgore L, Wyatt FB, Baker JS (2017) The effect of weekly set
volume on strength gain: a meta-analysis. Sports Med 47:2585-2601,
doi:10.1007/s40279-017-0762-7. [@ralston2017]
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields, replace

import numpy as np

from ._validation import check_shapes, scenario
from .exercises import EVIDENCE_NOTE, Exercise, exercise, exercise_names, plan_card_html
from .gait import WalkInput, solve_walk
from .parameters import check, parameter
from .stance import StanceInput, StanceResult, solve_stance

__all__ = [
    "DOSE_EXPONENT",
    "GAIN_RATE_PER_WEEK",
    "LBP_START_STRENGTH_PCT",
    "MIN_START_STRENGTH_PCT",
    "REFERENCE_SESSIONS_PER_WEEK",
    "REFERENCE_SETS_PER_SESSION",
    "Programme",
    "TrainingResult",
    "simulate_training",
    "trained_strength_pct",
    "weekly_rate",
]

#: Gluteus medius strength of people with non-specific low back pain at the
#: start of a programme (Kendall et al. 2010), the default start; and the
#: weakest start a programme accepts (an ASSUMPTION). Both are declared, with
#: their sources and reasons, in :mod:`gluteed.parameters`. [% of normal]
_START = parameter("start_strength_pct")
LBP_START_STRENGTH_PCT = _START.default
MIN_START_STRENGTH_PCT = _START.lo

#: Rate constant of the approach to the ceiling at the reference volume.
#: Least-squares fit of S(t) = C - (C - S0) exp(-k t), S0 = 69 %, C = 100 %,
#: to +21 % over 8 weeks (Dolak et al. 2011, J Orthop Sports Phys Ther
#: 41:560, hip abductor strength, hip-first group) and +12 % over 3 weeks
#: (Kendall et al. 2010, low back pain group); the fit gives +22 % and +10 %.
#: [1/week]
GAIN_RATE_PER_WEEK = 0.085

#: Reference sessions per week for ``GAIN_RATE_PER_WEEK``. ASSUMPTION: three,
#: the upper end of the 2-3 days a week the ACSM (2009) position stand
#: advises for novices. [1/week]
REFERENCE_SESSIONS_PER_WEEK = 3

#: Reference sets per session: the source article's three exercises, three
#: sets each. [count]
REFERENCE_SETS_PER_SESSION = 9

#: Exponent of weekly volume in the rate constant. ASSUMPTION: 0.5, gains
#: that grow less than in proportion to weekly sets (Ralston et al. 2017,
#: Sports Med 47:2585, meta-analysis of weekly set volume). [-]
DOSE_EXPONENT = 0.5


def weekly_rate(
    sessions_per_week: float | np.ndarray,
    sets_per_session: float | np.ndarray,
    *,
    reference_rate: float = GAIN_RATE_PER_WEEK,
) -> float | np.ndarray:
    """Rate constant of the strength gain for a weekly training volume. [1/week]

    Parameters
    ----------
    sessions_per_week : float or array_like
        Training sessions per week, more than 0 and at most 7. [1/week]
    sets_per_session : float or array_like
        Sets of glute exercises per session, more than 0 and at most 50. [count]
    reference_rate : float
        The rate at the reference volume (3 sessions of 9 sets), 0 to 1.
        [1/week]

    Returns
    -------
    float or numpy.ndarray
        ``reference_rate * (D / D_ref) ** DOSE_EXPONENT`` with
        ``D = sessions_per_week * sets_per_session``. [1/week]

    Notes
    -----
    The square-root dependence on volume is an ASSUMPTION (see the module
    docstring).
    """
    sessions = check("dose_sessions_per_week", sessions_per_week)
    sets = check("sets_per_session", sets_per_session)
    rate = check("reference_rate_per_week", reference_rate)
    check_shapes(
        "weekly_rate",
        {"sessions_per_week": sessions, "sets_per_session": sets, "reference_rate": rate},
    )
    dose = np.multiply(sessions, sets) / (REFERENCE_SESSIONS_PER_WEEK * REFERENCE_SETS_PER_SESSION)
    return rate * np.power(dose, DOSE_EXPONENT)


def trained_strength_pct(
    week: float | np.ndarray,
    *,
    start_pct: float | np.ndarray,
    rate_per_week: float | np.ndarray,
    ceiling_pct: float | np.ndarray = 100.0,
) -> float | np.ndarray:
    """Strength after ``week`` weeks of training, first-order approach to a ceiling. [%]

    Parameters
    ----------
    week : float or array_like
        Time since the start of the programme, 0 to 52. [weeks]
    start_pct : float or array_like
        Strength at week 0, more than 0 and at most 100. [% of normal]
    rate_per_week : float or array_like
        Rate constant *k*, 0 to 2. [1/week]
    ceiling_pct : float or array_like
        Strength approached with training, at least ``start_pct`` and at
        most 100. [% of normal]

    Returns
    -------
    float or numpy.ndarray
        ``C - (C - S0) * exp(-k * week)``. [% of normal]
    """
    t = check("week", week)
    s0 = check("start_pct", start_pct)
    k = check("rate_per_week", rate_per_week)
    ceiling = check("ceiling_pct", ceiling_pct)
    check_shapes(
        "trained_strength_pct",
        {"week": t, "start_pct": s0, "rate_per_week": k, "ceiling_pct": ceiling},
    )
    if np.any(np.less(ceiling, s0)):
        raise ValueError(
            f"ceiling = {float(np.min(ceiling)):g} % of normal is out of range: allowed from the "
            f"start strength ({float(np.max(s0)):g} %) to 100 % of normal"
        )
    return ceiling - (ceiling - s0) * np.exp(-np.multiply(k, t))


def _known(name: object) -> bool:
    try:
        exercise(name)  # type: ignore[arg-type]
    except ValueError:
        return False
    return True


@dataclass(frozen=True, kw_only=True)
class Programme:
    """A training programme of the banded exercises.

    Parameters
    ----------
    weeks : int
        Length of the programme, 1 to 52. [weeks]
    sessions_per_week : int
        Sessions per week, 1 to 7. [1/week]
    exercises : tuple of str
        Names of the exercises done in every session (see
        :func:`gluteed.exercises.exercise`); each with its own sets.
        Default: all three of the source article.
    start_strength_pct : float
        Gluteus medius strength at the start, ``MIN_START_STRENGTH_PCT``
        (1) to 100; default 69 %, the deficit Kendall et al. (2010) measured in low
        back pain. [% of normal]
    ceiling_pct : float
        Strength approached with training, from ``start_strength_pct`` to
        100. [% of normal]
    reference_rate_per_week : float
        Rate constant at the reference volume (3 sessions of 9 sets a
        week), 0 to 1; default :data:`GAIN_RATE_PER_WEEK`. [1/week]
    """

    weeks: int = 8
    sessions_per_week: int = REFERENCE_SESSIONS_PER_WEEK
    exercises: tuple[str, ...] = field(default_factory=exercise_names)
    start_strength_pct: float = LBP_START_STRENGTH_PCT
    ceiling_pct: float = 100.0
    reference_rate_per_week: float = GAIN_RATE_PER_WEEK

    def __post_init__(self) -> None:
        put = object.__setattr__
        put(self, "weeks", check("weeks", self.weeks))
        put(self, "sessions_per_week", check("sessions_per_week", self.sessions_per_week))
        names = self.exercises
        if isinstance(names, str | Exercise):
            names = (names,)
        try:
            names = tuple(names)
        except TypeError:
            raise ValueError(f"exercises must be a list of exercise names; got {names!r}") from None
        if not names:
            options = ", ".join(repr(n) for n in exercise_names())
            raise ValueError(f"exercises must name at least one of {options}; got none")
        try:
            canonical = tuple(exercise(n).name for n in names)
        except ValueError:
            unknown = next(n for n in names if not _known(n))
            options = ", ".join(repr(n) for n in exercise_names())
            raise ValueError(
                f"exercises must be names from {options}; got unknown exercise {unknown!r}"
            ) from None
        for name in canonical:
            if canonical.count(name) > 1:
                raise ValueError(f"exercises lists {name!r} more than once")
        put(self, "exercises", canonical)
        start = check("start_strength_pct", self.start_strength_pct, scalar=True)
        put(self, "start_strength_pct", start)
        put(self, "ceiling_pct", check("ceiling_pct", self.ceiling_pct, lo=start))
        put(
            self,
            "reference_rate_per_week",
            check("reference_rate_per_week", self.reference_rate_per_week),
        )

    @property
    def sets_per_session(self) -> int:
        """Sets of all chosen exercises in one session. [count]"""
        return sum(exercise(n).sets for n in self.exercises)

    @property
    def sets_per_week(self) -> int:
        """Weekly training volume. [sets/week]"""
        return self.sets_per_session * self.sessions_per_week

    @property
    def rate_per_week(self) -> float:
        """Rate constant of the strength gain for this programme. [1/week]"""
        return float(
            weekly_rate(
                self.sessions_per_week,
                self.sets_per_session,
                reference_rate=self.reference_rate_per_week,
            )
        )

    def strength_pct(self, week: float | np.ndarray) -> float | np.ndarray:
        """Gluteus medius strength after ``week`` weeks (fractions allowed). [% of normal]"""
        return trained_strength_pct(
            week,
            start_pct=self.start_strength_pct,
            rate_per_week=self.rate_per_week,
            ceiling_pct=self.ceiling_pct,
        )

    def plan_card_html(self, title: str = "Glute plan: three banded exercises") -> str:
        """Printable plan card for this programme (see :func:`gluteed.exercises.plan_card_html`)."""
        return plan_card_html(
            self.exercises, weeks=self.weeks, sessions_per_week=self.sessions_per_week, title=title
        )

    def to_dict(self) -> dict:
        """The programme with units in the key names."""
        return {
            "weeks": self.weeks,
            "sessions_per_week": self.sessions_per_week,
            "exercises": list(self.exercises),
            "sets_per_session": self.sets_per_session,
            "sets_per_week": self.sets_per_week,
            "start_strength_pct": float(self.start_strength_pct),
            "ceiling_pct": float(self.ceiling_pct),
            "gain_rate_per_week": self.rate_per_week,
        }


def _of_stance(name: str, doc: str) -> property:
    """A week-by-week array of the stance results, as a property of TrainingResult."""

    def get(self: TrainingResult) -> np.ndarray:
        return getattr(self.stance, name)

    return property(get, doc=doc)


@dataclass(frozen=True, kw_only=True)
class TrainingResult:
    """Strength and single-leg-stance mechanics at every week of a programme.

    Arrays have one entry per week, from week 0 (before training) to the
    last week. ``stance`` holds the full :class:`~gluteed.StanceResult` of
    the batch; the properties below pick the quantities the programme is
    meant to change. The ``walk_*`` arrays are peaks over the single support
    of the stance-side leg in one stride per week: the other side's
    lower-back force (× body weight), the pelvic drop (deg) and the
    stance-side hip contact force (× body weight). Forces in N (``*_n``) and multiples of body weight
    (``*_bw``), angles in degrees, strengths and activations in %.

    Notes
    -----
    In a very weak muscle (below about 40 % of normal) the gluteus medius
    *activation* can rise during the first weeks even though the muscle is
    stronger: the person stops leaning over the hip, so the muscle takes
    more of the load while the other side of the lower back takes less.
    Its *force* never falls as strength rises.
    """

    programme: Programme
    stance_input: StanceInput
    week: np.ndarray
    strength_pct: np.ndarray
    stance: StanceResult
    walk_lumbar_contralateral_peak_bw: np.ndarray
    walk_pelvic_drop_peak_deg: np.ndarray
    walk_hip_contact_peak_bw: np.ndarray

    @property
    def strength_gain_pct(self) -> np.ndarray:
        """Strength gain relative to week 0. [%]"""
        return 100.0 * (self.strength_pct / self.strength_pct[0] - 1.0)

    glute_med_activation_pct = _of_stance(
        "glute_med_activation_pct", "Stance-side gluteus medius force / its capacity. [%]"
    )
    trunk_lean_deg = _of_stance("trunk_lean_deg", "Trunk lean toward the stance side. [deg]")
    pelvic_drop_deg = _of_stance("pelvic_drop_deg", "Pelvic drop on the swing side. [deg]")
    lumbar_contralateral_force_n = _of_stance(
        "lumbar_contralateral_force_n", "Lower-back lateral flexors on the swing (other) side. [N]"
    )
    lumbar_contralateral_force_bw = _of_stance(
        "lumbar_contralateral_force_bw", "The same in multiples of body weight. [-]"
    )

    @property
    def lumbar_contralateral_change_pct(self) -> np.ndarray:
        """Change of the other side's lower-back force relative to week 0. [%]"""
        force = np.asarray(self.lumbar_contralateral_force_n)
        if force[0] <= 0:
            return np.zeros_like(force)
        return 100.0 * (force / force[0] - 1.0)

    def to_dict(self) -> dict:
        """Programme, person and week-by-week results, with units in the key names."""
        s = self.stance
        inp = self.stance_input

        def plain(value: object) -> list:
            return np.asarray(value, dtype=float).tolist()

        out = self.programme.to_dict()
        out.update(
            {
                "stance_side": inp.stance_side,
                "strategy": inp.strategy,
                "mass_kg": float(inp.subject.mass_kg),
                "height_m": float(inp.subject.height_m),
                "sex": inp.subject.sex,
                "body_weight_n": float(np.asarray(s.body_weight_n).flat[0]),
                "week": [int(w) for w in self.week],
                "strength_pct": plain(self.strength_pct),
                "strength_gain_pct": plain(self.strength_gain_pct),
                "glute_med_activation_pct": plain(s.glute_med_activation_pct),
                "trunk_lean_deg": plain(s.trunk_lean_deg),
                "pelvic_drop_deg": plain(s.pelvic_drop_deg),
                "lumbar_contralateral_force_n": plain(s.lumbar_contralateral_force_n),
                "lumbar_contralateral_force_bw": plain(s.lumbar_contralateral_force_bw),
                "lumbar_contralateral_change_pct": plain(self.lumbar_contralateral_change_pct),
                "lumbar_ipsilateral_force_n": plain(s.lumbar_ipsilateral_force_n),
                "lumbar_ipsilateral_force_bw": plain(s.lumbar_ipsilateral_force_bw),
                "hip_contact_force_bw": plain(s.hip_contact_force_bw),
                "feasible": np.asarray(s.feasible).tolist(),
                "walk_lumbar_contralateral_peak_bw": plain(self.walk_lumbar_contralateral_peak_bw),
                "walk_pelvic_drop_peak_deg": plain(self.walk_pelvic_drop_peak_deg),
                "walk_hip_contact_peak_bw": plain(self.walk_hip_contact_peak_bw),
                "evidence_note": EVIDENCE_NOTE,
            }
        )
        return out

    def summary(self) -> str:
        """A short plain-language account of the programme and what it moves."""
        p = self.programme
        side = self.stance_input.stance_side
        other = "left" if side == "right" else "right"
        names = [exercise(n).title.lower() for n in p.exercises]
        listed = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
        s0, s1 = float(self.strength_pct[0]), float(self.strength_pct[-1])
        act = self.glute_med_activation_pct
        lean, drop = self.trunk_lean_deg, self.pelvic_drop_deg
        back = self.lumbar_contralateral_force_bw
        change = float(self.lumbar_contralateral_change_pct[-1])
        walk, wdrop = self.walk_lumbar_contralateral_peak_bw, self.walk_pelvic_drop_peak_deg
        # A percentage of a tiny number misleads: below 0.05 × body weight the
        # change of the back's pull is given in body weights only.
        shift = float(back[-1]) - float(back[0])
        moved = f"{shift:+.3f} × body weight"
        if abs(float(back[0])) >= 0.05:
            moved += f", {change:+.0f} %"
        return (
            f"{p.weeks} week{'s' if p.weeks > 1 else ''} of the {listed}, "
            f"{p.sessions_per_week} session{'s' if p.sessions_per_week > 1 else ''} a week: "
            f"gluteus medius strength goes from {s0:.0f} % to {s1:.0f} % of normal "
            f"({s1 - s0:+.1f} points, {float(self.strength_gain_pct[-1]):+.0f} %). Standing on "
            f"the {side} leg its "
            f"activation goes from {float(act[0]):.0f} % to {float(act[-1]):.0f} %, trunk lean "
            f"from {float(lean[0]):.1f}° to {float(lean[-1]):.1f}°, pelvic drop from "
            f"{float(drop[0]):.1f}° to {float(drop[-1]):.1f}°, and the {other} lower back's "
            f"pull from {float(back[0]):.3f} to {float(back[-1]):.3f} × body weight "
            f"({moved}). Walking, the {other} lower back's peak goes from "
            f"{float(walk[0]):.2f} to {float(walk[-1]):.2f} × body weight and the largest "
            f"pelvic drop from {float(wdrop[0]):.1f}° to {float(wdrop[-1]):.1f}°. {EVIDENCE_NOTE}"
        )


def _check_one_scenario(stance: StanceInput) -> None:
    numeric = [getattr(stance, f.name) for f in fields(StanceInput) if f.name != "subject"]
    numeric += [stance.subject.mass_kg, stance.subject.height_m]
    if any(np.ndim(v) != 0 for v in numeric if not isinstance(v, str) and v is not None):
        raise ValueError(
            "stance must describe one scenario (no arrays): the weeks of the programme "
            "are the batch"
        )


def simulate_training(
    programme: Programme | None = None,
    /,
    *,
    stance: StanceInput | None = None,
    **changes: object,
) -> TrainingResult:
    """Simulate a programme week by week and re-solve single-leg stance at every week.

    Parameters
    ----------
    programme : Programme, optional
        The programme; defaults to ``Programme()`` (8 weeks, 3 sessions of
        all three exercises, starting at 69 % strength).
    stance : StanceInput, optional
        The single-leg-stance scenario to re-solve (person, stance side,
        strategy, bag, cane ...), one scenario. Its gluteus medius strengths
        are replaced, on both sides, by the programme's strength at each
        week. Defaults to ``StanceInput()``.
    **changes
        Fields of :class:`Programme` to replace, e.g.
        ``simulate_training(weeks=12, sessions_per_week=2)``.

    Returns
    -------
    TrainingResult

    Notes
    -----
    The stance model is solved once for all weeks (a batch). The load shift
    from the lower back to the hip is not imposed: it is the stance model's
    equilibrium and choice rule answering a stronger gluteus medius.
    The model shows mechanics, not outcomes: trials that added hip
    strengthening to low back pain programmes found no extra clinical
    benefit (Kendall et al. 2015; Fukuda et al. 2021). Walking is solved
    once per week (one stride each) with the same person, strategy, bag and
    cane.

    References
    ----------
    See the module docstring.
    """
    programme = scenario(
        programme, Programme, changes, solver="simulate_training", what="programme"
    )
    if stance is None:
        stance = StanceInput()
    elif not isinstance(stance, StanceInput):
        raise ValueError(f"stance must be a gluteed.StanceInput; got {type(stance).__name__}")
    _check_one_scenario(stance)
    week = np.arange(programme.weeks + 1)
    strength = np.asarray(programme.strength_pct(week), dtype=float)
    result = solve_stance(
        replace(stance, glute_med_strength_right=strength, glute_med_strength_left=strength)
    )
    walks = _walk_peaks(stance, strength)
    return TrainingResult(
        programme=programme,
        stance_input=stance,
        week=week,
        strength_pct=strength,
        stance=result,
        **walks,
    )


def _walk_peaks(stance: StanceInput, strength: np.ndarray) -> dict[str, np.ndarray]:
    """Walking peaks during the stance leg's single support, one stride per week."""
    side = stance.stance_side
    other = "left" if side == "right" else "right"
    lumbar, drop, hip = [], [], []
    for value in strength:
        walk = solve_walk(
            WalkInput(
                subject=stance.subject,
                glute_med_strength_right=float(value),
                glute_med_strength_left=float(value),
                glute_med_availability=stance.glute_med_availability,
                cane_pct_bw=stance.cane_pct_bw,
                cane_hand=other,
                bag_kg=stance.bag_kg,
                bag_side=side if stance.bag_side == "same" else other,
                strategy=stance.strategy,
                activation_exponent=stance.activation_exponent,
            )
        )
        single = walk.support == side
        lumbar.append(np.max(getattr(walk, f"lumbar_{other}_force_bw")[single]))
        drop.append(np.max(walk.pelvic_drop_deg[single]))
        hip.append(np.max(getattr(walk, f"hip_contact_force_{side}_bw")[single]))
    return {
        "walk_lumbar_contralateral_peak_bw": np.array(lumbar),
        "walk_pelvic_drop_peak_deg": np.array(drop),
        "walk_hip_contact_peak_bw": np.array(hip),
    }
