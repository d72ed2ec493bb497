"""Patient cases: named scenarios shipped as small JSON files.

A case is a flat record of the person and the situation a lecturer wants the
class to look at, e.g. ``weak-right-glute`` (a Trendelenburg sign) or
``after-8-weeks-training`` (the same person after a strengthening
programme). The shipped cases live in ``gluteed/cases/*.json``; a lecturer
can write new ones from a dashboard (``dashboard.save_case(path)``) or by
hand, and students load them by name or by file path::

    from gluteed.cases import list_cases, load_case
    list_cases()                       # ['after-8-weeks-training', ...]
    case = load_case("weak-right-glute")
    result = gluteed.solve_stance(case.stance_input())

The file format
---------------
One JSON object, flat, every key named with its unit. Only ``name``,
``title`` and ``description`` are required; the other keys take the default
shown (``Case`` documents each one)::

    {
      "name": "weak-right-glute",            # lower case, digits, "-"; 1-40 characters
      "title": "Weak right gluteus medius",
      "description": "Plain-language text for the students.",
      "mass_kg": 70.0, "height_m": 1.75, "sex": "male",
      "stance_side": "right",
      "glute_med_strength_right_pct": 100.0, "glute_med_strength_left_pct": 100.0,
      "bag_kg": 0.0, "bag_side": "opposite", "cane_pct_bw": 0.0,
      "strategy": "balanced",
      "ake_deg": 15.0, "glute_inhibition": false,
      "walking_speed_ms": 1.1
    }

Reading is strict, because case files travel between people: a file that is
not a JSON object, has a missing or unknown key, a duplicated key, a value
of the wrong type or out of range, ``NaN``/``Infinity``, is not UTF-8, or is
larger than ``MAX_CASE_BYTES`` raises :class:`ValueError` naming the file
and the field. Files are parsed with :mod:`json` only: nothing in them is
evaluated, imported or unpickled.

References
----------
Dolak KL et al. (2011) J Orthop Sports Phys Ther 41:560-570,
doi:10.2519/jospt.2011.3499 (hip abductor strength +21 % after 8 weeks; cited
in full in :mod:`gluteed.training`).
Yildirim MS, Tuna F, Demirbag Kabayel D, Süt N (2018) The cut-off values
for the diagnosis of hamstring shortness and related factors. Balkan Med J
35:388-393, doi:10.4274/balkanmedj.2017.1517 (active knee extension
deficit: normal men 17.8 ± 9.1 deg, women 13.4 ± 6.0 deg; tight above
33.0 deg in men, 23.4 deg in women).
"""

from __future__ import annotations

import json
import math
import os
import re
from dataclasses import asdict, dataclass, fields, replace
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from ._files import read_regular_file, short_path, write_text_file
from .anthropometry import Subject
from .parameters import case_parameter
from .stance import StanceInput

if TYPE_CHECKING:  # for annotations only: bending and walking load when used
    from .gait import WalkInput
    from .hamstrings import BendInput

_Input = TypeVar("_Input")

__all__ = [
    "CASE_NAME_PATTERN",
    "MAX_CASE_BYTES",
    "Case",
    "list_cases",
    "load_case",
    "save_case",
]

#: Largest case file that is read at all. A real case is well under 2 KiB. [bytes]
MAX_CASE_BYTES = 64 * 1024

#: A case name: lower-case letters, digits and single hyphens, 1 to 40 characters.
CASE_NAME_PATTERN = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
#: Control characters a case text may not hold (all below 32 but tab and line feed).
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f]")
#: Lone surrogates: not valid Unicode text, and they cannot be written as UTF-8.
_SURROGATE = re.compile("[\ud800-\udfff]")
_MAX_NAME = 40
_MAX_TITLE = 120
_MAX_DESCRIPTION = 2000

