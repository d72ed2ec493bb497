"""Seeded fuzzing of every way in: command-line options, Python types, case files, file targets.

What stays true, whatever comes in:

* the command line ends with status 0, or with 2 and exactly one line on stderr,
  never a traceback;
* an accepted input prints no ``inf`` or ``nan``, and its JSON no ``null`` (a
  quantity with no value, such as a figure no source gives, is left out);
* the Python API answers a value of the wrong type with one ``ValueError`` line
  naming the parameter;
* a case file is a ``Case`` or one ``ValueError`` line;
* no file appears outside the folder an option names, none through a link, and
  no temporary file is left behind.

The default run is small (a few seconds); ``pytest -m slow`` runs a larger one.
Everything is seeded, so a failure repeats.
"""

from __future__ import annotations

import dataclasses
import json
import math
import os
import random
import re
from pathlib import Path

import numpy as np
import pytest
from cli_support import run

from gluteed import BendInput, Programme, StanceInput, solve_bend, solve_stance
from gluteed.anthropometry import Subject
from gluteed.cases import Case, parse_case, save_case
from gluteed.cli import COMMANDS, number
from gluteed.cli.output import Parser
from gluteed.freebody import solve_free_body
from gluteed.gait import WalkInput, solve_walk
from gluteed.training import simulate_training

SEED = 20261127
FBD = ["--weight", "500", "--weight-arm", "0.1", "--abductor-arm", "0.05"]
#: Options every run of a command needs.
REQUIRED = {"fbd": FBD}
NON_FINITE_TEXT = re.compile(r"\b(inf|nan|infinity)\b", re.IGNORECASE)

#: Option values that are not numbers, or numbers no model takes.
HOSTILE = [
    "",
    "--",
    "nan",
    "NaN",
    "inf",
    "-inf",
    "+Infinity",
    "1e-300",
    "-1e-300",
    "5e-324",
    "1e300",
    "-1e300",
    "10**400",
    "9" * 400,
    "-" + "9" * 5000,
    "0x10",
    "1_000",
    "−5",  # a Unicode minus sign
    "٣٠",  # Arabic-Indic digits: Python reads them as 30
    "½",
    "70 kg",
    "🦴",
    " ",
    "\u2003",
    "-0",
    "1e",
    "None",
]


def numeric_options(command: str) -> list[str]:
    parser = Parser(prog=f"gluteed {command}")
    COMMANDS[command][1](parser)
    return [a.option_strings[0] for a in parser._actions if a.type is number]


MATRIX = [(c, o) for c in COMMANDS for o in numeric_options(c)]


def check_cli(capsys, *argv: str) -> int:
    """Run ``gluteed ARGV`` and check the promise; returns the exit status."""
    code, out, err = run(capsys, *argv)
    assert code in (0, 2), (argv, code, err)
    assert "Traceback" not in err and "Traceback" not in out, argv
    if code == 2:
        assert out == "" and len(err.splitlines()) == 1 and err.endswith("\n"), (argv, err)
        return code
    assert err == "", (argv, err)
    if "--json" in argv:
        check_json(json.loads(out), argv)
    else:
        assert not NON_FINITE_TEXT.search(out), (argv, NON_FINITE_TEXT.search(out))
    return code


def check_json(value: object, argv, key: str = "") -> None:
    assert value is not None, (argv, key)  # a quantity with no value is left out
    if isinstance(value, float):
        assert math.isfinite(value), (argv, key)
    elif isinstance(value, dict):
        for k, v in value.items():
            check_json(v, argv, k)
    elif isinstance(value, list):
        for v in value:
            check_json(v, argv, key)


# ----------------------------------------------------------- command line
def hostile_values(command: str, option: str, size: int) -> list[str]:
    """``size`` hostile values for one option, seeded by the option's name."""
    rng = random.Random(f"{SEED}{command}{option}")
    return HOSTILE if size >= len(HOSTILE) else rng.sample(HOSTILE, size)


def run_matrix(capsys, size: int) -> int:
    accepted = 0
    for command, option in MATRIX:
        for value in hostile_values(command, option, size):
            argv = [command, *REQUIRED.get(command, []), f"{option}={value}"]
            if check_cli(capsys, *argv) == 0:
                accepted += 1
                check_cli(capsys, *argv, "--json")
    return accepted


def test_cli_hostile_option_values(capsys):
    """Every command × every numeric option × a seeded sample of hostile values."""
    accepted = run_matrix(capsys, size=4)
    assert 0 < accepted < len(MATRIX) * 4, "some tiny values are accepted, most are not"


