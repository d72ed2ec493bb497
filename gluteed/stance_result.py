"""Single-leg stance: the result record, its units, views and summary.

The model is described in :mod:`gluteed.stance`; the forces in a result come
from :mod:`gluteed.stance_forces`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

import numpy as np

from ._results import Result, flags, plain, texts
from .stance_loads import muscle_capacities

if TYPE_CHECKING:
    from .stance import StanceInput

__all__ = ["ACTIVATION_FIELDS", "DROP_VISIBLE_DEG", "RESULT_UNITS", "StanceResult"]

#: The smallest pelvic drop that words and figures call a drop; below it the
#: pelvis is "level". ASSUMPTION: half a degree, well below what an observer
#: sees (a positive Trendelenburg sign is about 2 cm at the iliac crests,
#: 4-5 deg). [deg]
DROP_VISIBLE_DEG = 0.5

#: The activations of a stance result, one per muscle group [%]; none ever
#: exceeds 100.
ACTIVATION_FIELDS = (
    "glute_med_activation_pct",
    "glute_min_tfl_activation_pct",
    "hip_adductor_activation_pct",
    "lumbar_contralateral_activation_pct",
    "lumbar_ipsilateral_activation_pct",
)

# Names of the per-scenario numeric results, with their units, in output order.
RESULT_UNITS = {
    "trunk_lean_deg": "deg",
    "pelvic_drop_deg": "deg",
    "hip_adduction_deg": "deg",
    "stance_femur_adduction_deg": "deg",
    "lumbar_side_bend_deg": "deg",
    "glute_med_force_n": "N",
    "glute_min_tfl_force_n": "N",
    "hip_adductor_force_n": "N",
    "hip_passive_moment_nm": "N·m",
    "lumbar_contralateral_force_n": "N",
    "lumbar_ipsilateral_force_n": "N",
    "lumbar_passive_moment_nm": "N·m",
    "glute_med_activation_pct": "%",
    "glute_min_tfl_activation_pct": "%",
    "hip_adductor_activation_pct": "%",
    "lumbar_contralateral_activation_pct": "%",
    "lumbar_ipsilateral_activation_pct": "%",
    "hip_moment_nm": "N·m",
    "lumbar_moment_nm": "N·m",
    "hip_contact_force_n": "N",
    "hip_contact_force_x_n": "N",
    "hip_contact_force_y_n": "N",
    "hip_contact_angle_deg": "deg",
    "l5s1_compression_n": "N",
    "l5s1_shear_n": "N",
    "hip_unsupported_moment_nm": "N·m",
    "lumbar_unsupported_moment_nm": "N·m",
    "hip_residual_nm": "N·m",
    "lumbar_residual_nm": "N·m",
    "cost": "-",
}


@dataclass(frozen=True, kw_only=True)
class StanceResult(Result):
    """What the muscles and joints do, and the posture chosen.

    All arrays share the batch shape of the input (0-d for one scenario).
    Forces in N, moments in N·m, angles in degrees; ``*_bw`` properties give
    forces in multiples of body weight. "Contralateral" is the swing side,
    "ipsilateral" the stance side; ``lumbar_left_force_n`` and
    ``lumbar_right_force_n`` name them by body side.

    Angles: ``trunk_lean_deg`` is positive toward the stance side,
    ``pelvic_drop_deg`` positive when the swing side is lower.
    ``hip_contact_angle_deg`` is the angle of the hip force on the pelvis from
    vertical, positive when it points medially (toward the swing side).
    ``l5s1_shear_n`` is positive when the pelvis pushes the trunk toward the
    swing side.
    """

    inputs: StanceInput
    body_weight_n: np.ndarray
    trunk_lean_deg: np.ndarray
    pelvic_drop_deg: np.ndarray
    hip_adduction_deg: np.ndarray
    stance_femur_adduction_deg: np.ndarray
    lumbar_side_bend_deg: np.ndarray
    glute_med_force_n: np.ndarray
    glute_min_tfl_force_n: np.ndarray
    hip_adductor_force_n: np.ndarray
    hip_passive_moment_nm: np.ndarray
    lumbar_contralateral_force_n: np.ndarray
    lumbar_ipsilateral_force_n: np.ndarray
    lumbar_passive_moment_nm: np.ndarray
    glute_med_activation_pct: np.ndarray
    glute_min_tfl_activation_pct: np.ndarray
    hip_adductor_activation_pct: np.ndarray
    lumbar_contralateral_activation_pct: np.ndarray
    lumbar_ipsilateral_activation_pct: np.ndarray
    hip_moment_nm: np.ndarray
    lumbar_moment_nm: np.ndarray
    hip_contact_force_n: np.ndarray
    hip_contact_force_x_n: np.ndarray
    hip_contact_force_y_n: np.ndarray
    hip_contact_angle_deg: np.ndarray
    l5s1_compression_n: np.ndarray
    l5s1_shear_n: np.ndarray
    hip_unsupported_moment_nm: np.ndarray
    lumbar_unsupported_moment_nm: np.ndarray
    hip_residual_nm: np.ndarray
    lumbar_residual_nm: np.ndarray
    cost: np.ndarray
    feasible: np.ndarray
    reason: np.ndarray
    converged: np.ndarray
    iterations: int

    UNITS: ClassVar[dict[str, str]] = RESULT_UNITS
    SHAPE_FIELD: ClassVar[str] = "trunk_lean_deg"

    # ---- convenient views -------------------------------------------------
    @property
    def stance_side(self) -> str:
        """The side of the stance leg: "right" or "left"."""
        return self.inputs.stance_side

    @property
    def abductor_force_n(self) -> np.ndarray:
        """Active hip abductor force: gluteus medius + minimus/TFL. [N]"""
        return self.glute_med_force_n + self.glute_min_tfl_force_n

    @property
    def over_capacity(self) -> np.ndarray:
        """True where no posture within the joints' ranges can be held (``~feasible``).

        No muscle is ever asked for more than 100 % of its capacity: where
        the muscles cannot hold a posture, the pelvis drops (or hikes) until
        passive tissue helps, and where even that is not enough the scenario
        is not feasible and ``reason`` says why.
        """
        return ~np.asarray(self.feasible, dtype=bool)

    @property
    def abductors_at_capacity(self) -> np.ndarray:
        """True where the hip abductors together work at 100 % of their capacity."""
        total = self.glute_med_force_n + self.glute_min_tfl_force_n
        caps = muscle_capacities(self.inputs)
        capacity = caps["glute_med"] + caps["glute_min_tfl"]
        return np.asarray(total >= capacity * (1.0 - 1e-9))

    @property
    def trendelenburg(self) -> np.ndarray:
        """True where the swing side of the pelvis drops by 0.5 deg or more: the sign is visible."""
        return np.asarray(self.pelvic_drop_deg >= DROP_VISIBLE_DEG)

    @property
    def lumbar_left_force_n(self) -> np.ndarray:
        """Left lumbar lateral-flexor force. [N]"""
        if self.stance_side == "right":
            return self.lumbar_contralateral_force_n
        return self.lumbar_ipsilateral_force_n

    @property
    def lumbar_right_force_n(self) -> np.ndarray:
        """Right lumbar lateral-flexor force. [N]"""
        if self.stance_side == "right":
            return self.lumbar_ipsilateral_force_n
        return self.lumbar_contralateral_force_n

    def to_dict(self) -> dict:
        """Results with units in their key names (floats, or lists for a batch)."""
        inp = self.inputs
        out: dict = {
            "stance_side": inp.stance_side,
            "mass_kg": plain(inp.subject.mass_kg),
            "height_m": plain(inp.subject.height_m),
            "sex": inp.subject.sex,
            "glute_med_strength_pct": plain(inp.stance_strength_pct),
            "glute_med_availability": plain(inp.glute_med_availability),
            "bag_kg": plain(inp.bag_kg),
            "bag_side": inp.bag_side,
            "cane_pct_bw": plain(inp.cane_pct_bw),
            "strategy": inp.strategy,
            "body_weight_n": plain(self.body_weight_n),
        }
        for name in RESULT_UNITS:
            out[name] = plain(getattr(self, name))
        extra = {
            "abductor_force_n": self.abductor_force_n,
            "lumbar_left_force_n": self.lumbar_left_force_n,
            "lumbar_right_force_n": self.lumbar_right_force_n,
        }
        for name, value in extra.items():
            out[name] = plain(value)
        for name in [k for k in out if k.endswith("_force_n") or k.endswith("_compression_n")]:
            out[name[:-2] + "_bw"] = plain(np.asarray(out[name]) / self.body_weight_n)
        out["l5s1_shear_bw"] = plain(self.l5s1_shear_n / self.body_weight_n)
        out["feasible"], out["converged"] = flags(self.feasible), flags(self.converged)
        out["reason"] = texts(self.reason)
        out["iterations"] = self.iterations
        return out

    def summary(self) -> str:
        """One plain-language sentence about a single scenario."""
        self.one_scenario()
        side = self.stance_side
        other = "left" if side == "right" else "right"
        if not bool(self.feasible):
            missing = [
                f"{abs(float(value)):.0f} N·m at {where}"
                for value, where in (
                    (self.hip_unsupported_moment_nm, "the hip"),
                    (self.lumbar_unsupported_moment_nm, "the lower back"),
                )
                if abs(float(value)) >= 0.5
            ]
            left = (
                f" About {' and '.join(missing)} would be left for nothing to hold."
                if missing
                else ""
            )
            return f"Standing on the {side} leg: {self.reason}.{left}"
        lean = float(self.trunk_lean_deg)
        drop = float(self.pelvic_drop_deg)
        lean_text = (
            f"the trunk leans {lean:.1f}° over the {side} hip"
            if lean >= 0.05
            else (
                "the trunk stays upright" if lean > -0.05 else f"the trunk leans {-lean:.1f}° away"
            )
        )
        if drop >= DROP_VISIBLE_DEG:
            drop_text = (
                f"the {other} side of the pelvis drops {drop:.1f}° until stretched tissue "
                f"helps hold it ({float(self.hip_passive_moment_nm):.0f} N·m; a positive "
                "Trendelenburg sign)"
            )
        elif drop <= -DROP_VISIBLE_DEG:
            drop_text = f"the {other} side of the pelvis hikes {-drop:.1f}°"
        else:
            drop_text = "the pelvis stays level"
        muscle = (
            "the hip abductors work at 100 % of their capacity"
            if bool(self.abductors_at_capacity)
            else (
                f"the {side} gluteus medius works at "
                f"{float(self.glute_med_activation_pct):.0f} % of its capacity"
            )
        )
        return (
            f"Standing on the {side} leg: {muscle}, {lean_text} and "
            f"{drop_text}; the {other} lower back pulls with "
            f"{float(self.lumbar_contralateral_force_bw):.2f} × body weight "
            f"(the {side} with {float(self.lumbar_ipsilateral_force_bw):.2f}); "
            f"hip contact force {float(self.hip_contact_force_bw):.2f} × body weight."
        )
