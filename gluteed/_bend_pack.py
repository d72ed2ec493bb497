"""The forward bend's result, assembled from the solved split.

The named steps after the split is chosen: how the hip extensors share
their moment (:func:`hip_extensors`), what the trunk and hip flexor muscles
pull (:func:`trunk_muscles`), the equilibrium residuals recomputed from
explicit segment positions (:func:`equilibrium_residuals`), the L5-S1
reaction (:func:`l5s1_reaction`), which limits a bend breaks
(:func:`limits`) and why, in words; :func:`pack_result` puts them into a
:class:`~gluteed.hamstrings.BendResult`.
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np

from ._bend_input import BendInput
from ._bend_muscles import (
    ABDOMINAL_ARM_M,
    DEG,
    ERECTOR_ARM_M,
    HAM_WEIGHTS,
    HIP_FLEXOR_ARM_M,
    HIP_FLEXOR_MAX_FORCE_N,
    N_HAM,
)
from ._bend_result import BendResult
from ._bend_solver import Batch, split
from .anthropometry import GRAVITY, LUMBAR_MAX_FORCE_N, BodyModel

#: Below this hip extensor moment (x body weight x stature, about 12 N·m for
#: a 70 kg, 1.75 m adult) the glute/hamstring shares are taken of this
#: reference instead of the vanishing total. ASSUMPTION (presentation). [-]
SHARE_REFERENCE = 0.01


def hip_extensors(state: dict) -> dict:
    """Muscle sharing at the hips: forces and moments of the extensors, both legs.

    Closed-form sharing of the active moment (moment of muscle i proportional
    to capacity_i ** q), plus each muscle's passive pull. Sums over the
    gluteus maximus and over the three hamstrings, shape (N, K): forces [N],
    moments [N·m], capacities [N], and the activation of the most active
    single hip extensor [-].
    """
    mus = state["mus"]
    arm = mus["arm"]
    ext = np.maximum(state["m_hip"], 0.0)
    with np.errstate(divide="ignore", invalid="ignore"):
        share_i = np.where(
            state["c_ext"] > 0, state["cq"] / np.power(state["c_ext"], state["q"]), 0.0
        )
        moment_i = 2.0 * ext * share_i  # both sides [N·m]
        force_i = np.where(arm > 0, moment_i / np.where(arm > 0, arm, 1.0), 0.0)
    glute = slice(N_HAM, None)
    ham = slice(0, N_HAM)
    passive_i = 2.0 * mus["passive"]  # both sides [N]
    passive_moment_i = passive_i * arm
    cap_i = 2.0 * np.maximum(mus["capacity"], 0.0)
    ham_passive_moment = passive_moment_i[ham].sum(axis=0)
    return {
        "glute_force": force_i[glute].sum(axis=0),
        "ham_force": force_i[ham].sum(axis=0),
        "ham_passive_force": passive_i[ham].sum(axis=0),
        "glute_moment": (moment_i[glute] + passive_moment_i[glute]).sum(axis=0),
        "ham_passive_moment": ham_passive_moment,
        "ham_moment": moment_i[ham].sum(axis=0) + ham_passive_moment,
        "glute_capacity": cap_i[glute].sum(axis=0),
        "ham_capacity": cap_i[ham].sum(axis=0),
        # the most active single hip extensor
        "top": np.max(np.where(cap_i > 0, force_i / np.where(cap_i > 0, cap_i, 1.0), 0.0), axis=0),
    }


def trunk_muscles(b: Batch, state: dict) -> dict:
    """Forces [N] and moments [N·m] of the hip flexors, erector spinae and abdominals.

    Each pulls only against a moment of its own sign; the passive lumbar
    tissue carries its part first.
    """
    m_hip, m_lum = state["m_hip"], state["m_lum"]
    flexor_force = np.maximum(-m_hip, 0.0) / (HIP_FLEXOR_ARM_M * b.scale)
    es_force = np.maximum(m_lum, 0.0) / (ERECTOR_ARM_M * b.scale)
    abd_force = np.maximum(-m_lum, 0.0) / (ABDOMINAL_ARM_M * b.scale)
    passive_lum = state["passive_lum"]
    es_moment = es_force * ERECTOR_ARM_M * b.scale
    abd_moment = abd_force * ABDOMINAL_ARM_M * b.scale
    return {
        "flexor_force": flexor_force,
        "flexor_moment": flexor_force * HIP_FLEXOR_ARM_M * b.scale,
        "es_force": es_force,
        "es_capacity": 2.0 * LUMBAR_MAX_FORCE_N * b.fmax,
        "es_moment": es_moment,
        "abd_force": abd_force,
        "passive_lum": passive_lum,
        "lumbar_net": es_moment + passive_lum - abd_moment,
    }


def equilibrium_residuals(
    b: Batch, hip: np.ndarray, extensors: np.ndarray, trunk: dict
) -> tuple[np.ndarray, np.ndarray]:
    """Moment residuals about the hips and L5-S1 [N·m], from explicit segment positions.

    Independent of the solver: gravity's moments from where the trunk and
    pelvis are, minus the moments of the final muscle and tissue forces.
    """
    g = GRAVITY
    ch, sh = np.cos(hip), np.sin(hip)
    l5 = (b.l5_forward * ch + b.l5_up * sh, -b.l5_forward * sh + b.l5_up * ch)
    trunk_com = (l5[0] + b.r_trunk * np.sin(b.phi), l5[1] + b.r_trunk * np.cos(b.phi))
    pelvis_x = b.y_pelvis * sh
    gravity_hip = g * (b.m_trunk * trunk_com[0] + b.m_pelvis * pelvis_x)  # flexing moment
    hip_residual = gravity_hip - (extensors - trunk["flexor_moment"])
    gravity_lum = g * b.m_trunk * (trunk_com[0] - l5[0])
    return hip_residual, gravity_lum - trunk["lumbar_net"]


def l5s1_reaction(b: Batch, trunk: dict) -> tuple[np.ndarray, np.ndarray]:
    """L5-S1 compression (along the trunk) and forward shear (across it) [N]."""
    pull = trunk["es_force"] + trunk["passive_lum"] / (ERECTOR_ARM_M * b.scale)
    axial_pull = pull + trunk["abd_force"]
    compression = GRAVITY * b.m_trunk * np.cos(b.phi) + axial_pull
    shear = GRAVITY * b.m_trunk * np.sin(b.phi)
    return compression, shear


def limits(b: Batch, bounds: dict, hips: dict, trunk: dict) -> dict:
    """Which limit of a relaxed bend each scenario breaks, (N, 1) booleans each."""
    tol = 1e-9
    es_weak = bounds["lam_es"] > bounds["lam_up"] + tol
    stopped = ~es_weak & (bounds["h_a"] > bounds["h_stop"] + tol)
    return {
        "es_weak": es_weak,
        "stopped": stopped,
        "weak_hip": ~es_weak & ~stopped & (bounds["lo"] > bounds["hi"] + tol),
        "flexors_weak": trunk["flexor_force"] > 2.0 * HIP_FLEXOR_MAX_FORCE_N * b.fmax * (1.0 + tol),
        "recruit_weak": hips["top"] > 1.0 + tol,
    }


def _pct(force: np.ndarray, capacity: np.ndarray) -> np.ndarray:
    """Activation: force as a percentage of capacity, 0 where there is none. [%]"""
    return np.divide(100.0 * force, capacity, out=np.zeros(np.shape(force)), where=capacity > 0)


def _pose_fields(b: Batch, s: np.ndarray, hip: np.ndarray, hips: dict, trunk: dict) -> dict:
    """The result fields that describe a pose: NaN where it cannot be held."""
    extensors = hips["glute_moment"] + hips["ham_moment"]
    hip_residual, lumbar_residual = equilibrium_residuals(b, hip, extensors, trunk)
    compression, shear = l5s1_reaction(b, trunk)
    # Shares of the hip extensor moment; near upright, where that moment
    # vanishes, they are taken of a small reference moment instead so that
    # they fade to zero rather than jump.
    reference = np.maximum(extensors, SHARE_REFERENCE * b.bw_h)
    return {
        "lumbar_flexion_deg": (b.phi - hip) / DEG,
        "hip_flexion_deg": hip / DEG,
        "lumbar_share": 1.0 - s,
        "hip_share": s,
        "glute_max_force_n": hips["glute_force"],
        "hamstring_active_force_n": hips["ham_force"],
        "hamstring_passive_force_n": hips["ham_passive_force"],
        "hip_flexor_force_n": trunk["flexor_force"],
        "glute_max_activation_pct": _pct(hips["glute_force"], hips["glute_capacity"]),
        "hamstring_activation_pct": _pct(hips["ham_force"], hips["ham_capacity"]),
        "glute_max_moment_nm": hips["glute_moment"],
        "hamstring_moment_nm": hips["ham_moment"],
        "hamstring_passive_moment_nm": hips["ham_passive_moment"],
        "hip_extensor_moment_nm": extensors - trunk["flexor_moment"],
        "glute_max_share": hips["glute_moment"] / reference,
        "hamstring_share": hips["ham_moment"] / reference,
        "erector_spinae_force_n": trunk["es_force"],
        "abdominal_force_n": trunk["abd_force"],
        "erector_spinae_activation_pct": _pct(trunk["es_force"], trunk["es_capacity"]),
        "erector_spinae_moment_nm": trunk["es_moment"],
        "lumbar_passive_moment_nm": trunk["passive_lum"],
        "lumbar_extensor_moment_nm": trunk["lumbar_net"],
        "l5s1_compression_n": compression,
        "l5s1_shear_n": shear,
        "hip_residual_nm": hip_residual,
        "lumbar_residual_nm": lumbar_residual,
    }


def pack_result(
    inp: BendInput,
    body: BodyModel,
    b: Batch,
    s: np.ndarray,
    iterations: int,
    bounds: dict,
    reach: tuple[np.ndarray, np.ndarray],
) -> BendResult:
    """The :class:`~gluteed.hamstrings.BendResult` of a solved batch.

    ``s`` is the chosen hip fraction of the bend, ``bounds`` the limits of
    :func:`~gluteed._bend_solver.hip_bounds` and ``reach`` the reachable
    (inclination, hip flexion) [rad].
    """
    # Posture at the true inclination (the share is the same; at 0° both angles are 0).
    hip = s * b.phi
    state = split(replace(b, phi_eff=b.phi), s, recruit=True)
    hips = hip_extensors(state)
    trunk = trunk_muscles(b, state)
    causes = limits(b, bounds, hips, trunk)
    feasible = ~(
        causes["es_weak"]
        | causes["stopped"]
        | causes["weak_hip"]
        | causes["flexors_weak"]
        | causes["recruit_weak"]
    )
    shape = b.shape
    out = np.broadcast_to(~feasible, b.phi.shape).reshape(shape)

    def arr(value: np.ndarray) -> np.ndarray:
        """A result field; NaN where the bend is out of reach (no pose to report)."""
        values = np.asarray(value, dtype=float).reshape(shape).copy()
        values[out] = np.nan
        return values

    def keep(value: object) -> np.ndarray:
        return np.asarray(value, dtype=float).reshape(shape).copy()

    pose = {name: arr(value) for name, value in _pose_fields(b, s, hip, hips, trunk).items()}
    weights = HAM_WEIGHTS / HAM_WEIGHTS.sum()
    shortening_mm = 1e3 * np.tensordot(weights, b.shortening[:N_HAM, :, 0], axes=1)[:, None]
    reach_phi, reach_hip = reach
    return BendResult(
        inputs=inp,
        body_weight_n=keep(np.broadcast_to(np.asarray(body.body_weight_n, float), shape)),
        ake_deg=keep(np.broadcast_to(np.asarray(inp.effective_ake_deg, dtype=float), shape)),
        glute_max_availability=keep(
            np.broadcast_to(np.asarray(inp.glute_availability, float), shape)
        ),
        trunk_inclination_deg=keep(b.phi / DEG),
        **pose,
        hamstring_shortening_mm=keep(shortening_mm),
        cost=arr(state["cost"]),
        reachable_trunk_inclination_deg=keep(reach_phi / DEG),
        reachable_hip_flexion_deg=keep(reach_hip / DEG),
        feasible=np.asarray(feasible).reshape(shape).copy(),
        reason=_reasons(causes, b, reach_phi, reach_hip, inp),
        iterations=iterations,
    )


def _reasons(
    causes: dict, b: Batch, reach_phi: np.ndarray, reach_hip: np.ndarray, inp: BendInput
) -> str | np.ndarray:
    """Plain-language reason per scenario ("" where the bend can be held)."""
    flat = {k: np.asarray(v).reshape(-1) for k, v in causes.items()}
    phi = np.asarray(b.phi).reshape(-1) / DEG
    reach = np.asarray(reach_phi).reshape(-1) / DEG
    hip = np.asarray(reach_hip).reshape(-1) / DEG
    avail = np.broadcast_to(np.asarray(inp.glute_availability, float), b.shape).reshape(-1)
    texts = np.full(phi.shape, "", dtype=object)
    for i in np.flatnonzero(np.any(np.stack(list(flat.values())), axis=0)):
        if flat["es_weak"][i]:
            text = (
                f"the erector spinae cannot hold the trunk at {phi[i]:.0f}°, even with the "
                "lower back flexed as far as its passive tissue allows"
            )
        elif flat["stopped"][i] and hip[i] < 0.5:
            text = (
                "the hamstrings keep the pelvis from tilting forward at all: the lower back "
                f"alone bends {reach[i]:.0f}°, so this person cannot bend {phi[i]:.0f}° "
                "with straight knees"
            )
        elif flat["stopped"][i]:
            text = (
                f"hamstrings stop the hips at {hip[i]:.0f}° of flexion: this person cannot "
                f"bend {phi[i]:.0f}° with straight knees (reachable: {reach[i]:.0f}°)"
            )
        elif flat["weak_hip"][i]:
            text = (
                f"the gluteus maximus and hamstrings cannot hold the hips at {phi[i]:.0f}° "
                "of bend: they would need more than 100 %"
            )
        elif flat["flexors_weak"][i]:
            text = "the hip flexors cannot hold the pelvis upright against the hamstrings"
        else:
            text = (
                f"with only {100 * avail[i]:.0f} % of the glutes available (hypothesis), a "
                "hip extensor would need more than 100 %"
            )
        texts[i] = text
    if b.shape == ():
        return str(texts[0])
    return texts.reshape(b.shape)
