"""Walking: the stride's cited profiles as functions of walking speed.

Timing (stance and double support, cadence), the vertical load of both feet
from the measured vertical sway of the body's centre of mass, the load
transfer between the feet, the sideways ground reaction that reproduces the
measured mediolateral sway, and the healthy pelvic list the muscles aim
for. The walking model is described in :mod:`gluteed.gait`.
"""

from __future__ import annotations

import math

import numpy as np

from .anthropometry import GRAVITY
from .parameters import parameter

__all__ = [
    "COM_LATERAL_EXCURSION_M",
    "COM_VERTICAL_EXCURSION_M",
    "DEFAULT_SPEED_MS",
    "HEALTHY_PELVIC_LIST_DEG",
    "LIST_PEAK_PCT",
    "SPEED_RANGE_MS",
    "com_excursions",
    "gait_timing",
    "lateral_grf_ratio",
    "list_profile",
    "load_share",
    "vertical_load_total",
]

# --- Published numbers ------------------------------------------------------
#: Walking speeds over which the speed-dependent profiles below were measured,
#: and the default speed (about 4 km/h); both declared, with their sources, in
#: :mod:`gluteed.parameters`. [m/s]
_SPEED = parameter("speed_ms")
SPEED_RANGE_MS = _SPEED.range
DEFAULT_SPEED_MS = _SPEED.default

#: Stance duration as a percentage of the gait cycle versus speed v [m/s]:
#: stance = 64.2 - 3.5 v, regression of Kirtley, Whittle & Jefferson (1985)
#: J Biomed Eng 7:282 (r = 0.71) [@kirtley1985]; unverified against the
#: paper. [%], [% per m/s]
STANCE_PCT_AT_ZERO_SPEED = 64.2
STANCE_PCT_PER_SPEED = -3.5

#: Walk ratio, step length / cadence, which stays about constant across
#: walking speeds (Sekiya & Nagasaki 1998, Gait Posture 7:225) [@sekiya1998];
#: its value is that of normal men at free speed, step length 0.79 m at 117
#: steps/min (Murray, Drought & Kory 1964, J Bone Joint Surg Am 46:335)
#: [@murray1964]; both unverified against the papers. Below about
#: 1.0 m/s people take relatively longer, slower steps than a constant ratio
#: predicts (Murakami R, Otaka Y 2017, J Phys Ther Sci 29:722) [@murakami2017], so
#: the model's cadence is too high there.
#: [m per (step/min)]
WALK_RATIO_M_PER_STEPS_PER_MIN = 0.79 / 117.0

#: Peak-to-peak vertical COM excursion at the slowest and fastest speed of
#: Orendurff et al. (2004) [@orendurff2004]: 2.7 cm at 0.7 m/s and 4.8 cm at
#: 1.6 m/s, linear in between (unverified against the paper). [(m/s, m)]
COM_VERTICAL_EXCURSION_M = ((0.7, 0.027), (1.6, 0.048))
#: Peak-to-peak mediolateral COM excursion, same study: 7.0 cm at 0.7 m/s and
#: 3.9 cm at 1.6 m/s, linear in between (unverified against the paper). [(m/s, m)]
COM_LATERAL_EXCURSION_M = ((0.7, 0.070), (1.6, 0.039))


#: Healthy pelvic list: the swing side of the pelvis dips and rises once per
#: stride. Its amplitude is half the mean range of frontal pelvic obliquity
#: measured in healthy adults walking, 8.3 +/- 4.8 deg (Bailey et al. 2016
#: [@bailey2016], the range of each subject over a stride; unverified: a
#: collected figure, the article has not been identified). ASSUMPTION: the shape (one
#: sinusoid per stride) and its timing (largest drop of the swing side at
#: ``LIST_PEAK_PCT`` of its stance leg's cycle, during loading response and
#: early single support, as in normative gait curves). The muscles aim for
#: this posture; it is a measured motor pattern, not a compensation, and a
#: student can set it to 0. [deg]
HEALTHY_PELVIC_LIST_DEG = 8.3 / 2.0
LIST_PEAK_PCT = 15.0

#: Grid for the sideways-sway calibration (independent of the output frames).
_SWAY_GRID = 4000


# --- Pure relations -----------------------------------------------------------
def gait_timing(speed_ms: float) -> tuple[float, float, float]:
    """Stride time, stance and double-support duration at a walking speed.

    Parameters
    ----------
    speed_ms : float
        Walking speed. [m/s]

    Returns
    -------
    stride_time_s : float
        Duration of one gait cycle. [s]
    stance_pct : float
        Stance of one leg, percentage of the cycle. [%]
    double_support_pct : float
        Each of the two double-support periods, stance - 50. [%]

    Notes
    -----
    Cadence c [steps/min] from a constant walk ratio r: speed = step
    length * c / 60 and step length = r c, so c = sqrt(60 v / r); a stride is
    two steps, 120 / c seconds.

    References
    ----------
    Kirtley C, Whittle MW, Jefferson RJ (1985) J Biomed Eng 7:282-288.
    Sekiya N, Nagasaki H (1998) Gait Posture 7:225-227.
    Murray MP, Drought AB, Kory RC (1964) J Bone Joint Surg Am 46:335-360.
    """
    cadence = math.sqrt(60.0 * speed_ms / WALK_RATIO_M_PER_STEPS_PER_MIN)
    stance = STANCE_PCT_AT_ZERO_SPEED + STANCE_PCT_PER_SPEED * speed_ms
    return 120.0 / cadence, stance, stance - 50.0


