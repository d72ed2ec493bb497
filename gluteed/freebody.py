"""The textbook free-body diagram of single-leg stance (frontal plane).

This is the calculation students do on paper: the pelvis and everything it
carries is a lever pivoting on the stance hip; the weight it supports pulls
the swing side down, the hip abductors pull it back, and the hip joint pushes
up. No posture, no lower back: see :mod:`gluteed.stance` for that.

Sign conventions (looking at the person from the front, stance hip at the
origin): lateral distances are positive toward the swing side; a vertical
load is positive when it pushes down (a bag) and negative when it pushes up
(a cane in the hand opposite the stance leg).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import numpy as np

from ._validation import check_choice, fmt
from .parameters import check, parameter

__all__ = [
    "LEVER_CONVENTIONS",
    "MIN_ABDUCTOR_ANGLE_DEG",
    "MIN_ABDUCTOR_ARM_M",
    "MIN_BODY_WEIGHT_N",
    "FreeBodyResult",
    "Load",
    "hip_abductor_force",
    "hip_joint_reaction",
    "parse_load",
    "pauwels_1965",
    "solve_free_body",
]

LEVER_CONVENTIONS = ("perpendicular", "horizontal")

#: Smallest abductor lever [m], flattest abductor line of action [deg] and
#: smallest body weight [N] ``solve_free_body`` accepts: ASSUMPTIONS declared,
#: with their reasons, in :mod:`gluteed.parameters`.
MIN_ABDUCTOR_ARM_M = parameter("abductor_arm").lo
MIN_ABDUCTOR_ANGLE_DEG = parameter("abductor_angle").lo
MIN_BODY_WEIGHT_N = parameter("body_weight").lo


def hip_abductor_force(
    abductor_moment: float | np.ndarray,
    abductor_arm: float | np.ndarray,
    abductor_angle: float | np.ndarray = 90.0,
    convention: str = "perpendicular",
) -> float | np.ndarray:
    """Abductor muscle force needed to produce a moment about the hip.

    Parameters
    ----------
    abductor_moment : float or array_like
        Moment the abductors must produce about the stance hip. [N·m]
    abductor_arm : float or array_like
        Abductor lever. With ``convention="perpendicular"`` it is the true
        (perpendicular) moment arm of the muscle's line of action; with
        ``"horizontal"`` it is the horizontal distance from the hip centre to
        the muscle's insertion on the greater trochanter. [m]
    abductor_angle : float or array_like, optional
        Angle of the muscle's line of action to the horizontal. Only used
        with ``convention="horizontal"``. [deg]
    convention : {"perpendicular", "horizontal"}
        Which lever the arm describes.

    Returns
    -------
    float or numpy.ndarray
        Abductor force along its line of action. [N]

    Notes
    -----
    ``perpendicular``: F = M / d (Pauwels 1965; Neumann 2017).
    ``horizontal``: only the rotary component F·sin(theta) acts at the
    horizontal distance d, so F = M / (d·sin(theta)). The two agree when the
    line of action is vertical; at theta = 70 deg they differ by about 6 %.
    """
    convention = check_choice("arm_convention", convention, LEVER_CONVENTIONS)
    if convention == "perpendicular":
        return np.divide(abductor_moment, abductor_arm)
    return np.divide(abductor_moment, np.multiply(abductor_arm, np.sin(np.radians(abductor_angle))))


def hip_joint_reaction(
    vertical_load: float | np.ndarray,
    abductor_force: float | np.ndarray,
    abductor_angle: float | np.ndarray,
) -> tuple[np.ndarray, np.ndarray]:
    """Hip joint reaction on the pelvis from force balance.

    Parameters
    ----------
    vertical_load : float or array_like
        Sum of all vertical loads on the pelvis-and-body lever, downward
        positive. [N]
    abductor_force : float or array_like
        Abductor force along its line of action. [N]
    abductor_angle : float or array_like
        Angle of the line of action to the horizontal. [deg]

    Returns
    -------
    (horizontal, vertical) : tuple of numpy.ndarray
        Components of the force the femoral head exerts on the pelvis:
        horizontal positive toward the swing side (medial), vertical
        positive upward. [N]
    """
    theta = np.radians(abductor_angle)
    horizontal = np.multiply(abductor_force, np.cos(theta))
    vertical = np.add(vertical_load, np.multiply(abductor_force, np.sin(theta)))
    return horizontal, vertical


@dataclass(frozen=True, kw_only=True)
class Load:
    """An extra vertical load on the pelvis-and-body lever.

    Parameters
    ----------
    force_n : float
        Vertical force, downward positive (a bag); negative for an upward
        push (a cane in the opposite hand). [N]
    arm_m : float
        Signed lateral distance of its line of action from the stance hip
        centre, positive toward the swing side. [m]
    """

    force_n: float
    arm_m: float

    def __post_init__(self) -> None:
        object.__setattr__(self, "force_n", check("load_force", self.force_n))
        object.__setattr__(self, "arm_m", check("load_distance", self.arm_m))


def parse_load(text: str) -> Load:
    """Read a load written as ``FORCE_N@ARM_M``, e.g. ``"-120@0.45"``."""
    force, sep, arm = str(text).partition("@")
    if not sep or not arm.strip() or not force.strip():
        raise ValueError(
            f"load {text!r} needs a force and a distance written as FORCE_N@ARM_M, "
            "e.g. 100@-0.2 (force in N, downward positive; distance from "
            f"{parameter('load_distance').range_text()}, positive toward the swing side)"
        )
    try:
        return Load(force_n=float(force), arm_m=float(arm))
    except ValueError as err:
        if "load" in str(err):
            raise
        raise ValueError(
            f"load {text!r}: force and distance must be numbers, written as FORCE_N@ARM_M "
            "(force in N, distance in m)"
        ) from None


@dataclass(frozen=True, kw_only=True)
class FreeBodyResult:
    """Solution of the textbook free-body diagram. Forces in N, moments in N·m."""

    abductor_moment_nm: float
    abductor_force_n: float
    joint_force_horizontal_n: float
    joint_force_vertical_n: float
    joint_force_n: float
    joint_force_angle_deg: float
    vertical_load_n: float
    moment_residual_nm: float
    body_weight_n: float | None = None
    inputs: dict = field(default_factory=dict, repr=False)

    @property
    def abductor_force_bw(self) -> float | None:
        """Abductor force in multiples of body weight (needs ``body_weight_n``)."""
        return None if self.body_weight_n is None else self.abductor_force_n / self.body_weight_n

    @property
    def joint_force_bw(self) -> float | None:
        """Hip joint force in multiples of body weight (needs ``body_weight_n``)."""
        return None if self.body_weight_n is None else self.joint_force_n / self.body_weight_n

    def to_dict(self) -> dict:
        """Plain dict with the unit in every key, ready for JSON."""
        out = {
            "abductor_moment_nm": self.abductor_moment_nm,
            "abductor_force_n": self.abductor_force_n,
            "joint_force_n": self.joint_force_n,
            "joint_force_horizontal_n": self.joint_force_horizontal_n,
            "joint_force_vertical_n": self.joint_force_vertical_n,
            "joint_force_angle_deg": self.joint_force_angle_deg,
            "vertical_load_n": self.vertical_load_n,
            "moment_residual_nm": self.moment_residual_nm,
        }
        if self.body_weight_n is not None:
            out["body_weight_n"] = self.body_weight_n
            out["abductor_force_bw"] = self.abductor_force_bw
            out["joint_force_bw"] = self.joint_force_bw
        return out

    def summary(self) -> str:
        """One readable sentence."""
        bw = ""
        if self.body_weight_n is not None:
            bw = f" ({self.abductor_force_bw:.2f} × body weight)"
        jbw = "" if self.body_weight_n is None else f" ({self.joint_force_bw:.2f} × BW)"
        return (
            f"The abductors must make {self.abductor_moment_nm:.1f} N·m, which takes "
            f"{self.abductor_force_n:.0f} N{bw}; the hip joint then pushes with "
            f"{self.joint_force_n:.0f} N{jbw} at {self.joint_force_angle_deg:.1f}° from vertical."
        )


def solve_free_body(
    *,
    weight: float,
    weight_arm: float,
    abductor_arm: float,
    abductor_angle: float = 70.0,
    arm_convention: str = "perpendicular",
    loads: Iterable[Load | Sequence[float]] = (),
    body_weight: float | None = None,
) -> FreeBodyResult:
    """Solve the frontal-plane free-body diagram of single-leg stance.

    Parameters
    ----------
    weight : float
        Weight supported by the stance hip (body weight minus the stance
        leg), more than 0 to 1e5. [N]
    weight_arm : float
        Horizontal distance from the stance hip centre to the line of action
        of ``weight``, toward the swing side, -1 to 1. [m]
    abductor_arm : float
        Abductor lever, read according to ``arm_convention``,
        ``MIN_ABDUCTOR_ARM_M`` (1 mm) to 1. [m]
    abductor_angle : float, optional
        Angle of the abductors' line of action to the horizontal,
        ``MIN_ABDUCTOR_ANGLE_DEG`` (1) to 90. Pauwels' line, 21 deg from
        vertical, is 69 deg. [deg]
    arm_convention : {"perpendicular", "horizontal"}
        ``"perpendicular"``: ``abductor_arm`` is a true moment arm (Pauwels,
        Neumann). ``"horizontal"``: it is the horizontal distance to the
        insertion, and only the rotary component F·sin(angle) counts.
    loads : iterable of Load or (force_n, arm_m) pairs, optional
        Extra vertical loads: force in N (downward positive, an upward push
        negative) at a signed lateral distance in m (positive toward the
        swing side).
    body_weight : float, optional
        Body weight, to express forces in multiples of it,
        ``MIN_BODY_WEIGHT_N`` (1) to 1e5. [N]

    Returns
    -------
    FreeBodyResult

    Raises
    ------
    ValueError
        For out-of-range, non-numeric or array inputs (this solver takes one
        scenario), a load without a distance,
        an unknown lever convention, or loads whose net moment would lift the
        swing side (that would need the hip adductors, which this textbook
        solver does not model).

    Notes
    -----
    Static, frontal plane, one lumped abductor muscle with a fixed line of
    action, frictionless hip joint. Moments are taken about the stance hip
    centre.

    References
    ----------
    Pauwels F. (1965) Gesammelte Abhandlungen zur funktionellen Anatomie des
    Bewegungsapparates. Springer; English edition (1980) Biomechanics of the
    Locomotor Apparatus. Springer. ISBN 978-3-642-67140-1. [@pauwels1965]
    Neumann DA. (2017) Kinesiology of the Musculoskeletal System, 3rd ed.,
    Elsevier, ch. 12. ISBN 978-0-323-28753-1. [@neumann2017]
    """
    weight = check("weight", weight, scalar=True)
    weight_arm = check("weight_arm", weight_arm, scalar=True)
    abductor_arm = check("abductor_arm", abductor_arm, scalar=True)
    abductor_angle = check("abductor_angle", abductor_angle, scalar=True)
    arm_convention = check_choice("arm_convention", arm_convention, LEVER_CONVENTIONS)
    if body_weight is not None:
        body_weight = check("body_weight", body_weight, scalar=True)
    checked = _checked_loads(loads)

    moment = weight * weight_arm + sum(ld.force_n * ld.arm_m for ld in checked)
    if moment < 0:
        raise ValueError(
            f"the loads give a net moment of {fmt(round(moment, 3))} N·m that lifts the swing side; "
            "this solver models the hip abductors only, so the net moment must be 0 N·m or more"
        )
    vertical = weight + sum(ld.force_n for ld in checked)
    force = float(hip_abductor_force(moment, abductor_arm, abductor_angle, arm_convention))
    # The perpendicular convention treats abductor_angle as the line of action
    # too; the lever only changes how the arm is read.
    horizontal, vertical_r = hip_joint_reaction(vertical, force, abductor_angle)
    horizontal, vertical_r = float(horizontal), float(vertical_r)
    magnitude = float(np.hypot(horizontal, vertical_r))
    angle = float(np.degrees(np.arctan2(horizontal, vertical_r)))
    # Independent moment check: the abductor's rotary moment about the hip.
    if arm_convention == "perpendicular":
        muscle_moment = force * abductor_arm
    else:
        muscle_moment = force * np.sin(np.radians(abductor_angle)) * abductor_arm
    residual = float(muscle_moment - moment)
    return FreeBodyResult(
        abductor_moment_nm=float(moment),
        abductor_force_n=force,
        joint_force_horizontal_n=horizontal,
        joint_force_vertical_n=vertical_r,
        joint_force_n=magnitude,
        joint_force_angle_deg=angle,
        vertical_load_n=float(vertical),
        moment_residual_nm=residual,
        body_weight_n=body_weight,
        inputs={
            "weight_n": weight,
            "weight_arm_m": weight_arm,
            "abductor_arm_m": abductor_arm,
            "abductor_angle_deg": abductor_angle,
            "arm_convention": arm_convention,
            "loads": [(ld.force_n, ld.arm_m) for ld in checked],
        },
    )


def _checked_loads(loads: object) -> list[Load]:
    """The extra loads of :func:`solve_free_body` as checked :class:`Load` records."""
    if loads is None:
        return []
    if isinstance(loads, str | Load) or not isinstance(loads, Iterable):
        raise ValueError(
            f"loads must be a list of loads, each a Load, a (force_n, arm_m) pair or "
            f"'FORCE_N@ARM_M' text; got {type(loads).__name__}"
        )
    checked: list[Load] = []
    for item in loads:
        if isinstance(item, Load):
            checked.append(item)
        elif isinstance(item, str):
            checked.append(parse_load(item))
        else:
            values = list(item) if isinstance(item, Sequence | np.ndarray) else [item]
            if len(values) != 2:
                raise ValueError(
                    f"load {item!r} needs a force and a distance: (force in N, distance in m)"
                )
            checked.append(Load(force_n=values[0], arm_m=values[1]))
    return checked


def pauwels_1965() -> dict:
    """Inputs of Pauwels' classic worked example (Braune & Fischer's subject).

    Body mass 58.7 kg; load on the stance hip 0.8136 BW at 10.99 cm;
    abductor moment arm 4.0 cm; abductor line 21 deg from vertical. Pauwels
    reports an abductor force of 2.235 BW and a hip force of 3.01 BW at
    15.4 deg from vertical. Page-cited values as coded in the open-source
    HipJointForceModel [@hipjointforcemodel], data/BrauneAndFischer189X.m,
    the framework of Fischer et al. (2021, J Biomech 139:110526,
    doi:10.1016/j.jbiomech.2021.110526) [@fischer2021].
    """
    body_weight = 58.7 * 9.81
    return {
        "weight": 0.8136 * body_weight,
        "weight_arm": 0.1099,
        "abductor_arm": 0.040,
        "abductor_angle": 90.0 - 21.0,
        "arm_convention": "perpendicular",
        "body_weight": body_weight,
    }
