"""The published numbers the tests compare the model with, in one place.

The tests assert against ``REF[...].numbers``; ``docs/make_validation.py``
renders the same records into ``docs/validation.md`` ("how far to trust
this"), so the page and the tests cannot drift apart. Each record says what a
student sees, the published number, the tolerance the test allows, whether the
comparison is a calibration (the model, or one of its inputs, was chosen or
fitted with this number in view) or an independent check, the source (a key of
``docs/references.bib``) and the known limits. Units are in the names of the
numbers (``_bw`` × body weight, ``_deg`` degrees, ``_m`` metres, ``_pct`` %).
"""

from __future__ import annotations

from dataclasses import dataclass, field

CALIBRATION = "calibration"
INDEPENDENT = "independent check"
PREDICTION = "prediction beside a related measurement (not a check)"
KINDS = (INDEPENDENT, CALIBRATION, PREDICTION)


@dataclass(frozen=True)
class Reference:
    """One comparison of a model output with a published number."""

    output: str  #: what a student sees, with its unit
    published: str  #: the published number, as the source gives it
    tolerance: str  #: what the test allows, in words
    kind: str  #: one of KINDS
    source: str  #: key in docs/references.bib
    limits: str  #: what the comparison does not show
    tests: tuple[str, ...]  #: the tests that assert it, file::function
    numbers: dict[str, float | tuple[float, ...]] = field(default_factory=dict)

    def __post_init__(self):
        if self.kind not in KINDS:
            raise ValueError(f"kind = {self.kind!r}: must be one of {KINDS}")


