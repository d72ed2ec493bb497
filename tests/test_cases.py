"""Patient cases: the shipped stories hold, files round-trip, hostile files are refused."""

import json
import os

import pytest
from cli_support import run

from gluteed import Programme, simulate_training, solve_stance
from gluteed.cases import MAX_CASE_BYTES, Case, list_cases, load_case, parse_case, save_case

SHIPPED = {
    "healthy-adult",
    "weak-right-glute",
    "duchenne-compensator",
    "office-tight-hamstrings",
    "after-8-weeks-training",
}


def minimal(**extra) -> dict:
    return {"name": "my-case", "title": "A title", "description": "Text.", **extra}


def raw(data) -> bytes:
    return json.dumps(data).encode()


# ------------------------------------------------------------ shipped cases
def test_the_shipped_cases_are_listed_and_load_by_name():
    assert SHIPPED <= set(list_cases())
    for name in list_cases():
        case = load_case(name)
        assert case.name == name, "a shipped file is named after its case"
        assert case.title and case.description


def test_healthy_adult_stands_level_within_capacity():
    r = solve_stance(load_case("healthy-adult").stance_input())
    assert not bool(r.over_capacity)
    assert abs(float(r.trunk_lean_deg)) < 2 and abs(float(r.pelvic_drop_deg)) < 2


def test_weak_right_glute_is_a_trendelenburg_sign():
    case = load_case("weak-right-glute")
    assert case.stance_side == "right" and case.strategy == "upright"
    assert case.glute_med_strength_right_pct < 50
    r = solve_stance(case.stance_input())
    assert bool(r.feasible) and bool(r.trendelenburg)
    assert 4.0 <= float(r.pelvic_drop_deg) <= 20.0
    assert "Trendelenburg" in r.summary()


def test_duchenne_compensator_leans_and_loads_the_other_side_of_the_back():
    weak = solve_stance(load_case("weak-right-glute").stance_input())
    duchenne = solve_stance(load_case("duchenne-compensator").stance_input())
    assert load_case("duchenne-compensator").strategy == "lean"
    assert float(duchenne.trunk_lean_deg) > 5 > float(weak.trunk_lean_deg)
    assert float(duchenne.lumbar_left_force_n) > 10 * float(weak.lumbar_left_force_n)
    assert not bool(duchenne.over_capacity)


def test_after_8_weeks_is_what_the_training_simulation_gives():
    """The shipped case is the simulation's answer for its patient: 8 weeks of
    the three exercises, 3 sessions a week, from the weak case's strength."""
    before, after = load_case("weak-right-glute"), load_case("after-8-weeks-training")
    trained = simulate_training(
        Programme(weeks=8, start_strength_pct=before.glute_med_strength_right_pct),
        stance=before.stance_input(),
    )
    assert after.glute_med_strength_right_pct == pytest.approx(
        float(trained.strength_pct[-1]), abs=0.5
    )
    same = ("mass_kg", "height_m", "sex", "stance_side", "strategy", "bag_kg", "cane_pct_bw")
    for field in same:
        assert getattr(after, field) == getattr(before, field), field
    r_before = solve_stance(before.stance_input())
    r_after = solve_stance(after.stance_input())
    # Stronger: the gluteus medius works below its capacity and the pelvis is held.
    assert float(r_after.glute_med_activation_pct) < float(r_before.glute_med_activation_pct)
    assert bool(r_before.trendelenburg) and not bool(r_after.trendelenburg)


def test_office_worker_has_tight_hamstrings():
    """Yildirim MS et al. (2018) Balkan Med J 35:388: hamstrings count as tight
    above an active-knee-extension deficit of 33.0 deg in men, 23.4 deg in women."""
    case = load_case("office-tight-hamstrings")
    cut_off = {"male": 33.0, "female": 23.4}[case.sex]
    assert case.ake_deg > cut_off


def test_case_ranges_are_the_registry_ranges():
    """Case files have no ranges of their own: each comes from gluteed.parameters."""
    from gluteed.cases import _NUMBERS
    from gluteed.parameters import case_parameter

    for key in _NUMBERS:
        declared = case_parameter(key)
        for bound in declared.range:
            assert getattr(Case(**minimal(**{key: bound})), key) == bound
        with pytest.raises(ValueError, match=f"{key} = .*allowed from {declared.range_text()}"):
            Case(**minimal(**{key: declared.hi + 1}))
    assert Case(**minimal()).walking_speed_ms == case_parameter("walking_speed_ms").default