#: Numeric and choice fields of a case file, each the case-file key of a
#: parameter declared in :mod:`gluteed.parameters` (range, unit, choices).
_NUMBERS = ("mass_kg", "height_m", "glute_med_strength_right_pct", "glute_med_strength_left_pct",
            "bag_kg", "cane_pct_bw", "ake_deg", "walking_speed_ms")  # fmt: skip
_CHOICES = ("sex", "stance_side", "bag_side", "strategy")


def _default(key: str) -> object:
    return case_parameter(key).default


_TEXTS = {"name": _MAX_NAME, "title": _MAX_TITLE, "description": _MAX_DESCRIPTION}
_REQUIRED = ("name", "title", "description")


def _short(value: object) -> str:
    """A value for an error message, cut short so a hostile file cannot flood it."""
    text = " ".join(repr(value).split())  # one line, whatever the value
    return text if len(text) <= 40 else text[:37] + "..."


@dataclass(frozen=True, kw_only=True)
class Case:
    """One patient case (a named scenario), validated on creation.

    Parameters
    ----------
    name : str
        Short identifier, lower-case letters, digits and hyphens, 1 to 40
        characters; the file name of a shipped case without ``.json``.
    title : str
        Heading for the case, at most 120 characters.
    description : str
        Plain-language description for the students, at most 2000 characters.
    mass_kg : float
        Body mass, 30 to 200. [kg]
    height_m : float
        Stature, 1.2 to 2.2. [m]
    sex : {"female", "male"}
        Selects the segment table (de Leva 1996).
    stance_side : {"right", "left"}
        The leg the person stands on.
    glute_med_strength_right_pct, glute_med_strength_left_pct : float
        Gluteus medius strength, percent of normal for the body size, 0 to
        100. [%]
    bag_kg : float
        Bag carried in one hand, 0 to 40. [kg]
    bag_side : {"same", "opposite"}
        Hand with the bag, relative to the stance leg.
    cane_pct_bw : float
        Upward push on a cane in the hand opposite the stance leg, 0 to 30.
        [% of body weight]
    strategy : {"balanced", "lean", "upright"}
        How readily the person leans the trunk (see ``gluteed.stance.STRATEGIES``).
    ake_deg : float
        Active knee extension deficit, 0 to 90 (0 = the knee straightens
        fully with the hip at 90 deg). Default 15: inside the normal range
        of both sexes (Yildirim et al. 2018: men 17.8 ± 9.1, women
        13.4 ± 6.0). [deg]
    glute_inhibition : bool
        Whether the hypothesis "tight hamstrings inhibit the glutes" is
        switched on for this case (used by the bend model).
    walking_speed_ms : float
        Walking speed for the gait model, 0.7 to 1.6; default
        ``gluteed.gait.DEFAULT_SPEED_MS`` (1.1, about 4 km/h). [m/s]

    Notes
    -----
    A case is data, not a model. ``ake_deg`` and ``glute_inhibition`` reach
    single-leg stance and walking only through the hypothesis: with
    ``glute_inhibition`` on, the gluteus medius availability is
    ``gluteed.hamstrings.glute_availability(ake_deg, sex, hypothesis=True)``;
    off (the default), it is 1 and the AKE changes nothing there.
    """

    name: str
    title: str
    description: str
    mass_kg: float = _default("mass_kg")
    height_m: float = _default("height_m")
    sex: str = _default("sex")
    stance_side: str = _default("stance_side")
    glute_med_strength_right_pct: float = _default("glute_med_strength_right_pct")
    glute_med_strength_left_pct: float = _default("glute_med_strength_left_pct")
    bag_kg: float = _default("bag_kg")
    bag_side: str = _default("bag_side")
    cane_pct_bw: float = _default("cane_pct_bw")
    strategy: str = _default("strategy")
    ake_deg: float = _default("ake_deg")
    glute_inhibition: bool = _default("glute_inhibition")
    walking_speed_ms: float = _default("walking_speed_ms")

    def __post_init__(self) -> None:
        put = object.__setattr__
        for key, longest in _TEXTS.items():
            value = getattr(self, key)
            if not isinstance(value, str):
                raise ValueError(f"{key} must be text; got {_short(value)}")
            if key != "description" and not value.strip():
                raise ValueError(f"{key} must not be empty")
            if len(value) > longest:
                raise ValueError(
                    f"{key} is {len(value)} characters long: allowed at most {longest}"
                )
            if _CONTROL.search(value):
                raise ValueError(f"{key} contains control characters")
            if _SURROGATE.search(value):
                raise ValueError(
                    f"{key} contains a character that is not valid Unicode text "
                    "(a lone surrogate); it could not be saved"
                )
        if len(self.name) > _MAX_NAME or not CASE_NAME_PATTERN.fullmatch(self.name):
            raise ValueError(
                f"name must be 1 to {_MAX_NAME} lower-case letters, digits and single "
                f"hyphens (e.g. 'weak-right-glute'); got {_short(self.name)}"
            )
        for key in _NUMBERS:
            declared = case_parameter(key)
            value = getattr(self, key)
            if isinstance(value, bool) or not isinstance(value, int | float):
                raise ValueError(
                    f"{key} must be a number from {declared.range_text()}; got {_short(value)}"
                )
            if isinstance(value, int) and abs(value) > 10**6:
                raise ValueError(
                    f"{key} = {_short(value)} {declared.unit} is out of range: allowed "
                    f"from {declared.range_text()}"
                )
            put(self, key, declared.check(float(value), shown=key))
        for key in _CHOICES:
            put(self, key, case_parameter(key).check(getattr(self, key), shown=key))
        if not isinstance(self.glute_inhibition, bool):
            raise ValueError(
                f"glute_inhibition must be true or false; got {_short(self.glute_inhibition)}"
            )

    # ------------------------------------------------------------------ use
    @property
    def subject(self) -> Subject:
        """The person of this case."""
        return Subject(mass_kg=self.mass_kg, height_m=self.height_m, sex=self.sex)

    @property
    def glute_med_availability(self) -> float:
        """Usable fraction of the gluteus medius: below 1 only with the hypothesis on. [-]"""
        if not self.glute_inhibition:
            return 1.0
        from .hamstrings import glute_availability

        return float(glute_availability(self.ake_deg, sex=self.sex, hypothesis=True))

    def _person_and_loads(self) -> dict[str, object]:
        """The fields stance and walking share: the person, the glutes, bag, cane, strategy."""
        return {
            "subject": self.subject,
            "glute_med_strength_right": self.glute_med_strength_right_pct,
            "glute_med_strength_left": self.glute_med_strength_left_pct,
            "glute_med_availability": self.glute_med_availability,
            "bag_kg": self.bag_kg,
            "cane_pct_bw": self.cane_pct_bw,
            "strategy": self.strategy,
        }

    def stance_input(self, **changes: object) -> StanceInput:
        """The single-leg-stance scenario of this case.

        Parameters
        ----------
        **changes
            Fields of :class:`gluteed.StanceInput` to set on top of the case,
            e.g. ``case.stance_input(cane_pct_bw=10)``.
        """
        inp = StanceInput(
            stance_side=self.stance_side, bag_side=self.bag_side, **self._person_and_loads()
        )
        return _with_changes(inp, changes, "stance")

    def bend_input(self, trunk_inclination_deg: float = 45.0, **changes: object) -> BendInput:
        """The forward-bend scenario of this case (:class:`gluteed.BendInput`).

        Parameters
        ----------
        trunk_inclination_deg : float
            How far the trunk bends forward from vertical, 0 to 120. [deg]
        **changes
            Other fields of ``BendInput`` to set.
        """
        from .hamstrings import BendInput

        inp = BendInput(
            subject=self.subject,
            trunk_inclination_deg=trunk_inclination_deg,
            ake_deg=self.ake_deg,
            glute_inhibition=self.glute_inhibition,
        )
        return _with_changes(inp, changes, "bend")

    def walk_input(self, **changes: object) -> WalkInput:
        """The walking scenario of this case (:class:`gluteed.WalkInput`).

        The bag and the cane are in the same hands as in stance: the bag on
        the stance side (``bag_side="same"``) or the other, the cane in the
        hand opposite the stance leg.
        """
        from .gait import WalkInput

        other = "left" if self.stance_side == "right" else "right"
        inp = WalkInput(
            speed_ms=self.walking_speed_ms,
            cane_hand=other,
            bag_side=self.stance_side if self.bag_side == "same" else other,
            **self._person_and_loads(),
        )
        return _with_changes(inp, changes, "walk")

    def to_dict(self) -> dict:
        """The case as the flat, unit-named record written to a file."""
        return asdict(self)

    @classmethod
    def from_dict(cls, data: object, *, source: str = "case") -> Case:
        """Build a case from a parsed JSON object, strictly.

        Raises
        ------
        ValueError
            Naming ``source`` and the field, for anything but a flat object
            with the required keys and known keys of the right type and range.
        """
        if not isinstance(data, dict):
            raise ValueError(f"{source}: a case must be a JSON object; got {type(data).__name__}")
        known = [f.name for f in fields(cls)]
        unknown = sorted(str(k) for k in data if k not in known)
        if unknown:
            raise ValueError(
                f"{source}: unknown field {_short(unknown[0])}; allowed fields: {', '.join(known)}"
            )
        missing = [k for k in _REQUIRED if k not in data]
        if missing:
            raise ValueError(f"{source}: missing required field {missing[0]!r}")
        try:
            return cls(**data)
        except ValueError as err:
            raise ValueError(f"{source}: {err}") from None