@pytest.mark.slow
def test_cli_hostile_option_values_all(capsys):
    run_matrix(capsys, size=len(HOSTILE))


#: Allowed ranges of each command's numeric options, to sample accepted input.
RANGES = {
    "--mass": (30, 200),
    "--height": (1.2, 2.2),
    "--glute-strength": (0, 100),
    "--glute-strength-right": (0, 100),
    "--glute-strength-left": (0, 100),
    "--bag": (0, 9),  # up to 30 % of body mass, and the lightest person is 30 kg
    "--cane": (0, 30),
    "--speed": (0.7, 1.6),
    "--trunk-inclination": (0, 120),
    "--ake": (0, 90),
    "--inhibition-strength": (0, 1),
    "--weight": (1e-300, 1e5),
    "--weight-arm": (0, 1),
    "--abductor-arm": (0.001, 1),
    "--abductor-angle": (1, 90),
    "--body-weight": (1, 1e5),
    "--start-strength": (1, 100),
}
WHOLE = {"--weeks": (1, 52), "--sessions-per-week": (1, 7)}
WORDS = {
    "stance": [["--strategy", "lean"], ["--side", "left"], ["--sex", "female"]],
    "walk": [["--strategy", "upright"], ["--no-pelvic-dynamics"], ["--bag-side", "right"]],
    "fbd": [["--arm-convention", "horizontal"], ["--load=-80@0.45"], ["--load", "300@0.2"]],
    "bend": [["--glute-inhibition", "on"], ["--sex", "female"]],
    "train": [["--exercises", "squat"], ["--side", "left"]],
    "exercises": [],
}


def accepted_argv(rng: random.Random, command: str) -> list[str]:
    required = REQUIRED.get(command, [])
    options = dict(zip(required[::2], required[1::2], strict=True))
    for option in numeric_options(command):
        if rng.random() < 0.5 or option in ("--slr", "--frames"):  # --slr excludes --ake
            continue
        if option in WHOLE:
            options[option] = str(rng.randint(*WHOLE[option]))
        else:
            lo, hi = RANGES[option]
            # the ends of the range, a hair inside them, and values in between
            options[option] = repr(rng.choice([lo, hi, lo + 1e-9 * (hi - lo), rng.uniform(lo, hi)]))
    argv = [command, *(f"{option}={value}" for option, value in options.items())]
    for words in WORDS[command]:
        if rng.random() < 0.4:
            argv += words
    return argv


def run_accepted(capsys, size: int) -> None:
    rng = random.Random(SEED)
    refused = []
    for i in range(size):
        argv = accepted_argv(rng, list(COMMANDS)[i % len(COMMANDS)])
        if rng.random() < 0.5:
            argv.append("--json")
        if check_cli(capsys, *argv) == 2:
            refused.append(argv)
    # Only loads that lift the swing side may be refused inside the ranges.
    assert all(a[0] == "fbd" and any("--load" in x for x in a) for a in refused), refused
    assert len(refused) < size / 4


def test_cli_accepted_input_prints_finite_numbers(capsys):
    run_accepted(capsys, size=12)


@pytest.mark.slow
def test_cli_accepted_input_prints_finite_numbers_many(capsys):
    run_accepted(capsys, size=300)


# ---------------------------------------------------------------- Python API
def hostile_objects() -> list[tuple[str, object]]:
    return [
        ("bool", True),
        ("numpy bool", np.bool_(False)),
        ("text", "50"),
        ("bytes", b"50"),
        ("tuple of text", ("1", "2")),
        ("list with a bool", [50.0, True]),
        ("list with None", [50.0, None]),
        ("ragged", [[1.0, 2.0], [3.0]]),
        ("masked", np.ma.masked_array([50.0, 60.0], mask=[False, True])),
        ("empty list", []),
        ("empty array", np.array([])),
        ("None", None),
        ("huge int", 10**400),
        ("huge int in a list", [1, 10**400]),
        ("nan", float("nan")),
        ("complex", 1 + 1j),
        ("dict", {"value": 50}),
        ("object", object()),
    ]


def numeric_fields(cls) -> list[str]:
    return [
        f.name
        for f in dataclasses.fields(cls)
        if isinstance(f.default, float | int) and not isinstance(f.default, bool)
    ]