def test_stance_input_carries_every_stance_field():
    case = Case(
        **minimal(
            mass_kg=81,
            height_m=1.9,
            sex="female",
            stance_side="left",
            glute_med_strength_right_pct=30,
            glute_med_strength_left_pct=60,
            bag_kg=5,
            bag_side="same",
            cane_pct_bw=10,
            strategy="lean",
        )
    )
    inp = case.stance_input()
    assert (inp.subject.mass_kg, inp.subject.height_m, inp.subject.sex) == (81.0, 1.9, "female")
    assert (inp.stance_side, inp.bag_side, inp.strategy) == ("left", "same", "lean")
    assert (inp.glute_med_strength_right, inp.glute_med_strength_left) == (30.0, 60.0)
    assert (inp.bag_kg, inp.cane_pct_bw) == (5.0, 10.0)
    assert case.stance_input(cane_pct_bw=0).cane_pct_bw == 0.0
    with pytest.raises(ValueError, match="unknown stance parameter"):
        case.stance_input(glute_strength=3)


# ------------------------------------------------------------- round trip
def test_save_and_load_round_trip(tmp_path):
    case = Case(**minimal(mass_kg=55.5, sex="female", glute_inhibition=True, ake_deg=41.0))
    path = save_case(case, tmp_path / "lecture-3")
    assert path.name == "lecture-3.json"
    assert load_case(path) == case
    assert load_case(str(path)) == case
    with pytest.raises(ValueError, match="exists already"):
        save_case(case, path)
    save_case(case, path, overwrite=True)
    data = json.loads(path.read_text(encoding="utf-8"))
    assert set(data) == set(Case.__dataclass_fields__)
    assert path.stat().st_size < MAX_CASE_BYTES


def test_every_shipped_case_round_trips(tmp_path):
    for name in list_cases():
        case = load_case(name)
        assert load_case(save_case(case, tmp_path / name)) == case


def test_optional_fields_take_their_defaults():
    case = parse_case(raw(minimal()))
    assert case.mass_kg == 70.0 and case.stance_side == "right" and case.glute_inhibition is False


# --------------------------------------------------------- hostile files
@pytest.mark.parametrize(
    ("content", "words"),
    [
        (raw({"title": "t", "description": "d"}), ["missing", "name"]),
        (raw(minimal(mass_kg="70")), ["mass_kg", "number"]),
        (raw(minimal(mass_kg=True)), ["mass_kg", "number"]),
        (raw(minimal(mass_kg=[70, 80])), ["mass_kg", "number"]),
        (raw(minimal(mass_kg={"value": 70})), ["mass_kg", "number"]),
        (raw(minimal(mass_kg=500)), ["mass_kg", "500", "kg", "200"]),
        (raw(minimal(glute_med_strength_right_pct=-1)), ["glute_med_strength_right_pct", "%"]),
        (raw(minimal(cane_pct_bw=99)), ["cane_pct_bw", "99"]),
        (raw(minimal(ake_deg=120)), ["ake_deg", "deg"]),
        (raw(minimal(walking_speed_ms=9)), ["walking_speed_ms", "m/s"]),
        (raw(minimal(sex="robot")), ["sex", "robot"]),
        (raw(minimal(strategy=3)), ["strategy"]),
        (raw(minimal(glute_inhibition="yes")), ["glute_inhibition"]),
        (raw(minimal(glute_inhibition=1)), ["glute_inhibition"]),
        (raw(minimal(evil="__import__('os')")), ["unknown field", "evil"]),
        (raw(minimal(__class__="x")), ["unknown field", "__class__"]),
        (raw(minimal(name="../../etc/passwd")), ["name", "lower-case"]),
        (raw(minimal(name="")), ["name"]),
        (raw(minimal(title=["x"])), ["title", "text"]),
        (raw(minimal(title="a\x00b")), ["title", "control"]),
        (raw(minimal(description="x" * 5000)), ["description", "5000", "2000"]),
        (raw(minimal(mass_kg=10**400)), ["mass_kg", "out of range"]),
        (raw([minimal()]), ["JSON object", "list"]),
        (raw("just text"), ["JSON object", "str"]),
        (b'{"name": "a", "name": "b", "title": "t", "description": "d"}', ["duplicate", "name"]),
        (b'{"name": "a", "title": "t", "description": "d", "mass_kg": NaN}', ["NaN"]),
        (b'{"name": "a", "title": "t", "description": "d", "mass_kg": Infinity}', ["Infinity"]),
        (b'{"name": "a", "title": ', ["not valid JSON", "line 1"]),
        (b"", ["not valid JSON"]),
        (b"\xff\xfe{}", ["UTF-8"]),
        (b"[" * 60000 + b"]" * 60000, ["larger than 64 KiB"]),
        (b"[" * 30000 + b"]" * 30000, ["nested too deeply"]),
        (b" " * (MAX_CASE_BYTES + 1), ["larger than 64 KiB"]),
        (raw(minimal(description=" " * MAX_CASE_BYTES)), ["larger than 64 KiB"]),
        (b"\x80\x04\x95pickle", ["UTF-8"]),
    ],
)
def test_hostile_or_malformed_files_are_refused_naming_the_field(tmp_path, content, words):
    path = tmp_path / "case.json"
    path.write_bytes(content)
    with pytest.raises(ValueError) as info:
        load_case(path)
    message = str(info.value)
    assert "case.json" in message
    for word in words:
        assert word in message
    assert len(message) < 400, "a hostile file must not flood the message"


