"""Every user-facing input, declared once: the parameter registry.

Each input a student or a lecturer can set — in a model's input class, a
case file, a command-line option or a dashboard slider — is declared here
once, with its range, unit, label, default, slider step and help text. The
model checks, the case-file validation, ``gluteed --help``, the sliders and
the sweep curves all read it from here, so that they cannot disagree::

    >>> from gluteed.parameters import parameter
    >>> p = parameter("cane_pct_bw")
    >>> p.lo, p.hi, p.unit
    (0.0, 30.0, '% of body weight')
    >>> p.check(12.5)
    12.5

The names are the public field names of the model inputs
(:class:`gluteed.StanceInput`, :class:`gluteed.WalkInput`,
:class:`gluteed.BendInput`, :class:`gluteed.Subject`,
:class:`gluteed.training.Programme`, ...). Where a case file names the same
input differently (``glute_med_strength_right_pct``, ``walking_speed_ms``),
``Parameter.case_field`` says so.

Bounds are closed unless ``lo_open``/``hi_open`` says otherwise. A value that
misses a closed bound only by floating-point rounding (relative
``BOUND_ROUNDING``) counts as the bound itself: ``30 * x / x`` or
``0.30 * mass`` are not always exactly ``30`` or the typed number in binary
arithmetic, and a value at the upper bound must be accepted everywhere.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass
from types import MappingProxyType

import numpy as np

from ._validation import BOUND_ROUNDING, check_choice, check_number, fmt

__all__ = [
    "BOUND_ROUNDING",
    "PARAMETERS",
    "Parameter",
    "UnknownParameter",
    "case_parameter",
    "check",
    "check_fields",
    "parameter",
]


@dataclass(frozen=True)
class Parameter:
    """One user-facing input: what it is, its range and unit, how it is shown.

    Parameters
    ----------
    name : str
        The public field (or argument) name, e.g. ``"glute_med_strength_right"``.
    label : str
        Short label with the unit in brackets, for a slider or a table.
    help : str
        Plain-language description, lower case, no range (the range is added).
    unit : str
        Unit as error messages and ``--help`` show it (``""`` for none).
    lo, hi : float or None
        Allowed range; None for a choice or a switch.
    default : object
        Value when nothing is given (None: the model chooses, see ``help``).
    step : float or None
        Slider step.
    short : str
        Name used in error messages, as the student knows it from the
        command line (``"cane"`` for ``--cane``); default ``name``.
    choices : tuple of str
        Allowed words, for a choice.
    case_field : str or None
        Key of this input in a case file, when the case file has it.
    slider : tuple of float or None
        Range a slider offers, when narrower than ``(lo, hi)``.
    sweep : tuple of float or None
        Range of a strength-curve sweep, when narrower than the slider's.
    lo_open, hi_open : bool
        The bound itself is not allowed.
    whole : bool
        Whole numbers only.
    readout : str
        Format of the slider read-out, e.g. ``".2f"``.
    """

    name: str
    label: str
    help: str
    unit: str = ""
    lo: float | None = None
    hi: float | None = None
    default: object = None
    step: float | None = None
    short: str = ""
    choices: tuple[str, ...] = ()
    case_field: str | None = None
    slider: tuple[float, float] | None = None
    sweep: tuple[float, float] | None = None
    lo_open: bool = False
    hi_open: bool = False
    whole: bool = False
    readout: str = ".0f"

    def __post_init__(self) -> None:
        if not self.short:
            object.__setattr__(self, "short", self.name)

    # ----------------------------------------------------------- ranges
    @property
    def is_number(self) -> bool:
        """True for a numeric input (it has a range)."""
        return self.lo is not None and self.hi is not None

    @property
    def range(self) -> tuple[float, float]:
        """``(lo, hi)`` the models accept. [unit]"""
        if not self.is_number:
            raise ValueError(f"parameter {self.name!r} is not a number; it has no range")
        return (self.lo, self.hi)

    @property
    def slider_range(self) -> tuple[float, float]:
        """``(min, max)`` of a dashboard slider. [unit]"""
        return self.slider or self.range

    @property
    def sweep_range(self) -> tuple[float, float]:
        """Default range of a strength-curve sweep over this input. [unit]"""
        return self.sweep or self.slider_range

    def range_text(self) -> str:
        """The range in words with its unit, e.g. ``"0 to 30 % of body weight"``."""
        lo, hi = self.range
        left = "more than " if self.lo_open else ""
        right = "less than " if self.hi_open else ""
        return f"{left}{fmt(lo)} to {right}{fmt(hi)} {self.unit}".rstrip()

    # ----------------------------------------------------------- checks
    def check(
        self,
        value: object,
        *,
        scalar: bool = False,
        shown: str | None = None,
        lo: float | None = None,
    ) -> float | np.ndarray | str:
        """``value`` checked against this parameter (see :func:`check`)."""
        name = shown or self.short
        if self.choices:
            return check_choice(name, value, self.choices)
        low = self.range[0] if lo is None else lo
        number = check_number(
            name,
            value,
            low,
            self.hi,
            self.unit,
            lo_open=self.lo_open and lo is None,
            hi_open=self.hi_open,
            scalar=scalar or self.whole,
        )
        if self.whole and number != int(number):
            raise ValueError(
                f"{name} = {fmt(number)} {self.unit} is not a whole number: allowed whole "
                f"numbers from {fmt(low)} to {fmt(self.hi)} {self.unit}".replace("  ", " ")
            )
        return int(number) if self.whole else number


def _p(name: str, label: str, help: str, **spec: object) -> Parameter:
    return Parameter(name=name, label=label, help=help, **spec)


_DECLARED = (
    # ------------------------------------------------------- the person
    _p("mass_kg", "Body mass [kg]", "body mass", unit="kg", lo=30.0, hi=200.0,
       default=70.0, step=1.0, short="mass", case_field="mass_kg"),
    _p("height_m", "Height [m]", "stature", unit="m", lo=1.2, hi=2.2, default=1.75,
       step=0.01, short="height", case_field="height_m", readout=".2f"),
    _p("sex", "Sex", "selects the female or male segment table (de Leva 1996)",
       choices=("female", "male"), default="male", case_field="sex"),
    # -------------------------------------------------- single-leg stance
    _p("stance_side", "Standing on", "the leg stood on", choices=("right", "left"),
       default="right", short="side", case_field="stance_side"),
    _p("glute_med_strength_right", "Right glute med strength [%]",
       "right gluteus medius strength, percent of normal for the body size",
       unit="%", lo=0.0, hi=100.0, default=100.0, step=1.0,
       case_field="glute_med_strength_right_pct"),
    _p("glute_med_strength_left", "Left glute med strength [%]",
       "left gluteus medius strength, percent of normal for the body size",
       unit="%", lo=0.0, hi=100.0, default=100.0, step=1.0,
       case_field="glute_med_strength_left_pct"),
    _p("glute_med_availability", "Glute med availability [fraction]",
       "fraction of the remaining gluteus medius strength that can be used",
       unit="(fraction)", lo=0.0, hi=1.0, default=1.0, step=0.01, readout=".2f"),
    # The bag is also limited to MAX_BAG_FRACTION of body mass (gluteed.stance).
    _p("bag_kg", "Bag in one hand [kg]", "bag carried in one hand", unit="kg", lo=0.0,
       hi=40.0, default=0.0, step=0.5, short="bag", case_field="bag_kg", sweep=(0.0, 20.0),
       readout=".1f"),
    _p("bag_side", "Bag in the", "hand with the bag, relative to the stance leg",
       choices=("same", "opposite"), default="opposite", case_field="bag_side"),
    # Brand & Crowninshield (1980): people rarely put more than about 20 % of
    # body weight on a cane; 30 % leaves room to explore.
    _p("cane_pct_bw", "Cane push [% body weight]",
       "push on a cane in the hand opposite the stance leg", unit="% of body weight",
       lo=0.0, hi=30.0, default=0.0, step=1.0, short="cane", case_field="cane_pct_bw",
       sweep=(0.0, 25.0)),
    _p("strategy", "Posture strategy", "how readily the person leans the trunk",
       choices=("balanced", "lean", "upright"), default="balanced", case_field="strategy"),
    _p("vertical_load_factor", "Vertical load [× body weight]",
       "vertical ground reaction in multiples of body weight (1 = standing still)",
       unit="× body weight", lo=0.0, hi=3.0, default=1.0, step=0.05, sweep=(0.5, 2.5),
       readout=".2f"),
    _p("lateral_acceleration_ms2", "Lateral acceleration [m/s²]",
       "acceleration of the body toward the swing side", unit="m/s²", lo=-3.0, hi=3.0,
       default=0.0, step=0.1, short="lateral_acceleration", sweep=(-2.0, 2.0),
       readout=".1f"),
    _p("lean_tolerance_deg", "Trunk-lean tolerance [deg]",
       "trunk lean that costs as much as one muscle working at 100 %", unit="deg",
       lo=0.5, hi=30.0, default=None, step=0.5, short="lean_tolerance", sweep=(1.0, 30.0),
       readout=".1f"),
    _p("drop_tolerance_deg", "Pelvic-drop tolerance [deg]",
       "pelvic drop that costs as much as one muscle working at 100 %", unit="deg",
       lo=0.5, hi=10.0, default=None, step=0.5, short="drop_tolerance", readout=".1f"),
    # Crowninshield & Brand (1981): 3 is the endurance criterion, 2 the sum of squares.
    _p("activation_exponent", "Activation exponent [-]",
       "power of the activations in the choice rule", unit="(power)", lo=2.0, hi=4.0,
       default=3.0, step=0.1, readout=".1f"),
    # ------------------------------------------------------------ walking
    # Range: the slowest and fastest speed of the COM displacements of
    # Orendurff et al. (2004) J Rehabil Res Dev 41:829. Default: about 4 km/h,
    # the speed of the level-walking hip contact forces measured in
    # instrumented implants (Bergmann G et al. 2001, J Biomech 34:859-871) [@bergmann2001].
    _p("speed_ms", "Walking speed [m/s]", "walking speed", unit="m/s", lo=0.7, hi=1.6,
       default=1.1, step=0.05, short="speed", case_field="walking_speed_ms", readout=".2f"),
    _p("cane_hand", "Cane in the", "hand holding the cane; it helps the other leg",
       choices=("right", "left"), default="left"),
    _p("catch_time_s", "Catch time [s]",
       "time constant of the abductors' correction of a dropped pelvis", unit="s",
       lo=0.02, hi=0.5, default=None, step=0.01, short="catch_time", readout=".2f"),
    _p("pelvic_list_deg", "Healthy pelvic list [deg]",
       "amplitude of the healthy pelvic list the muscles aim for", unit="deg", lo=0.0,
       hi=6.0, default=None, step=0.1, short="pelvic_list", readout=".1f"),
    _p("frames", "Frames", "frames from 0 to 100 % of the stride, odd", unit="frames",
       lo=101, hi=4001, default=101, step=2, whole=True),
    _p("cycle_pct", "Moment of the stride [% of cycle]",
       "moment of the stride drawn (right heel strike at 0)", unit="% of cycle", lo=0.0,
       hi=100.0, default=25.0, step=1.0),
    # ------------------------------------------------------- forward bend
    # Esola et al. (1996) measured full forward bends of about 111 deg; the
    # model goes a little past, the slider stops at 110.
    _p("trunk_inclination_deg", "Forward bend, trunk angle [deg]",
       "trunk angle from vertical", unit="deg", lo=0.0, hi=120.0, default=45.0, step=1.0,
       short="trunk_inclination", slider=(0.0, 110.0)),
    # Default 15: inside the normal range of both sexes (Yildirim et al. 2018,
    # Balkan Med J 35:388: men 17.8 ± 9.1, women 13.4 ± 6.0 deg).
    _p("ake_deg", "AKE deficit [deg]",
       "active-knee-extension deficit at 90 deg hip flexion (0 = a straight knee)",
       unit="deg", lo=0.0, hi=90.0, default=15.0, step=1.0, short="ake", case_field="ake_deg"),
    # The AKE range converted (gluteed.hamstrings.ake_to_slr), rounded inward to
    # whole degrees; a test checks the conversion.
    _p("slr_deg", "Straight-leg raise [deg]", "straight-leg-raise angle instead of the AKE",
       unit="deg", lo=18.0, hi=90.0, default=None, step=1.0, short="slr"),
    _p("glute_max_strength_pct", "Glute max strength [%]",
       "gluteus maximus strength, percent of normal", unit="%", lo=0.0, hi=100.0,
       default=100.0, step=1.0, short="glute_max_strength"),
    _p("glute_inhibition", "Hypothesis: tight hamstrings inhibit the glutes",
       "hypothesis: tight hamstrings reduce access to the glutes (little direct evidence)",
       default=False, case_field="glute_inhibition"),
    # ASSUMPTION: no measurement exists; 0.5 is chosen so that the effect is
    # visible (about 10 % lost at the men's tight cut-off) without switching
    # the muscle off.
    _p("inhibition_strength", "Inhibition strength [fraction]",
       "glute availability lost at AKE 90 deg with the hypothesis on", unit="(fraction)",
       lo=0.0, hi=1.0, default=0.5, step=0.05, readout=".2f"),
    # ----------------------------------------------------------- training
    _p("weeks", "Weeks", "length of the programme", unit="weeks", lo=1, hi=52, default=8,
       step=1, whole=True),
    # ACSM (2009) position stand: 2-3 days a week for novices; 7 is every day.
    _p("sessions_per_week", "Sessions per week", "training sessions per week",
       unit="sessions per week", lo=1, hi=7, default=3, step=1, whole=True),
    # Lower bound ASSUMPTION: 1 %; the gain is reported relative to the start,
    # and relative to a muscle with next to no strength it grows without
    # bound. Default: hip abductors 31 % weaker than healthy controls' in low
    # back pain (Kendall et al. 2010, J Sport Rehabil 19:422).
    _p("start_strength_pct", "Start strength [% of normal]",
       "gluteus medius strength at the start", unit="% of normal", lo=1.0, hi=100.0,
       default=100.0 - 31.0, step=1.0, short="start_strength"),
    _p("ceiling_pct", "Ceiling [% of normal]",
       "strength approached with training, at least the start strength", unit="% of normal",
       lo=0.0, hi=100.0, default=100.0, step=1.0, short="ceiling", lo_open=True),
    _p("reference_rate_per_week", "Reference rate [per week]",
       "rate constant at the reference volume", unit="per week", lo=0.0, hi=1.0,
       default=None, step=0.005, short="reference_rate", readout=".3f"),
    # The dose of gluteed.training.weekly_rate: any positive number of sessions
    # and sets (a mean over weeks need not be whole).
    _p("dose_sessions_per_week", "Sessions per week", "mean training sessions per week",
       unit="sessions per week", lo=0.0, hi=7.0, lo_open=True, short="sessions_per_week"),
    _p("sets_per_session", "Sets per session", "sets in each session", unit="sets", lo=0.0,
       hi=50.0, lo_open=True),
    _p("week", "Week", "time since the start of the programme", unit="weeks", lo=0.0,
       hi=52.0),
    _p("start_pct", "Start strength [% of normal]", "strength at week 0",
       unit="% of normal", lo=0.0, hi=100.0, lo_open=True, short="start_strength"),
    _p("rate_per_week", "Rate [per week]", "rate constant of the approach to the ceiling",
       unit="per week", lo=0.0, hi=2.0),
    # ------------------------------------------------- exercise catalogue
    _p("sets", "Sets", "sets of an exercise", unit="(count)", lo=1, hi=10),
    _p("reps_per_set", "Repetitions per set", "repetitions in each set", unit="(count)",
       lo=1, hi=50),
    # ----------------------------------------------- textbook free body
    _p("weight", "Supported weight [N]",
       "weight supported by the stance hip (body minus the stance leg)", unit="N", lo=0.0,
       hi=1e5, lo_open=True),
    _p("weight_arm", "Weight arm [m]", "horizontal distance from the stance hip to that weight",
       unit="m", lo=-1.0, hi=1.0),
    # Lower bound ASSUMPTION: 1 mm, far below any real hip (about 4 to 7 cm)
    # but large enough that the force, the moment divided by the lever, stays
    # a finite number for every accepted load.
    _p("abductor_arm", "Abductor lever [m]", "abductor lever", unit="m", lo=0.001, hi=1.0),
    # Lower bound ASSUMPTION: 1 deg; with the horizontal lever convention the
    # force grows as 1/sin(angle) and has no finite value at 0 deg. Real lines
    # are 60 to 80 deg (Pauwels: 69).
    _p("abductor_angle", "Abductor angle [deg]",
       "abductor line of action, angle to the horizontal", unit="deg", lo=1.0, hi=90.0,
       default=70.0),
    _p("load_force", "Load force [N]", "extra vertical load, down positive", unit="N",
       lo=-1e5, hi=1e5, short="load force"),
    _p("load_distance", "Load distance [m]", "lateral distance of the load from the stance hip",
       unit="m", lo=-2.0, hi=2.0, short="load distance"),
    # Lower bound ASSUMPTION: 1 N, so that force / body weight stays finite.
    _p("body_weight", "Body weight [N]",
       "body weight, to also give forces in multiples of body weight", unit="N", lo=1.0,
       hi=1e5),
)  # fmt: skip

#: Every declared parameter by name (read-only).
PARAMETERS: MappingProxyType[str, Parameter] = MappingProxyType({p.name: p for p in _DECLARED})

_BY_CASE_FIELD = {p.case_field: p for p in _DECLARED if p.case_field}


def parameter(name: str) -> Parameter:
    """The declared parameter called ``name``.

    Raises
    ------
    KeyError
        For a name that is not declared, listing the declared names (the
        error is also a ``ValueError``).
    """
    try:
        return PARAMETERS[name]
    except (KeyError, TypeError):
        raise UnknownParameter(name) from None


def case_parameter(field: str) -> Parameter:
    """The parameter a case-file key stands for (e.g. ``walking_speed_ms`` -> ``speed_ms``)."""
    try:
        return _BY_CASE_FIELD[field]
    except (KeyError, TypeError):
        raise UnknownParameter(field, what="case-file field") from None


def check(
    name: str,
    value: object,
    *,
    scalar: bool = False,
    shown: str | None = None,
    lo: float | None = None,
) -> float | np.ndarray | str:
    """Check ``value`` against the declared parameter ``name``.

    Parameters
    ----------
    name : str
        A declared parameter (see ``PARAMETERS``).
    value : object
        The value to check: a number or a batch of them, or a word for a choice.
    scalar : bool
        Accept a single number only.
    shown : str, optional
        Name for the message instead of the parameter's ``short`` name (e.g.
        the key of a case file).
    lo : float, optional
        A closed lower bound that depends on another input (e.g. the ceiling
        of a programme is at least its start strength), inside the declared
        range.

    Returns
    -------
    float, numpy.ndarray, int or str
        As :func:`gluteed._validation.check_number` (an int for a whole
        number), or the normalised word of a choice.

    Raises
    ------
    ValueError
        One line naming the parameter, the value, the allowed range and the unit.
    KeyError
        For a name that is not declared.
    """
    return parameter(name).check(value, scalar=scalar, shown=shown, lo=lo)


def check_fields(obj: object, names: Iterable[str], *, optional: Collection[str] = ()) -> None:
    """Check fields of a frozen input dataclass against their declarations, in place.

    Each field in ``names`` is replaced by :func:`check` of its value (a
    normalised number, batch or word); a field in ``optional`` may be None.

    Raises
    ------
    ValueError
        As :func:`check`, for the first field out of its range.
    """
    for name in names:
        value = getattr(obj, name)
        if value is not None or name not in optional:
            object.__setattr__(obj, name, check(name, value))


class UnknownParameter(KeyError, ValueError):
    """A parameter name that is not declared in the registry."""

    def __init__(self, name: object, what: str = "parameter") -> None:
        known = sorted(_BY_CASE_FIELD if what != "parameter" else PARAMETERS)
        self.message = f"unknown {what} {name!r}; declared: {', '.join(known)}"
        super().__init__(self.message)

    def __str__(self) -> str:
        return self.message