SOLVERS = {
    StanceInput: lambda **kw: solve_stance(StanceInput(subject=Subject(), **kw)),
    BendInput: lambda **kw: solve_bend(BendInput(subject=Subject(), **kw)),
    WalkInput: lambda **kw: solve_walk(WalkInput(subject=Subject(), **kw)),
    Subject: lambda **kw: solve_stance(StanceInput(subject=Subject(**kw))),
    Programme: lambda **kw: simulate_training(Programme(**kw)),
    Case: lambda **kw: Case(name="a", title="t", description="", **kw),
    "solve_free_body": lambda **kw: solve_free_body(
        **({"weight": 500, "weight_arm": 0.1, "abductor_arm": 0.05} | kw)
    ),
}
API_FIELDS = [(cls, f) for cls in SOLVERS if cls != "solve_free_body" for f in numeric_fields(cls)]
API_FIELDS += [("solve_free_body", f) for f in [*FBD[::2], "--abductor-angle", "--body-weight"]]


def field_name(name: str) -> str:
    return name.lstrip("-").replace("-", "_")


@pytest.mark.parametrize(
    ("cls", "field"), API_FIELDS, ids=[f"{getattr(c, '__name__', c)}.{f}" for c, f in API_FIELDS]
)
def test_api_wrong_types_are_one_value_error_line(cls, field):
    name = field_name(field)
    stem = name.split("_")[0]
    for label, value in hostile_objects():
        if value is None and name == "body_weight":
            continue  # no body weight: forces in N only
        with pytest.raises(ValueError) as info:
            SOLVERS[cls](**{name: value})
        message = str(info.value)
        assert "\n" not in message and len(message) < 1000, (label, message)
        assert stem in message, (cls, name, label, message)


@pytest.mark.parametrize("cls", [StanceInput, BendInput])
def test_api_mismatched_batch_shapes_name_both_inputs(cls):
    rng = random.Random(SEED)
    names = [n for n in numeric_fields(cls) if n != "activation_exponent"]
    for _ in range(4):
        first, second = rng.sample(names, 2)
        defaults = {f.name: f.default for f in dataclasses.fields(cls)}
        changes = {first: np.full(2, defaults[first]), second: np.full(3, defaults[second])}
        with pytest.raises(ValueError) as info:
            SOLVERS[cls](**changes)
        assert first in str(info.value) and second in str(info.value)


# ---------------------------------------------------------------- case files
VALID = {
    "name": "fuzz-case",
    "title": "A title",
    "description": "Text.",
    "mass_kg": 70.0,
    "height_m": 1.75,
    "sex": "male",
    "stance_side": "right",
    "glute_med_strength_right_pct": 60.0,
    "bag_kg": 5.0,
    "bag_side": "opposite",
    "cane_pct_bw": 10.0,
    "strategy": "balanced",
    "ake_deg": 20.0,
    "glute_inhibition": False,
    "walking_speed_ms": 1.1,
}
JSON_VALUES = [
    None,
    True,
    0,
    -1,
    1e400,
    10**400,
    "",
    "x" * 3000,
    "\udcff",
    "\x00",
    [],
    {},
    [1, 2],
    {"a": {"b": []}},
    1.5,
    "male",
    "NaN",
]


def mutate(rng: random.Random, data: dict) -> bytes:
    """One random change to a valid case, as the bytes of a file."""
    data = dict(data)
    kind = rng.randrange(8)
    key = rng.choice(sorted(data))
    if kind == 0:
        del data[key]
    elif kind == 1:
        data[rng.choice(["extra", key.upper(), "mass", ""])] = rng.choice(JSON_VALUES)
    elif kind <= 3:
        data[key] = rng.choice(JSON_VALUES)
    text = json.dumps(data, ensure_ascii=rng.random() < 0.5)
    raw = text.encode("utf-8", "surrogatepass")
    if kind == 4:  # cut the file short
        raw = raw[: rng.randrange(len(raw))]
    elif kind == 5:  # a few random bytes
        raw = bytearray(raw)
        for _ in range(rng.randint(1, 4)):
            raw[rng.randrange(len(raw))] = rng.randrange(256)
        raw = bytes(raw)
    elif kind == 6:
        raw = raw.replace(
            b'"mass_kg": 70.0',
            rng.choice(
                [b'"mass_kg": NaN', b'"mass_kg": -Infinity', b'"mass_kg": 70, "mass_kg": 71']
            ),
        )
    elif kind == 7:
        raw = rng.choice([b"[" * 60_000, b"", b"\xef\xbb\xbf" + raw, raw * 2, b" " * 70_000])
    return raw