def _with_changes(inp: _Input, changes: dict, what: str) -> _Input:
    if not changes:
        return inp
    valid = {f.name for f in fields(inp)}
    unknown = sorted(set(changes) - valid)
    if unknown:
        raise ValueError(f"unknown {what} parameter(s): {', '.join(unknown)}")
    return replace(inp, **changes)


# ----------------------------------------------------------------- reading
def _case_folder():
    return resources.files("gluteed").joinpath("cases")


def list_cases() -> list[str]:
    """Names of the cases shipped with the package, sorted."""
    folder = _case_folder()
    if not folder.is_dir():
        return []
    return sorted(
        p.name.removesuffix(".json") for p in folder.iterdir() if p.name.endswith(".json")
    )


def _reject_constant(text: str) -> None:
    raise ValueError(f"{text} is not allowed in a case file (numbers must be finite)")


def _no_duplicates(pairs: list[tuple[str, object]]) -> dict:
    out: dict = {}
    for key, value in pairs:
        if key in out:
            raise ValueError(f"duplicate field {_short(key)}")
        out[key] = value
    return out


def parse_case(raw: bytes | str, *, source: str = "case") -> Case:
    """Parse the bytes (or the text) of a case file strictly (see the module docstring).

    Raises
    ------
    ValueError
        Naming ``source`` and what is wrong.
    """
    if isinstance(raw, str):
        try:
            raw = raw.encode("utf-8")
        except UnicodeEncodeError:
            raise ValueError(f"{source}: the text is not valid Unicode") from None
    if not isinstance(raw, bytes | bytearray | memoryview):
        raise ValueError(
            f"{source}: parse_case expects the bytes (or text) of a case file; "
            f"got {type(raw).__name__}"
        )
    raw = bytes(raw)
    if len(raw) > MAX_CASE_BYTES:
        raise ValueError(
            f"{source}: the file is larger than {MAX_CASE_BYTES // 1024} KiB; "
            "a case file is a small JSON object"
        )
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise ValueError(f"{source}: the file is not UTF-8 text") from None
    try:
        data = json.loads(text, parse_constant=_reject_constant, object_pairs_hook=_no_duplicates)
    except json.JSONDecodeError as err:
        raise ValueError(
            f"{source}: not valid JSON ({err.msg} at line {err.lineno}, column {err.colno})"
        ) from None
    except RecursionError:
        raise ValueError(f"{source}: not a flat JSON object (nested too deeply)") from None
    except ValueError as err:  # from the hooks above
        raise ValueError(f"{source}: {err}") from None
    return Case.from_dict(data, source=source)