def com_excursions(speed_ms: float) -> tuple[float, float]:
    """Peak-to-peak vertical and mediolateral COM excursion. [m], [m]

    Linear between the slowest and fastest speed of Orendurff et al. (2004).

    Parameters
    ----------
    speed_ms : float
        Walking speed, 0.7 to 1.6. [m/s]
    """
    (v0, z0), (v1, z1) = COM_VERTICAL_EXCURSION_M
    (_, x0), (_, x1) = COM_LATERAL_EXCURSION_M
    f = (speed_ms - v0) / (v1 - v0)
    return z0 + f * (z1 - z0), x0 + f * (x1 - x0)


def vertical_load_total(cycle_pct: np.ndarray, speed_ms: float) -> np.ndarray:
    """Total vertical ground reaction of both feet / body weight. [-]

    The COM height is taken as a sinusoid at step frequency (two per stride)
    with the measured peak-to-peak excursion, lowest in the middle of each
    double support (highest in mid single support). Newton: total = 1 +
    (vertical COM acceleration) / g. Its mean over a stride is exactly 1.

    Parameters
    ----------
    cycle_pct : array_like
        Points of the gait cycle, right heel strike at 0. [%]
    speed_ms : float
        Walking speed. [m/s]

    Notes
    -----
    ASSUMPTION: sinusoidal COM height. The lowest point in double support and
    highest in mid-stance is the classical pattern (Orendurff et al. 2004);
    the sinusoid has no higher harmonics, so the peaks of the per-leg load
    are approximate (at 1.5 m/s it gives 1.29 BW against 1.2 BW measured by
    Keller et al. 1996, Clin Biomech 11:253).
    """
    stride, _, ds = gait_timing(speed_ms)
    z_pp, _ = com_excursions(speed_ms)
    omega = 2.0 * math.pi * 2.0 / stride  # step frequency [rad/s]
    amplitude = omega**2 * z_pp / 2.0 / GRAVITY
    p = np.asarray(cycle_pct, dtype=float)
    return 1.0 + amplitude * np.cos(2.0 * math.pi * (p - ds / 2.0) / 50.0)


def load_share(cycle_pct: np.ndarray, double_support_pct: float) -> np.ndarray:
    """Share of the total vertical load on the leg that lands at 0 %. [-]

    0 in swing, 1 in single support, and a raised cosine (smooth, zero slope
    at both ends) across each double support: rising after its heel strike
    at 0 %, falling after the other heel strikes at 50 %.

    Parameters
    ----------
    cycle_pct : array_like
        Points of this leg's cycle. [%]
    double_support_pct : float
        Duration of each double support. [%]

    Notes
    -----
    ASSUMPTION: the shape of the load transfer. Measured transfers are
    smooth and S-shaped; the raised cosine is the simplest such curve.
    """
    p = np.mod(np.asarray(cycle_pct, dtype=float), 100.0)
    ds = double_support_pct
    share = np.zeros_like(p)
    rising = p < ds
    share[rising] = 0.5 - 0.5 * np.cos(math.pi * p[rising] / ds)
    share[(p >= ds) & (p < 50.0)] = 1.0
    falling = (p >= 50.0) & (p < 50.0 + ds)
    share[falling] = 0.5 + 0.5 * np.cos(math.pi * (p[falling] - 50.0) / ds)
    return share


def lateral_grf_ratio(speed_ms: float) -> float:
    """Sideways / vertical ground reaction of each foot that reproduces the sway. [-]

    Each foot pushes toward the midline with this fraction of its vertical
    force; the difference of the two pushes accelerates the COM sideways.
    The ratio is the one for which the periodic sideways COM path has the
    measured peak-to-peak excursion (Orendurff et al. 2004).

    Parameters
    ----------
    speed_ms : float
        Walking speed. [m/s]

    Notes
    -----
    ASSUMPTION: a constant ratio. Measured mediolateral ground reactions
    point medially for most of stance and follow the vertical force
    roughly; a short lateral spike at heel strike is left out.
    """
    stride, _, ds = gait_timing(speed_ms)
    _, x_pp = com_excursions(speed_ms)
    p = np.arange(_SWAY_GRID) * (100.0 / _SWAY_GRID)
    total = vertical_load_total(p, speed_ms)
    push = GRAVITY * total * (load_share(p, ds) - load_share(p - 50.0, ds))  # per unit ratio
    harmonics = np.fft.rfft(push)
    n = np.arange(harmonics.size)
    omega = 2.0 * math.pi * n / stride
    position = np.zeros_like(harmonics)
    position[1:] = -harmonics[1:] / omega[1:] ** 2  # x'' = push, periodic
    path = np.fft.irfft(position, n=_SWAY_GRID)
    return float(x_pp / (path.max() - path.min()))


def list_profile(leg_pct: np.ndarray, amplitude_deg: float) -> np.ndarray:
    """Healthy pelvic list of one leg in its own time: drop of its swing side. [rad]

    One sinusoid per stride, largest swing-side drop at ``LIST_PEAK_PCT``
    (loading response into early single support), level at
    ``LIST_PEAK_PCT`` - 25 and + 25 %, the swing side highest half a stride
    later (when the other leg carries the body). Exactly antisymmetric
    under a half-stride shift, so left and right mirror each other.
    """
    phase = 2.0 * math.pi * (np.asarray(leg_pct, dtype=float) - LIST_PEAK_PCT + 25.0) / 100.0
    return math.radians(amplitude_deg) * np.sin(phase)
