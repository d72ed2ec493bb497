"""The forward bend's result: :class:`BendResult`, its units, its summary in words.

Re-exported by :mod:`gluteed.hamstrings`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

import numpy as np

from ._bend_input import BendInput
from ._bend_muscles import AKE_NORMAL_DEG, AKE_TIGHT_DEG, NINETY_NINETY_POSITIVE_DEG, ake_to_slr
from ._results import Result, flags, texts, units_by_suffix
from ._results import plain as plain_value

#: The result's fields with a unit, in output order (the unit is the end of the name).
_RESULT_UNITS = units_by_suffix(
    (
        "trunk_inclination_deg",
        "lumbar_flexion_deg",
        "hip_flexion_deg",
        "lumbar_share",
        "hip_share",
        "glute_max_force_n",
        "hamstring_active_force_n",
        "hamstring_passive_force_n",
        "hip_flexor_force_n",
        "glute_max_activation_pct",
        "hamstring_activation_pct",
        "glute_max_moment_nm",
        "hamstring_moment_nm",
        "hamstring_passive_moment_nm",
        "hip_extensor_moment_nm",
        "glute_max_share",
        "hamstring_share",
        "erector_spinae_force_n",
        "abdominal_force_n",
        "erector_spinae_activation_pct",
        "erector_spinae_moment_nm",
        "lumbar_passive_moment_nm",
        "lumbar_extensor_moment_nm",
        "l5s1_compression_n",
        "l5s1_shear_n",
        "hamstring_shortening_mm",
        "hip_residual_nm",
        "lumbar_residual_nm",
        "cost",
    )
)


@dataclass(frozen=True, kw_only=True)
class BendResult(Result):
    """How a forward bend is shared between hips and lower back, and who holds it.

    All arrays share the batch shape of the input (0-d for one scenario).
    Forces are for the left and right side together, in N; moments in N·m
    about both hips / about L5-S1; angles in degrees; ``*_bw`` gives any
    ``*_n`` force in multiples of body weight.

    ``lumbar_share`` is lumbar flexion / trunk inclination (the share of the
    bend taken by the lumbar spine, its limit at 0°); ``glute_max_share`` and
    ``hamstring_share`` split the hip extensor moment (active + passive;
    near upright, where that moment vanishes, they fade to 0, see
    ``SHARE_REFERENCE``).

    ``feasible`` is False where no split of the bend between hips and lumbar
    spine can be held with every muscle at or below 100 % of its capacity;
    ``reason`` then says why in plain language ("" where feasible), and every
    posture, force and moment is NaN (there is no pose to report).
    ``reachable_trunk_inclination_deg`` is the deepest bend this person can
    reach with straight knees: the lumbar spine at its relaxed limit (where
    its passive tissue alone holds the trunk) plus the hip flexion
    ``reachable_hip_flexion_deg`` at which gravity's moment about the hips
    equals the passive pull of the stretched hamstrings.

    ``l5s1_compression_n`` is the trunk's weight along the spine plus the
    pull of the erector spinae and the passive lumbar tissue. It leaves out
    muscle tone and co-contraction of the trunk muscles, so it is a lower
    bound: upright it is about 0.5 × body weight where in-vivo estimates
    are about 1 × body weight.
    ``lumbar_extensor_moment_nm`` is the net moment the lower back holds
    (erector spinae + passive tissue - abdominals); in a relaxed bend the
    abdominals never pull (``abdominal_force_n`` is 0 wherever the bend can
    be held) and the hip flexors act only near upright, holding the pelvis
    against tipping back. ``l5s1_shear_n`` is positive when the trunk pushes
    forward on the sacrum.
    """

    inputs: BendInput
    body_weight_n: np.ndarray
    ake_deg: np.ndarray
    glute_max_availability: np.ndarray
    trunk_inclination_deg: np.ndarray
    lumbar_flexion_deg: np.ndarray
    hip_flexion_deg: np.ndarray
    lumbar_share: np.ndarray
    hip_share: np.ndarray
    glute_max_force_n: np.ndarray
    hamstring_active_force_n: np.ndarray
    hamstring_passive_force_n: np.ndarray
    hip_flexor_force_n: np.ndarray
    glute_max_activation_pct: np.ndarray
    hamstring_activation_pct: np.ndarray
    glute_max_moment_nm: np.ndarray
    hamstring_moment_nm: np.ndarray
    hamstring_passive_moment_nm: np.ndarray
    hip_extensor_moment_nm: np.ndarray
    glute_max_share: np.ndarray
    hamstring_share: np.ndarray
    erector_spinae_force_n: np.ndarray
    abdominal_force_n: np.ndarray
    erector_spinae_activation_pct: np.ndarray
    erector_spinae_moment_nm: np.ndarray
    lumbar_passive_moment_nm: np.ndarray
    lumbar_extensor_moment_nm: np.ndarray
    l5s1_compression_n: np.ndarray
    l5s1_shear_n: np.ndarray
    hamstring_shortening_mm: np.ndarray
    hip_residual_nm: np.ndarray
    lumbar_residual_nm: np.ndarray
    cost: np.ndarray
    reachable_trunk_inclination_deg: np.ndarray
    reachable_hip_flexion_deg: np.ndarray
    feasible: np.ndarray
    reason: str | np.ndarray
    iterations: int

    UNITS: ClassVar[dict[str, str]] = _RESULT_UNITS
    SHAPE_FIELD: ClassVar[str] = "trunk_inclination_deg"

    @property
    def sex(self) -> str:
        return self.inputs.subject.sex

    @property
    def slr_deg(self) -> np.ndarray:
        """Straight-leg raise: as entered, or the one equivalent to the AKE deficit. [deg]"""
        if self.inputs.slr_deg is not None:
            return np.broadcast_to(np.asarray(self.inputs.slr_deg, float), np.shape(self.ake_deg))
        return np.asarray(ake_to_slr(self.ake_deg))

    @property
    def hamstring_status(self) -> str | list[str]:
        """'tight' where the AKE deficit is above the sex's cut-off, else 'normal'."""
        cut = AKE_TIGHT_DEG[self.sex]
        status = np.where(np.asarray(self.ake_deg) > cut, "tight", "normal")
        return str(status) if status.ndim == 0 else status.tolist()

    @property
    def ninety_ninety_positive(self) -> bool | list[bool]:
        """True where the 90-90 test is positive (knee > 20° short of straight)."""
        flag = np.asarray(self.ake_deg) > NINETY_NINETY_POSITIVE_DEG
        return bool(flag) if flag.ndim == 0 else flag.tolist()

    def cutoffs(self) -> dict:
        """The published normal values and cut-offs used to classify the AKE test."""
        mean, sd = AKE_NORMAL_DEG[self.sex]
        return {
            "ake_normal_mean_deg": mean,
            "ake_normal_sd_deg": sd,
            "ake_tight_cutoff_deg": AKE_TIGHT_DEG[self.sex],
            "ninety_ninety_cutoff_deg": NINETY_NINETY_POSITIVE_DEG,
        }

    def to_dict(self) -> dict:
        """Results with units in their key names (floats, or lists for a batch).

        None where a value is NaN (a pose out of reach).
        """

        def plain(value: object) -> float | list | None:
            return plain_value(value, nan_as_none=True)

        inp = self.inputs
        out: dict = {
            "mass_kg": plain(inp.subject.mass_kg),
            "height_m": plain(inp.subject.height_m),
            "sex": inp.subject.sex,
            "glute_max_strength_pct": plain(inp.glute_max_strength_pct),
            "glute_inhibition": bool(inp.glute_inhibition),
            "inhibition_strength": plain(inp.inhibition_strength),
            "body_weight_n": plain(self.body_weight_n),
            "ake_deg": plain(self.ake_deg),
            "slr_deg": plain(self.slr_deg),
            "hamstring_status": self.hamstring_status,
            "ninety_ninety_positive": self.ninety_ninety_positive,
            **self.cutoffs(),
            "glute_max_availability": plain(self.glute_max_availability),
        }
        out.update(self.units_dict(nan_as_none=True))
        out["reachable_trunk_inclination_deg"] = plain(self.reachable_trunk_inclination_deg)
        out["reachable_hip_flexion_deg"] = plain(self.reachable_hip_flexion_deg)
        out["feasible"] = flags(self.feasible)
        out["reason"] = texts(self.reason)
        out["iterations"] = self.iterations
        return out

    def summary(self) -> str:
        """One plain-language sentence about a single scenario."""
        self.one_scenario()
        mean, sd = AKE_NORMAL_DEG[self.sex]
        word = "man" if self.sex == "male" else "woman"
        hypothesis = (
            f"; with the glute-inhibition hypothesis on, only {100 * float(self.glute_max_availability):.0f} % "
            "of the glutes is available"
            if self.inputs.glute_inhibition
            else ""
        )
        person = (
            f"an AKE deficit of {float(self.ake_deg):.0f}° ({self.hamstring_status} for a {word}: "
            f"mean {mean} ± {sd}°, tight above {AKE_TIGHT_DEG[self.sex]}°){hypothesis}"
        )
        reach = f"this person can bend {float(self.reachable_trunk_inclination_deg):.0f}° at most"
        if not bool(self.feasible):
            return (
                f"Bending the trunk {float(self.trunk_inclination_deg):.0f}° forward with "
                f"{person}: cannot — {self.reason}."
            )
        return (
            f"Bending the trunk {float(self.trunk_inclination_deg):.0f}° forward with {person}: "
            f"the lower back flexes {float(self.lumbar_flexion_deg):.0f}° "
            f"({100 * float(self.lumbar_share):.0f} % of the bend) and the hips "
            f"{float(self.hip_flexion_deg):.0f}° ({reach}); the hamstrings carry "
            f"{100 * float(self.hamstring_share):.0f} % of the hip extensor moment and the gluteus "
            f"maximus {100 * float(self.glute_max_share):.0f} %; the lower back holds "
            f"{float(self.lumbar_extensor_moment_nm):.0f} N·m ({_lumbar_parts(self)}) with an "
            f"L5-S1 compression of {float(self.l5s1_compression_bw):.2f} × body weight "
            "(without muscle tone or co-contraction)."
        )


def _lumbar_parts(r: BendResult) -> str:
    """Who holds the lower back's moment, in words (one scenario)."""
    passive = float(r.lumbar_passive_moment_nm)
    erector = float(r.erector_spinae_moment_nm)
    abdominals = passive + erector - float(r.lumbar_extensor_moment_nm)
    text = f"passive tissue {passive:.0f} N·m, erector spinae {erector:.0f} N·m"
    if abdominals > 0.5:
        text += f", abdominals pulling against them {abdominals:.0f} N·m"
    return text