def load_case(name_or_path: str | os.PathLike, *, builtin_only: bool = False) -> Case:
    """Load a shipped case by name, or a case file by path.

    Parameters
    ----------
    name_or_path : str or path-like
        A shipped case name such as ``"weak-right-glute"`` (see
        :func:`list_cases`), or the path of a ``.json`` case file.
    builtin_only : bool
        Accept shipped case names only, never a path (for names that come
        from outside, such as a web address).

    Returns
    -------
    Case

    Raises
    ------
    ValueError
        Unknown name, unreadable file, or a malformed case (naming the field).
    """
    if isinstance(name_or_path, str) and CASE_NAME_PATTERN.fullmatch(name_or_path):
        names = list_cases()
        if name_or_path in names:
            raw = _case_folder().joinpath(f"{name_or_path}.json").read_bytes()
            return parse_case(raw, source=f"case {name_or_path!r}")
        if builtin_only or not _is_file(name_or_path):
            raise ValueError(
                f"unknown case {_short(name_or_path)}; known cases: {', '.join(names) or 'none'}"
            )
    elif builtin_only:
        raise ValueError(
            f"case must be the name of a shipped case ({', '.join(list_cases())}); "
            f"got {_short(name_or_path)}"
        )
    if not isinstance(name_or_path, str | os.PathLike):
        raise ValueError(f"case must be a case name or a file path; got {_short(name_or_path)}")
    path = Path(name_or_path)
    source = f"case file {short_path(path.name)}"
    raw = read_regular_file(path, MAX_CASE_BYTES, what=source, kind="case file")
    return parse_case(raw, source=source)


