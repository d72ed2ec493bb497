"""The one check for numbers: what it rejects, and that its message names the input."""

import numpy as np
import pytest

from gluteed import BendInput, StanceInput, solve_bend, solve_stance
from gluteed._validation import check_number, check_shapes
from gluteed.anthropometry import Subject


def mass(value):
    return check_number("mass", value, 30.0, 200.0, "kg")


@pytest.mark.parametrize(
    ("value", "words"),
    [
        (None, ["mass", "30 to 200 kg", "None"]),
        (True, ["mass", "30 to 200 kg", "True"]),
        (np.bool_(True), ["mass", "30 to 200 kg", "True"]),
        ("50", ["mass", "'50'"]),
        (b"50", ["mass", "b'50'"]),
        (("50", "60"), ["mass[0]", "'50'", "text", "30 to 200 kg"]),
        ([70, True], ["mass[1]", "True", "true/false"]),
        ([70, None], ["mass[1]", "None", "missing"]),
        ([70, 10**400], ["mass[1]", "401 digits", "too large"]),
        (10**400, ["mass = an integer of about 401 digits is out of range", "30 to 200 kg"]),
        (-(10**5000), ["mass", "-an integer of about 5001 digits"]),
        ([], ["mass", "empty array", "kg"]),
        (np.zeros((0, 3)), ["mass", "empty array"]),
        (np.array([True, False]), ["mass", "true/false values"]),
        (np.array(["70"]), ["mass", "text"]),
        (np.ma.masked_array([70.0, 500.0], mask=[False, True]), ["mass", "masked array"]),
        ([70, [80, 90]], ["mass[1]", "list"]),
        (1 + 2j, ["mass", "(1+2j)"]),
        ({"a": 1}, ["mass", "{'a': 1}"]),
        ([70.0, 80.0, 500.0], ["mass[2] = 500 kg", "out of range", "30 to 200 kg"]),
        (np.array([[70.0, 80.0], [float("nan"), 70.0]]), ["mass[1, 0] = nan kg"]),
        (float("inf"), ["mass = inf kg", "30 to 200 kg"]),
        (np.array(True, dtype=object), ["mass = True: true/false"]),
    ],
    ids=lambda v: "int" if type(v) is int else None,  # a 5001-digit int has no str()
)
def test_rejected_values_give_one_line_naming_the_input(value, words):
    with pytest.raises(ValueError) as info:
        mass(value)
    message = str(info.value)
    assert "\n" not in message
    for word in words:
        assert word in message, (word, message)


def test_accepted_values_keep_their_form():
    assert mass(70) == 70.0 and isinstance(mass(np.int64(70)), float)
    arr = mass((70, 80.5))
    assert arr.tolist() == [70.0, 80.5] and not arr.flags.writeable
    assert mass(np.array([[70], [80]])).shape == (2, 1)
    assert mass(np.array([70, 80], dtype=object)).tolist() == [70.0, 80.0]


def test_a_long_value_is_cut_short_in_the_message():
    with pytest.raises(ValueError) as info:
        mass("x" * 10_000)
    assert len(str(info.value)) < 200


def test_scalar_only():
    with pytest.raises(ValueError, match=r"mass must be a single number .* shape \(2,\)"):
        check_number("mass", [70, 80], 30.0, 200.0, "kg", scalar=True)


def test_shapes_that_do_not_fit_name_both_inputs():
    assert check_shapes("x", {"a": np.zeros(3), "b": 1.0, "c": np.zeros((2, 1))}) == (2, 3)
    with pytest.raises(ValueError, match=r"x: a has shape \(2,\) but c has shape \(3,\)"):
        check_shapes("x", {"a": np.zeros(2), "b": 1.0, "c": np.zeros(3)})


def test_model_entry_points_name_mismatched_batch_inputs():
    two, three = Subject(mass_kg=[70, 80]), [10.0, 20.0, 30.0]
    with pytest.raises(ValueError, match=r"subject\.mass_kg .* \(2,\) .* subject\.height_m"):
        solve_stance(StanceInput(subject=Subject(mass_kg=[70, 80], height_m=[1.6, 1.7, 1.8])))
    with pytest.raises(ValueError, match=r"subject\.mass_kg .* glute_med_strength_right"):
        solve_stance(StanceInput(subject=two, glute_med_strength_right=three))
    with pytest.raises(ValueError, match=r"subject\.mass_kg .* trunk_inclination_deg"):
        solve_bend(BendInput(subject=two, trunk_inclination_deg=three))
    # Shapes that broadcast still make a batch.
    result = solve_stance(StanceInput(subject=Subject(mass_kg=[[70], [80]]), bag_kg=[0, 5, 10]))
    assert np.shape(result.abductor_force_n) == (2, 3)