def run_case_files(tmp_path, size: int) -> None:
    rng = random.Random(SEED)
    valid = 0
    for i in range(size):
        raw = mutate(rng, VALID)
        try:
            case = parse_case(raw, source=f"case {i}")
        except ValueError as err:
            assert "\n" not in str(err) and str(err).startswith(f"case {i}"), (raw[:80], err)
        else:
            valid += 1
            path = save_case(case, tmp_path / f"case-{i}.json")
            assert parse_case(path.read_bytes()) == case
    assert 0 < valid < size


def test_case_file_mutations(tmp_path):
    run_case_files(tmp_path, size=300)


@pytest.mark.slow
def test_case_file_mutations_many(tmp_path):
    run_case_files(tmp_path, size=5000)


# ---------------------------------------------------------------- file targets
def make_targets(target, outside) -> dict[str, object]:
    """Hostile places to write, all inside ``target`` (links point outside it)."""
    (target / "existing.html").write_text("keep")
    (target / "folder").mkdir()
    (target / "dangling.html").symlink_to(outside / "created-through-link")
    (target / "link-to-file.html").symlink_to(outside / "victim")
    os.mkfifo(target / "pipe.html")
    return {
        "new": target / "new.html",
        "existing": target / "existing.html",
        "folder": target / "folder",
        "dangling link": target / "dangling.html",
        "link to a file": target / "link-to-file.html",
        "no parent": target / "missing" / "x.html",
        "pipe": target / "pipe.html",
        "long name": target / ("n" * 300 + ".html"),
        "relative": "relative.html",
        "empty": "",
        "dash": "--",
    }


def snapshot(root) -> dict[str, bytes | None]:
    found = {}
    for folder, dirs, files in os.walk(root):
        for name in dirs + files:
            path = os.path.join(folder, name)
            found[os.path.relpath(path, root)] = (
                Path(path).read_bytes()
                if os.path.isfile(path) and not os.path.islink(path)
                else None
            )
    return found


def test_file_targets_never_escape_the_named_folder(capsys, tmp_path, monkeypatch):
    target, outside = tmp_path / "target", tmp_path / "outside"
    target.mkdir()
    outside.mkdir()
    (outside / "victim").write_text("victim")
    targets = make_targets(target, outside)
    monkeypatch.chdir(target)

    def beside_target() -> dict:
        return {k: v for k, v in snapshot(tmp_path).items() if not k.startswith("target")}

    before_outside = beside_target()
    writers = [
        ("exercises", "--html"),
        ("train", "--weeks=1", "--html"),
        ("walk", "--csv"),
    ]
    written = set()
    for label, path in targets.items():
        for *argv, option in writers:
            for force in ([], ["--force"]):
                code = check_cli(capsys, *argv, f"{option}={path}", *force)
                if code == 0:
                    written.add((label, bool(force)))
        for overwrite in (False, True):
            try:
                save_case(Case(**{**VALID, "name": "t"}), path, overwrite=overwrite)
            except ValueError as err:
                assert "\n" not in str(err)
            else:
                written.add((label, overwrite))
    # Written: a new name (first time), an existing file only when forced, a relative name.
    assert {w for w in written if w[0] not in ("relative", "dash")} == {
        ("new", False),
        ("new", True),
        ("existing", True),
    }
    assert beside_target() == before_outside, "nothing written outside the folder"
    assert not (outside / "created-through-link").exists()
    leftovers = [p for p in snapshot(target) if p.endswith(".tmp")]
    assert leftovers == [], "no temporary file is left behind"


def test_case_option_hostile_values(capsys, tmp_path):
    """``--case`` with names and files that are not case files: one line, at once."""
    rng = random.Random(SEED)
    (tmp_path / "folder").mkdir()
    (tmp_path / "dangling.json").symlink_to(tmp_path / "nowhere.json")
    os.mkfifo(tmp_path / "pipe.json")
    (tmp_path / "noise.json").write_bytes(bytes(rng.randrange(256) for _ in range(200)))
    (tmp_path / "huge.json").write_bytes(b" " * 70_000)
    (tmp_path / "good.json").write_bytes(json.dumps(VALID).encode())
    values = ["", "--", "a" * 300, "/" + "a" * 300, "\udcff", "NUL\0name", "weak-right-glute"]
    values += [str(tmp_path / n) for n in ("folder", "dangling.json", "pipe.json", "noise.json")]
    values += [str(tmp_path / n) for n in ("huge.json", "good.json", "missing.json")]
    accepted = [v for v in values if check_cli(capsys, "stance", f"--case={v}") == 0]
    assert accepted == ["weak-right-glute", str(tmp_path / "good.json")]