def _is_file(name: str) -> bool:
    try:
        return Path(name).is_file()
    except (OSError, ValueError):  # e.g. a name too long for the file system
        return False


def _is_dir(path: Path) -> bool:
    try:
        return path.is_dir()
    except (OSError, ValueError):
        return False


def save_case(case: Case, path: str | os.PathLike, *, overwrite: bool = False) -> Path:
    """Write a case to a JSON file that :func:`load_case` reads back.

    Parameters
    ----------
    case : Case
        The case to write.
    path : str or path-like
        Where to write; ``.json`` is added when the name has no suffix.
    overwrite : bool
        Replace an existing file (default: refuse).

    Returns
    -------
    pathlib.Path
        The file written.

    Raises
    ------
    ValueError
        Naming the file, if it exists and ``overwrite`` is false, is a
        symbolic link (even a dangling one) or a folder, lies in a folder that
        does not exist, or cannot be written. The file is written atomically:
        after a failure there is no partial or empty file.
    """
    if not isinstance(case, Case):
        raise ValueError(f"save_case expects a gluteed.cases.Case; got {type(case).__name__}")
    if not isinstance(path, str | os.PathLike):
        raise ValueError(f"case file must be a file path; got {_short(path)}")
    if not os.fspath(path):
        raise ValueError("case file must name a file; got an empty name")
    path = Path(path)
    if _is_dir(path):
        raise ValueError(f"case file {short_path(path)}: cannot write: it is a folder")
    if not path.suffix:
        path = path.with_suffix(".json")
    data = case.to_dict()
    for key in _NUMBERS:  # plain numbers, rounded for people to read
        value = float(data[key])
        data[key] = round(value, 6) if math.isfinite(value) else value
    text = json.dumps(data, indent=2, ensure_ascii=False, allow_nan=False) + "\n"
    return write_text_file(path, text, overwrite=overwrite, what="case file")
