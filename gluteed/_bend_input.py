"""The forward bend's input: one scenario, hamstring tightness and the inhibition hypothesis.

:class:`BendInput` checks every number against its declaration in
:mod:`gluteed.parameters`; :func:`glute_availability` is the
glute-inhibition hypothesis (off by default). Re-exported by
:mod:`gluteed.hamstrings`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from numpy.typing import ArrayLike

from ._bend_muscles import AKE_NORMAL_DEG, AKE_RANGE_DEG, INHIBITION_STRENGTH, slr_to_ake
from ._validation import check_choice
from .anthropometry import SEXES, Subject
from .parameters import check, check_fields, parameter


def glute_availability(
    ake_deg: ArrayLike | None = None,
    *,
    slr_deg: ArrayLike | None = None,
    sex: str = "male",
    hypothesis: bool = False,
    strength: ArrayLike = INHIBITION_STRENGTH,
) -> float | np.ndarray:
    """Fraction of the gluteal muscles a person can use, under the inhibition hypothesis.

    Parameters
    ----------
    ake_deg : float or array_like, optional
        AKE deficit, 0 to 90. Default: the normal mean for ``sex``. [deg]
    slr_deg : float or array_like, optional
        Straight-leg raise instead of AKE (converted with :func:`slr_to_ake`). [deg]
    sex : {"female", "male"}
        Selects the normal AKE.
    hypothesis : bool
        Switch for "tight hamstrings reduce access to the glutes". Off: 1.
    strength : float or array_like
        Fraction of availability lost at the largest AKE deficit (90°),
        0 to 1. [-]

    Returns
    -------
    float or numpy.ndarray
        availability = 1 - strength * clip((AKE - normal mean) / (90° - normal
        mean), 0, 1), or 1 with the hypothesis off. [-]

    Notes
    -----
    HYPOTHESIS, not mechanics. "Synergistic dominance" (Sahrmann SA 2002,
    Diagnosis and Treatment of Movement Impairment Syndromes, Mosby;
    Janda's muscle-imbalance model) holds that short,
    overactive hamstrings take over hip extension and the gluteal muscles
    are used less. There is little direct evidence; the linear form and the
    default strength are assumptions made to show the idea, not a
    measurement. Pass the result to ``StanceInput(glute_med_availability=...)``
    to apply the same hypothesis in single-leg stance.
    """
    if not isinstance(hypothesis, bool | np.bool_):
        raise ValueError(f"hypothesis must be True or False; got {hypothesis!r}")
    ake = tightness(ake_deg, slr_deg, sex)
    strength = check("inhibition_strength", strength)
    if not hypothesis:
        out = np.ones(np.broadcast_shapes(np.shape(ake), np.shape(strength)))
    else:
        mean = AKE_NORMAL_DEG[check_choice("sex", sex, SEXES)][0]
        x = np.clip((np.asarray(ake) - mean) / (AKE_RANGE_DEG[1] - mean), 0.0, 1.0)
        out = 1.0 - np.asarray(strength) * x
    return float(out) if np.ndim(out) == 0 else out


#: Straight-leg-raise angles equivalent to AKE 90° and 0°, rounded inward:
#: the accepted SLR input range (declared in :mod:`gluteed.parameters`; a test
#: checks it against :func:`ake_to_slr`). [deg]
SLR_RANGE_DEG = parameter("slr_deg").range


def tightness(ake_deg: ArrayLike | None, slr_deg: ArrayLike | None, sex: str) -> float | np.ndarray:
    """AKE deficit from either test (the normal mean if neither is given)."""
    sex = check_choice("sex", sex, SEXES)
    if ake_deg is not None and slr_deg is not None:
        raise ValueError(
            "give either ake (active knee extension) or slr (straight-leg raise), not both"
        )
    if slr_deg is not None:
        slr = check("slr_deg", slr_deg)
        ake = np.clip(slr_to_ake(slr), *AKE_RANGE_DEG)  # only round-off can leave the range
        return float(ake) if np.ndim(ake) == 0 else ake
    if ake_deg is None:
        return AKE_NORMAL_DEG[sex][0]
    return check("ake_deg", ake_deg)


#: Fields of BendInput checked against their declarations in :mod:`gluteed.parameters`.
_CHECKED = (
    "trunk_inclination_deg",
    "ake_deg",
    "slr_deg",
    "glute_max_strength_pct",
    "inhibition_strength",
    "activation_exponent",
)


@dataclass(frozen=True, kw_only=True)
class BendInput:
    """One forward-bend scenario (numbers may be arrays for a batch).

    Parameters
    ----------
    subject : Subject
        The person: body mass, stature and sex.
    trunk_inclination_deg : float or array_like
        Trunk angle from vertical, 0 (upright) to 120. [deg]
    ake_deg : float or array_like, optional
        Active-knee-extension deficit, 0 to 90. Default: the normal mean for
        the subject's sex (Yildirim et al. 2018). [deg]
    slr_deg : float or array_like, optional
        Straight-leg-raise angle instead of ``ake_deg`` (not both); range
        ``SLR_RANGE_DEG``. [deg]
    glute_max_strength_pct : float or array_like
        Gluteus maximus strength, 0 to 100 % of normal for this body. [%]
    glute_inhibition : bool
        The hypothesis "tight hamstrings reduce access to the glutes", off
        by default (see :func:`glute_availability`).
    inhibition_strength : float or array_like
        Fraction of glute availability lost at AKE 90° when the hypothesis is
        on, 0 to 1. [-]
    activation_exponent : float
        Power of the activations in the choice rule, 2 to 4. [-]
    """

    # Defaults as declared in gluteed.parameters; the AKE's is the sex's normal mean.
    subject: Subject = field(default_factory=Subject)
    trunk_inclination_deg: float = parameter("trunk_inclination_deg").default
    ake_deg: float | None = None
    slr_deg: float | None = None
    glute_max_strength_pct: float = parameter("glute_max_strength_pct").default
    glute_inhibition: bool = False
    inhibition_strength: float = INHIBITION_STRENGTH
    activation_exponent: float = parameter("activation_exponent").default

    def __post_init__(self) -> None:
        if not isinstance(self.subject, Subject):
            raise ValueError(f"subject must be a gluteed.Subject; got {self.subject!r}")
        put = object.__setattr__
        check_fields(self, _CHECKED, optional=("ake_deg", "slr_deg"))
        if not isinstance(self.glute_inhibition, bool | np.bool_):
            raise ValueError(
                f"glute_inhibition must be True or False; got {self.glute_inhibition!r}"
            )
        ake = tightness(self.ake_deg, self.slr_deg, self.subject.sex)
        put(self, "_ake", ake)
        put(
            self,
            "_availability",
            glute_availability(
                ake,
                sex=self.subject.sex,
                hypothesis=bool(self.glute_inhibition),
                strength=self.inhibition_strength,
            ),
        )

    @property
    def effective_ake_deg(self) -> float | np.ndarray:
        """AKE deficit in force: entered, converted from SLR, or the normal mean. [deg]"""
        return self._ake  # type: ignore[attr-defined]

    @property
    def glute_availability(self) -> float | np.ndarray:
        """Fraction of the gluteal muscles available (1 with the hypothesis off). [-]"""
        return self._availability  # type: ignore[attr-defined]