def test_reading_stops_at_the_size_limit(tmp_path):
    """A file far larger than the limit is refused without being read whole."""
    path = tmp_path / "huge.json"
    with path.open("wb") as handle:
        handle.truncate(512 * 1024 * 1024)  # sparse: takes no disk space
    with pytest.raises(ValueError, match="larger than 64 KiB"):
        load_case(path)


def test_missing_files_folders_and_unknown_names(tmp_path):
    with pytest.raises(ValueError, match="no such case file"):
        load_case(tmp_path / "nothing.json")
    with pytest.raises(ValueError, match="folder"):
        load_case(tmp_path)
    with pytest.raises(ValueError, match="unknown case 'no-such-case'") as info:
        load_case("no-such-case")
    assert "weak-right-glute" in str(info.value), "the message lists the known cases"
    with pytest.raises(ValueError, match="case name or a file path"):
        load_case(42)


def test_builtin_only_accepts_shipped_names_only(tmp_path):
    path = save_case(Case(**minimal()), tmp_path / "mine.json")
    assert load_case("healthy-adult", builtin_only=True).name == "healthy-adult"
    for bad in (str(path), path, "../../etc/passwd", "mine"):
        with pytest.raises(ValueError, match=r"shipped|unknown case"):
            load_case(bad, builtin_only=True)


def test_save_refuses_what_is_not_a_case(tmp_path):
    with pytest.raises(ValueError, match="Case"):
        save_case({"name": "x"}, tmp_path / "x.json")


# --------------------------------------------------------------- the CLI
def test_cli_case_option_and_explicit_options_override_it(capsys):
    code, out, _ = run(capsys, "stance", "--case", "weak-right-glute", "--json")
    assert code == 0
    data = json.loads(out)
    case = load_case("weak-right-glute")
    assert data["case"] == "weak-right-glute"
    assert data["mass_kg"] == case.mass_kg and data["sex"] == case.sex
    assert data["glute_med_strength_pct"] == case.glute_med_strength_right_pct
    assert data["feasible"] is True and data["reason"] == ""
    assert data["pelvic_drop_deg"] > 4.0
    # Options typed on the command line win, even when they equal a default.
    _, out, _ = run(
        capsys, "stance", "--case", "weak-right-glute", "--glute-strength", "100", "--json"
    )
    data = json.loads(out)
    assert data["glute_med_strength_pct"] == 100.0 and data["mass_kg"] == case.mass_kg
    _, out, _ = run(capsys, "stance", "--case", "weak-right-glute", "--mass", "70", "--json")
    assert json.loads(out)["mass_kg"] == 70.0
    # Standing on the other leg uses that leg's strength from the case.
    _, out, _ = run(capsys, "stance", "--case", "weak-right-glute", "--side", "left", "--json")
    data = json.loads(out)
    assert data["stance_side"] == "left"
    assert data["glute_med_strength_pct"] == case.glute_med_strength_left_pct
    code, text, _ = run(capsys, "stance", "--case", "duchenne-compensator")
    assert code == 0 and "duchenne-compensator" in text


def test_cli_without_case_is_unchanged(capsys):
    _, out, _ = run(capsys, "stance", "--json")
    data = json.loads(out)
    assert data["mass_kg"] == 70.0 and "case" not in data


def test_cli_case_file_and_bad_cases(capsys, tmp_path):
    path = save_case(Case(**minimal(mass_kg=90.0)), tmp_path / "mine.json")
    code, out, _ = run(capsys, "stance", "--case", str(path), "--json")
    assert code == 0 and json.loads(out)["mass_kg"] == 90.0
    for argv, word in (
        (["--case", "nope"], "unknown case"),
        (["--case", "weak-right-glute", "--mass", "500"], "mass"),
        (["--case", "weak-right-glute", "--side", "up"], "side"),
    ):
        code, out, err = run(capsys, "stance", *argv)
        assert code == 2 and out == "" and word in err
        assert len(err.strip().splitlines()) == 1 and "Traceback" not in err