REFERENCES = (
    # --- single-leg stance --------------------------------------------------
    Reference(
        output="Hip contact force in one-legged stance, default adult (× BW)",
        published="2.61 ± 0.29 × BW, range 2.19–3.28 (10 instrumented hips, one-legged stance)",
        tolerance="inside the range, and within 1.5 SD of the mean",
        kind=CALIBRATION,
        source="bergmann2016",
        limits=(
            "The abductor lever (Dostal & Andrews' geometry rather than gait2392's) was chosen "
            "with this number and the walking peak in view, so agreement is not independent. "
            "The model sits about 1 SD below the mean; a frontal model leaves out the sagittal "
            "components of the measured resultant and co-contraction."
        ),
        tests=("tests/test_stance.py::test_default_adult_hip_force_inside_in_vivo_band",),
        numbers={"mean_bw": 2.61, "sd_bw": 0.29, "min_bw": 2.19, "max_bw": 3.28, "max_sd": 1.5},
    ),
    Reference(
        output="Direction of the stance hip contact force (deg from vertical)",
        published="16 ± 4° to the femoral axis (one-legged stance)",
        tolerance="between 5 and 25° (loose: the model's femur is not the femoral axis)",
        kind=INDEPENDENT,
        source="bergmann2016",
        limits=(
            "A loose check: the published angle is to the femoral shaft axis, the model's is to "
            "the vertical, and the stance femur is modelled as a straight line."
        ),
        tests=("tests/test_stance.py::test_default_adult_hip_force_inside_in_vivo_band",),
        numbers={"min_deg": 5.0, "max_deg": 25.0},
    ),
    Reference(
        output="Textbook free-body diagram: Pauwels' worked example (× BW, deg)",
        published="abductor force 2.235 × BW, hip force 3.01 × BW at 15.4° from vertical",
        tolerance="within 0.5 % of each",
        kind=INDEPENDENT,
        source="pauwels1965",
        limits=(
            "Checks the arithmetic of the lever model against a textbook solution, not the "
            "model against a measurement. Pauwels' inputs are taken as coded in the "
            "HipJointForceModel; the book itself was not read."
        ),
        tests=(
            "tests/test_freebody.py::test_pauwels_worked_example",
            "tests/test_cli.py::test_fbd_pauwels_json",
        ),
        numbers={"abductor_bw": 2.235, "joint_bw": 3.01, "joint_angle_deg": 15.4, "rel": 0.005},
    ),
    Reference(
        output="Stance hip force with a 15 %BW cane push, as a fraction of that without (-)",
        published=(
            "Gait, not stance: patients walking with a cane had hip contact forces about 60 % "
            "of those of age- and speed-matched normal subjects; people rarely put more than "
            "about 20 %BW on a cane"
        ),
        tolerance="between 0.45 and 0.8 (a guard against drift of the model's own number)",
        kind=PREDICTION,
        source="brand1980",
        limits=(
            "Not a validation: the source computed forces in gait and gives no single-leg-stance "
            "or 15 %BW figure. The model also assumes the cane's push reaches the pelvis through "
            "latissimus dorsi, not the lumbar spine."
        ),
        tests=("tests/test_stance.py::test_cane_hip_force_relief_is_a_model_prediction",),
        numbers={"cane_pct_bw": 15.0, "min_ratio": 0.45, "max_ratio": 0.8},
    ),
    # --- walking ------------------------------------------------------------
    Reference(
        output="Peak hip contact force in level walking, default adult at 1.1 m/s (× BW)",
        published="2.47 ± 0.20 × BW, range 2.17–2.82 (10 instrumented hips, level walking)",
        tolerance="within 1 SD of the mean (2.27–2.67), and inside the range",
        kind=CALIBRATION,
        source="bergmann2016",
        limits=(
            "Same calibration as one-legged stance (the abductor lever). The model's first "
            "peak comes a little early and its swing force is almost zero (measured about "
            "0.2–0.3 × BW, from sagittal muscles a frontal model leaves out)."
        ),
        tests=(
            "tests/test_gait.py::test_default_peak_hip_contact_force_in_the_in_vivo_band",
            "tests/test_gait.py::test_default_hip_contact_force_pattern",
        ),
        numbers={"mean_bw": 2.47, "sd_bw": 0.20, "min_bw": 2.17, "max_bw": 2.82},
    ),
    Reference(
        output="Peak vertical ground reaction at 1.5 m/s (× BW)",
        published="about 1.2 × BW at 1.5 m/s",
        tolerance="± 0.1 × BW",
        kind=INDEPENDENT,
        source="keller1996",
        limits=(
            "The model's sinusoidal centre-of-mass path gives 1.29 × BW, a documented "
            "overestimate at fast speeds. Source details not re-read (unverified)."
        ),
        tests=("tests/test_gait.py::test_peak_vertical_load_near_keller_1996",),
        numbers={"speed_ms": 1.5, "peak_bw": 1.2, "abs_bw": 0.1},
    ),
    Reference(
        output="Sideways sway of the centre of mass over a stride (m)",
        published="mediolateral excursion 7.0 cm at 0.7 m/s and 3.9 cm at 1.6 m/s",
        tolerance="within 1 % at both speeds",
        kind=CALIBRATION,
        source="orendurff2004",
        limits=(
            "An input, not an output: the sideways push of each foot is set so that the "
            "centre of mass sways by this amount. Unverified: the paper could not be checked "
            "against a public copy, and these excursions set the walking loads."
        ),
        tests=("tests/test_gait.py::test_sideways_sway_matches_orendurff_2004",),
        numbers={"slow_ms": 0.7, "slow_m": 0.070, "fast_ms": 1.6, "fast_m": 0.039, "rel": 0.01},
    ),
    Reference(
        output="Healthy pelvic list over a stride, top to bottom (deg)",
        published="frontal pelvic obliquity range 8.3 ± 4.8° in healthy walking",
        tolerance="between 3.5 and 13° (mean ± 1 SD)",
        kind=CALIBRATION,
        source="bailey2016",
        limits=(
            "An input (the muscles aim for half the mean range); its shape and timing are "
            "assumed. Unverified: the article behind the figure has not been identified."
        ),
        tests=("tests/test_limits.py::test_healthy_walking_shows_its_pelvic_list",),
        numbers={"mean_deg": 8.3, "sd_deg": 4.8, "min_deg": 3.5, "max_deg": 13.0},
    ),
    # --- forward bend -------------------------------------------------------
    Reference(
        output="Lumbar-to-hip ratio of a forward bend, 0–30°, 30–60°, 60–90° (-)",
        published="1.9, 0.9, 0.4 in healthy adults",
        tolerance="± 0.3 each, for men and women",
        kind=CALIBRATION,
        source="esola1996",
        limits=(
            "The passive lumbar moment and the strain-energy tolerance of the choice rule "
            "were fitted to give this rhythm with normal hamstrings."
        ),
        tests=("tests/test_hamstrings.py::test_lumbopelvic_rhythm_matches_esola_1996",),
        numbers={"ratios": (1.9, 0.9, 0.4), "abs": 0.3},
    ),
    Reference(
        output="Full forward bend split into lumbar and hip flexion (deg)",
        published="111° = 41.6° lumbar + 69.4° hip (mean of all subjects)",
        tolerance="± 5° each",
        kind=CALIBRATION,
        source="esola1996",
        limits="Part of the same fit as the rhythm above.",
        tests=("tests/test_hamstrings.py::test_full_bend_is_about_40_lumbar_and_70_hip",),
        numbers={"full_deg": 111.0, "lumbar_deg": 41.6, "hip_deg": 69.4, "abs_deg": 5.0},
    ),
    Reference(
        output="Passive hip moment of a straight-knee bend, one leg (N·m)",
        published=(
            "M = exp(1.4655 − 0.0750 h) − exp(1.3403 + 0.0305 h) + 8.072 N·m "
            "(h hip flexion in degrees, knee straight)"
        ),
        tolerance="within 20 % at 50, 70 and 90° of hip flexion, within 10 % at 70°",
        kind=CALIBRATION,
        source="riener1999",
        limits=(
            "The passive force of gait2392's hip muscles is scaled (0.33) to these "
            "measurements. Source details not re-read (unverified)."
        ),
        tests=("tests/test_hamstrings.py::test_passive_hip_moment_matches_riener_and_edrich_1999",),
        numbers={"hip_deg": (50.0, 70.0, 90.0), "rel": 0.2, "rel_at_70": 0.1},
    ),
    Reference(
        output=(
            "Hip adduction at which the passive hip tissue holds the relaxed, straight leg "
            "in side-lying (the end of the modified Ober test, deg)"
        ),
        published=(
            "modified Ober test with an inclinometer, 300 recreational athletes: "
            "27.1 ± 5.5° below horizontal in the 432 limbs judged not tight "
            "(24.6 ± 7.3° in all 600 limbs)"
        ),
        tolerance="within 1 SD of the not-tight limbs' mean, for the default man and woman",
        kind=INDEPENDENT,
        source="ferber2010",
        limits=(
            "The model's passive hip curve (gait2392's passive muscle, van Arkel's capsule) was "
            "not fitted to this test. The end of the test is judged by eye, the examiner "
            "steadies the pelvis, the hip is extended to neutral, and the leg's weight moment "
            "comes from de Leva's segment data, not from the athletes measured."
        ),
        tests=(
            "tests/test_limits.py::test_passive_hip_holds_the_relaxed_leg_where_the_ober_test_ends",
        ),
        numbers={"mean_deg": 27.13, "sd_deg": 5.53},
    ),
    # --- training -----------------------------------------------------------
    Reference(
        output="Hip abductor strength gain after 8 weeks of the three exercises (%)",
        published="+21 % from baseline to 8 weeks (hip-first group)",
        tolerance="± 3 percentage points",
        kind=CALIBRATION,
        source="dolak2011",
        limits=(
            "One of the two points the training rate was fitted to; the trial's programme "
            "differs from the article's exercises."
        ),
        tests=("tests/test_training.py::test_eight_week_gain_matches_the_published_hip_programme",),
        numbers={"weeks": 8.0, "gain_pct": 21.0, "abs_pct": 3.0},
    ),
    Reference(
        output="Hip abductor strength gain after a 3-week programme, low back pain (%)",
        published="about +12 % in 3 weeks; baseline 31 % below controls",
        tolerance="± 3 percentage points",
        kind=CALIBRATION,
        source="kendall2010",
        limits="The other fitted point; the start at 69 % of normal is taken from the same study.",
        tests=("tests/test_training.py::test_three_week_gain_matches_the_low_back_pain_programme",),
        numbers={"weeks": 3.0, "gain_pct": 12.0, "abs_pct": 3.0, "start_pct": 69.0},
    ),
)

#: The records by a short name, for the tests.
REF = {
    "stance_hip_force": REFERENCES[0],
    "stance_hip_direction": REFERENCES[1],
    "pauwels": REFERENCES[2],
    "cane": REFERENCES[3],
    "walk_hip_force": REFERENCES[4],
    "walk_vertical_grf": REFERENCES[5],
    "walk_sway": REFERENCES[6],
    "walk_pelvic_list": REFERENCES[7],
    "bend_rhythm": REFERENCES[8],
    "bend_full": REFERENCES[9],
    "bend_passive_hip": REFERENCES[10],
    "hip_ober_end": REFERENCES[11],
    "training_8_weeks": REFERENCES[12],
    "training_3_weeks": REFERENCES[13],
}
