"""Walking: the result record of one stride, its units, views, CSV and summary.

The walking model is described in :mod:`gluteed.gait`.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from ._validation import BodyWeightMultiples
from .stance import DROP_VISIBLE_DEG, StanceResult

if TYPE_CHECKING:
    from .gait import WalkInput

__all__ = ["FRAME_FLAGS", "FRAME_UNITS", "WalkResult"]

SIDES = ("right", "left")

#: Per-frame arrays of WalkResult with their units, in output order.
FRAME_UNITS = {
    "gait_cycle_pct": "%",
    "time_s": "s",
    "vertical_grf_right_bw": "× BW",
    "vertical_grf_left_bw": "× BW",
    "com_lateral_acceleration_ms2": "m/s²",
    "trunk_lean_deg": "deg",
    "pelvic_drop_deg": "deg",
    "pelvic_drop_dynamic_deg": "deg",
    "glute_med_force_right_n": "N",
    "glute_med_force_left_n": "N",
    "glute_med_activation_right_pct": "%",
    "glute_med_activation_left_pct": "%",
    "glute_min_tfl_force_right_n": "N",
    "glute_min_tfl_force_left_n": "N",
    "lumbar_left_force_n": "N",
    "lumbar_right_force_n": "N",
    "lumbar_left_activation_pct": "%",
    "lumbar_right_activation_pct": "%",
    "hip_contact_force_right_n": "N",
    "hip_contact_force_left_n": "N",
}
FRAME_FLAGS = (
    "right_foot_down",
    "left_foot_down",
    "abductors_at_capacity_right",
    "abductors_at_capacity_left",
)


@dataclass(frozen=True, kw_only=True)
class WalkResult(BodyWeightMultiples):
    """Frame-by-frame results of one stride, for both sides.

    Every array has one value per frame, from 0 to 100 % of the gait cycle
    (right heel strike at 0 %; the last frame repeats the first). Forces in
    N; ``*_bw`` gives any force in multiples of body weight.

    Conventions (those of right stance): ``trunk_lean_deg`` is positive
    toward the right, ``pelvic_drop_deg`` positive when the left side of the
    pelvis is lower (the drop of right stance) and negative when the right
    side is lower (the drop of left stance); ``com_lateral_acceleration_ms2``
    is positive toward the right. ``pelvic_drop_dynamic_deg`` (same sign as
    ``pelvic_drop_deg``) is the part of the drop that comes from abductors
    running out of capacity, zero when they never do. ``stance_right`` and
    ``stance_left`` are the core's quasi-static results for each leg over
    its own stride (its heel strike at 0 %).
    """

    inputs: WalkInput
    body_weight_n: float
    stride_time_s: float
    stance_pct: float
    double_support_pct: float
    lateral_grf_ratio: float
    gait_cycle_pct: np.ndarray
    time_s: np.ndarray
    right_foot_down: np.ndarray
    left_foot_down: np.ndarray
    vertical_grf_right_bw: np.ndarray
    vertical_grf_left_bw: np.ndarray
    com_lateral_acceleration_ms2: np.ndarray
    trunk_lean_deg: np.ndarray
    pelvic_drop_deg: np.ndarray
    pelvic_drop_dynamic_deg: np.ndarray
    glute_med_force_right_n: np.ndarray
    glute_med_force_left_n: np.ndarray
    glute_med_activation_right_pct: np.ndarray
    glute_med_activation_left_pct: np.ndarray
    glute_min_tfl_force_right_n: np.ndarray
    glute_min_tfl_force_left_n: np.ndarray
    abductors_at_capacity_right: np.ndarray
    abductors_at_capacity_left: np.ndarray
    lumbar_left_force_n: np.ndarray
    lumbar_right_force_n: np.ndarray
    lumbar_left_activation_pct: np.ndarray
    lumbar_right_activation_pct: np.ndarray
    hip_contact_force_right_n: np.ndarray
    hip_contact_force_left_n: np.ndarray
    stance_right: StanceResult
    stance_left: StanceResult
    converged: bool = True
    feasible: bool = True
    reason: str = ""

    @property
    def pelvic_obliquity_deg(self) -> np.ndarray:
        """Frontal pelvic obliquity per frame, positive when the left side is lower. [deg]"""
        return self.pelvic_drop_deg

    @property
    def cadence_steps_per_min(self) -> float:
        """Steps per minute. [steps/min]"""
        return 120.0 / self.stride_time_s

    @property
    def support(self) -> np.ndarray:
        """Per frame: "double", "right" (right foot only) or "left". [-]"""
        out = np.where(self.right_foot_down, "right", "left")
        return np.where(self.right_foot_down & self.left_foot_down, "double", out)

    def phase_table(self) -> list[dict]:
        """The four support phases of the stride with their start and end. [%]"""
        ds = self.double_support_pct
        rows = [
            (0.0, ds, "double", "right heel strike to left toe-off (right loading)"),
            (ds, 50.0, "right", "right single support, left leg swings"),
            (50.0, 50.0 + ds, "double", "left heel strike to right toe-off (left loading)"),
            (50.0 + ds, 100.0, "left", "left single support, right leg swings"),
        ]
        return [
            {
                "start_pct": round(start, 2),
                "end_pct": round(end, 2),
                "support": support,
                "right_foot": "down" if support in ("double", "right") else "swing",
                "left_foot": "down" if support in ("double", "left") else "swing",
                "phase": text,
            }
            for start, end, support, text in rows
        ]

    def _single_support(self, side: str) -> np.ndarray:
        return self.support == side

    def dip_beyond_list_deg(self, side: str) -> float:
        """How much further than the healthy list the pelvis dips over ``side``'s hip, at most. [deg]

        Over the whole stride; the swing side of ``side``'s stance lower is a
        dip (negative where the pelvis never dips as far as the list).
        """
        sign = 1.0 if side == "right" else -1.0
        return float(np.max(sign * self.pelvic_drop_deg)) - float(self.inputs.pelvic_list_deg)

    def to_dict(self) -> dict:
        """Inputs, stride numbers, per-frame arrays (units in the keys), phases."""
        inp = self.inputs
        out: dict = {
            "mass_kg": float(inp.subject.mass_kg),
            "height_m": float(inp.subject.height_m),
            "sex": inp.subject.sex,
            "speed_ms": inp.speed_ms,
            "glute_med_strength_right_pct": inp.glute_med_strength_right,
            "glute_med_strength_left_pct": inp.glute_med_strength_left,
            "glute_med_availability": inp.glute_med_availability,
            "cane_pct_bw": inp.cane_pct_bw,
            "cane_hand": inp.cane_hand,
            "bag_kg": inp.bag_kg,
            "bag_side": inp.bag_side,
            "strategy": inp.strategy,
            "pelvic_dynamics": inp.pelvic_dynamics,
            "catch_time_s": inp.catch_time_s,
            "pelvic_list_deg": inp.pelvic_list_deg,
            "converged": self.converged,
            "feasible": self.feasible,
            "reason": self.reason,
            "body_weight_n": self.body_weight_n,
            "stride_time_s": self.stride_time_s,
            "cadence_steps_per_min": self.cadence_steps_per_min,
            "stance_pct": self.stance_pct,
            "double_support_pct": self.double_support_pct,
            "lateral_grf_ratio": self.lateral_grf_ratio,
            "phases": self.phase_table(),
        }
        for name in FRAME_UNITS:
            out[name] = np.asarray(getattr(self, name), dtype=float).tolist()
        out["pelvic_obliquity_deg"] = out["pelvic_drop_deg"]
        for name in [k for k in FRAME_UNITS if k.endswith("_n")]:
            out[name[:-2] + "_bw"] = (np.asarray(getattr(self, name)) / self.body_weight_n).tolist()
        for name in FRAME_FLAGS:
            out[name] = np.asarray(getattr(self, name)).tolist()
        out["support"] = self.support.tolist()
        return out

    def to_csv(self) -> str:
        """The per-frame arrays as CSV text, one row per frame (units in the header)."""
        data = self.to_dict()
        columns = ["gait_cycle_pct", "time_s", "support", *FRAME_FLAGS]
        columns += [k for k in FRAME_UNITS if k not in columns]
        extra = [k for k in data if k.endswith("_bw") and isinstance(data[k], list)]
        columns += [k for k in extra if k not in columns]
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(columns)
        for i in range(len(data["gait_cycle_pct"])):
            row = []
            for name in columns:
                value = data[name][i]
                row.append(f"{value:.6g}" if isinstance(value, float) else str(value))
            writer.writerow(row)
        return buffer.getvalue()

    def summary(self) -> str:
        """A few plain-language sentences about the stride."""
        rs, ls = self._single_support("right"), self._single_support("left")
        lum_l, lum_r = self.lumbar_left_force_bw, self.lumbar_right_force_bw
        drop = self.pelvic_drop_deg
        text = (
            f"Walking at {self.inputs.speed_ms:.2f} m/s: stride {self.stride_time_s:.2f} s, "
            f"{self.cadence_steps_per_min:.0f} steps/min, each foot down for "
            f"{self.stance_pct:.1f} % of the stride. Peak hip contact force: right "
            f"{float(np.max(self.hip_contact_force_right_bw)):.2f} × BW, left "
            f"{float(np.max(self.hip_contact_force_left_bw)):.2f} × BW. In right single "
            f"support the left lower back pulls up to {float(np.max(lum_l[rs])):.2f} × BW and "
            f"the right up to {float(np.max(lum_r[rs])):.2f} × BW; in left single support "
            f"the right up to {float(np.max(lum_r[ls])):.2f} × BW and the left up to "
            f"{float(np.max(lum_l[ls])):.2f} × BW. In right single support the left side of "
            f"the pelvis {_dip(float(np.max(drop[rs])))}; in left single support the right "
            f"side {_dip(float(np.max(-drop[ls])))} (the healthy list the muscles aim for: "
            f"{self.inputs.pelvic_list_deg:.1f}°)."
        )
        weak = [s for s in SIDES if np.any(getattr(self, f"abductors_at_capacity_{s}"))]
        # "Drops" where the pelvis dips visibly more than the healthy list.
        dropped = [s for s in weak if self.dip_beyond_list_deg(s) >= DROP_VISIBLE_DEG]
        if weak:
            text += " The " + " and ".join(weak) + " hip abductors reach 100 % of their capacity"
            text += (
                ": the pelvis drops beyond its healthy dip until the load eases or stretched "
                "tissue holds it (a Trendelenburg sign)."
                if dropped
                else f", but the pelvis keeps within {DROP_VISIBLE_DEG:.1f}° of its healthy dip."
            )
        if not self.feasible:
            text += f" This stride cannot be walked as set: {self.reason}."
        return text


def _dip(largest_drop_deg: float) -> str:
    """Words for the largest drop of a swing side: drops, stays level or stays up."""
    if largest_drop_deg >= DROP_VISIBLE_DEG:
        return f"drops up to {largest_drop_deg:.1f}°"
    if largest_drop_deg <= -DROP_VISIBLE_DEG:
        return f"stays at least {-largest_drop_deg:.1f}° up"
    return "stays level"