def test_bend_and_walk_inputs_of_a_case():
    from gluteed.hamstrings import glute_availability

    case = load_case("office-tight-hamstrings")
    bend = case.bend_input(75.0)
    assert (bend.trunk_inclination_deg, bend.ake_deg) == (75.0, case.ake_deg)
    assert bend.glute_inhibition is False and bend.subject == case.subject
    walk = Case(
        **minimal(stance_side="right", bag_kg=5, bag_side="opposite", cane_pct_bw=10)
    ).walk_input()
    assert (walk.bag_side, walk.cane_hand) == ("left", "left"), "as in stance: other hand"
    assert walk.speed_ms == Case(**minimal()).walking_speed_ms
    assert (
        Case(**minimal(stance_side="left", bag_kg=5, bag_side="same")).walk_input().bag_side
        == "left"
    )
    # The glute-inhibition hypothesis reaches stance and walking only when switched on.
    assert case.stance_input().glute_med_availability == 1.0
    on = Case(**{**case.to_dict(), "glute_inhibition": True})
    expected = float(glute_availability(case.ake_deg, sex=case.sex, hypothesis=True))
    assert expected < 1.0
    assert on.stance_input().glute_med_availability == pytest.approx(expected)
    assert on.walk_input().glute_med_availability == pytest.approx(expected)
    assert on.bend_input().glute_inhibition is True
    with pytest.raises(ValueError, match="unknown walk parameter"):
        case.walk_input(sped=1.0)


# ------------------------------------------------- where a case is written
@pytest.mark.parametrize(
    ("make", "words"),
    [
        (lambda d: (d / "gone.json").symlink_to(d / "elsewhere.json"), ["symbolic link"]),
        (lambda d: (d / "gone.json").symlink_to(d / "real.json"), ["symbolic link"]),
        (lambda d: (d / "gone.json").mkdir(), ["folder"]),
        (lambda d: (d / "gone.json").write_text("{}"), ["exists already", "overwrite=True"]),
    ],
    ids=["dangling link", "link", "folder", "existing file"],
)
def test_save_case_refuses_links_folders_and_existing_files(tmp_path, make, words):
    (tmp_path / "real.json").write_text("keep")
    make(tmp_path)
    before = sorted(p.name for p in tmp_path.iterdir())
    overwrite = "link" in words[0]  # even when asked, a link is not written through
    with pytest.raises(ValueError) as info:
        save_case(Case(**minimal()), tmp_path / "gone.json", overwrite=overwrite)
    assert "gone.json" in str(info.value)
    for word in words:
        assert word in str(info.value)
    assert sorted(p.name for p in tmp_path.iterdir()) == before, "nothing created"
    assert (tmp_path / "real.json").read_text() == "keep"


@pytest.mark.parametrize(
    ("target", "words"),
    [
        (lambda d: d / "missing" / "a.json", ["missing", "does not exist"]),
        (lambda d: d, ["folder"]),
        (lambda d: "", ["empty name"]),
        (lambda d: 5, ["file path", "5"]),
        (lambda d: d / ("x" * 300 + ".json"), ["cannot write", "too long"]),
    ],
    ids=["no parent", "folder", "empty", "number", "long name"],
)
def test_save_case_failures_are_value_errors_naming_the_path(tmp_path, target, words):
    with pytest.raises(ValueError) as info:
        save_case(Case(**minimal()), target(tmp_path))
    for word in words:
        assert word in str(info.value)
    assert list(tmp_path.iterdir()) == [], "no temporary file is left behind"


def test_a_lone_surrogate_is_refused_before_any_file_exists(tmp_path):
    with pytest.raises(ValueError, match=r"title .* not valid Unicode"):
        Case(**minimal(title="bad \udcff"))
    sneaked = Case(**minimal())
    object.__setattr__(sneaked, "title", "bad \udcff")  # past the check, as a subclass might
    with pytest.raises(ValueError, match=r"ok\.json.* not valid Unicode"):
        save_case(sneaked, tmp_path / "ok.json")
    assert list(tmp_path.iterdir()) == [], "no empty file blocks the next save"
    path = save_case(Case(**minimal()), tmp_path / "ok.json")
    assert load_case(path).title == "A title"


def test_reading_a_pipe_a_long_name_or_text(tmp_path):
    fifo = tmp_path / "pipe.json"
    os.mkfifo(fifo)
    with pytest.raises(ValueError, match="pipe or a device"):
        load_case(fifo)  # returns at once: no writer needed
    with pytest.raises(ValueError, match="unknown case"):
        load_case("a" * 300)
    with pytest.raises(ValueError, match="cannot be read"):
        load_case(tmp_path / ("a" * 300 + ".json"))
    assert parse_case(json.dumps(minimal())) == Case(**minimal())
    with pytest.raises(ValueError, match=r"expects the bytes .* got NoneType"):
        parse_case(None)
