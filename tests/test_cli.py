"""The command line: numbers, JSON keys, help, and clean errors."""

import json
import subprocess
import sys

import pytest
from cli_support import run

from gluteed.cli import main


def test_fbd_pauwels_json(capsys):
    bw = 58.7 * 9.81
    code, out, err = run(
        capsys,
        "fbd",
        "--weight",
        str(0.8136 * bw),
        "--weight-arm",
        "0.1099",
        "--abductor-arm",
        "0.040",
        "--abductor-angle",
        "69",
        "--body-weight",
        str(bw),
        "--json",
    )
    assert code == 0 and err == ""
    data = json.loads(out)
    assert data["abductor_force_bw"] == pytest.approx(2.235, rel=0.005)
    assert data["joint_force_bw"] == pytest.approx(3.01, rel=0.005)
    assert data["joint_force_angle_deg"] == pytest.approx(15.4, rel=0.005)
    for key in ("abductor_moment_nm", "abductor_force_n", "joint_force_n"):
        assert key in data


def test_fbd_repeatable_loads_and_horizontal_convention(capsys):
    base = ["fbd", "--weight", "500", "--weight-arm", "0.1", "--abductor-arm", "0.05", "--json"]
    _, plain, _ = run(capsys, *base)
    _, loaded, _ = run(
        capsys, *base, "--load=-80@0.4", "--load", "50@-0.1", "--arm-convention", "horizontal"
    )
    plain, loaded = json.loads(plain), json.loads(loaded)
    assert loaded["abductor_moment_nm"] == pytest.approx(50.0 - 32.0 - 5.0)
    assert "abductor_force_bw" not in plain


def test_stance_text_and_json(capsys):
    code, text, _ = run(capsys, "stance", "--glute-strength", "40")
    assert code == 0
    assert "left lower back" in text and "× BW" in text and "deg" in text
    code, out, _ = run(
        capsys,
        "stance",
        "--glute-strength",
        "40",
        "--side",
        "left",
        "--bag",
        "5",
        "--bag-side",
        "same",
        "--cane",
        "5",
        "--sex",
        "female",
        "--json",
    )
    data = json.loads(out)
    assert data["stance_side"] == "left" and data["glute_med_strength_pct"] == 40.0
    for key in (
        "abductor_force_bw",
        "hip_contact_force_bw",
        "trunk_lean_deg",
        "pelvic_drop_deg",
        "lumbar_contralateral_force_bw",
        "lumbar_ipsilateral_force_bw",
        "l5s1_compression_bw",
    ):
        assert isinstance(data[key], float), key
    assert data["lumbar_right_force_n"] == data["lumbar_contralateral_force_n"]


@pytest.mark.parametrize(
    ("argv", "words"),
    [
        (["stance", "--mass", "-5"], ["mass", "-5", "kg"]),
        (["stance", "--mass", "nan"], ["mass", "nan", "kg"]),
        (["stance", "--glute-strength", "150"], ["strength", "150", "%"]),
        (["stance", "--side", "up"], ["side", "up"]),
        (["stance", "--sex", "robot"], ["sex", "robot"]),
        (
            [
                "fbd",
                "--weight",
                "500",
                "--weight-arm",
                "0.1",
                "--abductor-arm",
                "0.05",
                "--load",
                "300",
            ],
            ["load", "FORCE_N@ARM_M"],
        ),
        (
            [
                "fbd",
                "--weight",
                "500",
                "--weight-arm",
                "0.1",
                "--abductor-arm",
                "0.05",
                "--arm-convention",
                "slanted",
            ],
            ["arm_convention", "slanted"],
        ),
    ],
)
def test_bad_input_prints_one_message_and_exits_2(capsys, argv, words):
    code, out, err = run(capsys, *argv)
    assert code == 2 and out == ""
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err
    for word in words:
        assert word in err


def test_unparseable_number_exits_2_without_traceback(capsys):
    with pytest.raises(SystemExit) as info:
        main(["stance", "--mass", "heavy"])
    assert info.value.code == 2
    err = capsys.readouterr().err
    assert "heavy" in err and "Traceback" not in err


def test_help_explains_units(capsys):
    with pytest.raises(SystemExit):
        main(["stance", "--help"])
    text = capsys.readouterr().out
    for unit in ("kg", " m ", "%", "body weight"):
        assert unit in text
    with pytest.raises(SystemExit):
        main(["fbd", "--help"])
    text = capsys.readouterr().out
    assert "FORCE_N@ARM_M" in text and "deg" in text


def test_module_and_console_script_entry_points():
    for cmd in (
        [sys.executable, "-m", "gluteed"],
        [sys.executable, "-c", "import sys; from gluteed.cli import main; sys.exit(main())"],
    ):
        ok = subprocess.run([*cmd, "stance", "--json"], capture_output=True, text=True)
        assert ok.returncode == 0 and json.loads(ok.stdout)["stance_side"] == "right"
        bad = subprocess.run([*cmd, "stance", "--mass", "-1"], capture_output=True, text=True)
        assert bad.returncode == 2 and "Traceback" not in bad.stderr and "mass" in bad.stderr
