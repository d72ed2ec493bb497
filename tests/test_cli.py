"""The command line: numbers, JSON keys, help, and clean errors."""

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from cli_support import run
from reference_values import REF

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
    ref = REF["pauwels"].numbers
    assert data["abductor_force_bw"] == pytest.approx(ref["abductor_bw"], rel=ref["rel"])
    assert data["joint_force_bw"] == pytest.approx(ref["joint_bw"], rel=ref["rel"])
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


# ------------------------------------------------------- hostile input, outside world
FBD = ["fbd", "--weight", "500", "--weight-arm", "0.1", "--abductor-arm", "0.05"]


def one_line(err):
    return len(err.splitlines()) == 1 and "Traceback" not in err


@pytest.mark.parametrize(
    "argv",
    [
        ["stance", "--mass=--"],
        ["bend", "--mass=--"],
        ["train", "--mass=--"],
        ["walk", "--speed=--"],
        ["exercises", "--weeks=--"],
        [*FBD, "--abductor-angle=--"],
        [*FBD, "--load=--"],
        ["stance", "--mass"],
        ["stance", "--mass", "10**400"],
        ["stance", "--mass", "x" * 5000],
    ],
)
def test_option_errors_are_one_line_and_exit_2(capsys, argv):
    with pytest.raises(SystemExit) as info:
        main(argv)
    err = capsys.readouterr().err
    assert info.value.code == 2 and one_line(err), err
    assert "--" + argv[-1].split("=")[0].lstrip("-") in err or argv[-1][:5] in err
    assert len(err) < 300


@pytest.mark.parametrize(
    ("argv", "words"),
    [
        (
            [*FBD, "--abductor-angle", "1e-300", "--arm-convention", "horizontal"],
            ["abductor_angle", "1e-300", "1 to 90 deg"],
        ),
        (["train", "--start-strength", "1e-300"], ["start_strength", "1e-300", "1 to 100 %"]),
        (["stance", "--case", "a" * 300], ["unknown case", "..."]),
        (["stance", "--case", "/" + "a" * 300 + ".json"], ["case file", "too long"]),
        (["exercises", "--html", ""], ["--html", "empty name"]),
        (["walk", "--csv", ""], ["--csv", "empty name"]),
    ],
)
def test_examples_of_the_hardening_issue_exit_2_with_one_line(capsys, argv, words):
    code, out, err = run(capsys, *argv)
    assert code == 2 and out == "" and one_line(err), err
    for word in words:
        assert word in err


def test_a_case_that_is_a_pipe_is_refused_at_once(capsys, tmp_path):
    fifo = tmp_path / "case.json"
    os.mkfifo(fifo)
    code, out, err = run(capsys, "stance", "--case", str(fifo))
    assert code == 2 and out == "" and one_line(err) and "pipe" in err


@pytest.mark.parametrize(
    ("argv", "option"),
    [
        (["exercises", "--html"], "--html"),
        (["train", "--weeks", "2", "--html"], "--html"),
        (["walk", "--csv"], "--csv"),
    ],
)
def test_files_are_new_unless_forced_and_never_written_through_links(
    capsys, tmp_path, argv, option
):
    target = tmp_path / "out.file"
    target.write_text("keep")
    code, out, err = run(capsys, *argv, str(target))
    assert code == 2 and one_line(err) and option in err and "--force" in err
    assert target.read_text() == "keep"
    code, out, err = run(capsys, *argv, str(target), "--force")
    assert code == 0 and err == "" and target.read_text() != "keep"
    outside = tmp_path / "outside.file"
    for link_target in (outside, target):  # dangling, then to an existing file
        link = tmp_path / "link.file"
        link.symlink_to(link_target)
        before = target.read_text()
        code, out, err = run(capsys, *argv, str(link), "--force")
        assert code == 2 and out == "" and one_line(err) and "symbolic link" in err
        assert not outside.exists() and target.read_text() == before
        link.unlink()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.file"], "no temporary left"


def test_ascii_terminal_gets_plain_symbols(capsys, monkeypatch):
    stream = io.TextIOWrapper(io.BytesIO(), encoding="ascii")
    monkeypatch.setattr(sys, "stdout", stream)
    assert main(["stance"]) == 0
    stream.seek(0)
    text = stream.read()
    assert "x BW" in text and " deg" in text and "×" not in text
    stream = io.TextIOWrapper(io.BytesIO(), encoding="ascii")
    monkeypatch.setattr(sys, "stdout", stream)
    assert main(["exercises", "--json"]) == 0
    stream.seek(0)
    assert json.loads(stream.read())["exercises"]


def test_a_non_finite_result_is_refused_not_printed():
    from gluteed.cli.output import render

    with pytest.raises(ValueError, match="no finite value of joint_force_n"):
        render({"a": [1.0, 2.0], "joint_force_n": float("inf")}, "text", False)
    # A quantity with no value is left out of the JSON, never printed as null.
    assert render({"a": None, "b": [1, 2.5], "c": {"d": None}}, "text", True) == json.dumps(
        {"b": [1, 2.5], "c": {}}, indent=2
    )


def test_exit_codes_are_documented_in_help_and_readme(capsys):
    from gluteed.cli import EXIT_CODES

    with pytest.raises(SystemExit):
        main(["--help"])
    help_text = capsys.readouterr().out
    readme = (Path(__file__).parents[1] / "README.md").read_text(encoding="utf-8")
    for code in EXIT_CODES:
        assert f"  {code} " in help_text and f"| {code} |" in readme
    with pytest.raises(SystemExit):
        main(["exercises", "--help"])
    assert "--force" in capsys.readouterr().out


def gluteed_process(*argv, **kwargs):
    """``gluteed ARGV`` in a fresh interpreter, as a shell would run it."""
    code = "import sys; from gluteed.cli import main; sys.exit(main())"
    streams = {"stdout": subprocess.PIPE, "stderr": subprocess.PIPE} | kwargs
    return subprocess.run([sys.executable, "-c", code, *argv], timeout=60, **streams)


@pytest.mark.parametrize("command", ["stance", "bend", "walk", "train", "exercises"])
def test_ascii_terminal_in_a_real_process(command):
    env = {**os.environ, "PYTHONIOENCODING": "ascii"}
    done = gluteed_process(command, env=env)
    assert done.returncode == 0 and done.stderr == b""
    done.stdout.decode("ascii")


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
def test_a_full_disk_is_one_line_and_exit_74():
    with open("/dev/full", "wb") as full:
        done = gluteed_process("stance", stdout=full, stderr=subprocess.PIPE)
    err = done.stderr.decode()
    assert done.returncode == 74 and one_line(err) and "No space left" in err


def test_a_closed_pipe_ends_quietly_with_141():
    """As ``gluteed walk --frames 4001 --json | head -c 10``."""
    reader = subprocess.Popen(
        [sys.executable, "-c", "import os; os.read(0, 10)"], stdin=subprocess.PIPE
    )
    try:
        writer = gluteed_process("walk", "--frames", "4001", "--json", stdout=reader.stdin)
    finally:
        reader.stdin.close()
        reader.wait(timeout=60)
    assert writer.returncode == 141 and writer.stderr == b""
