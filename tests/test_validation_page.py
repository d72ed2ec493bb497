"""docs/validation.md is generated from the tests' own reference values."""

import importlib.util
import pathlib
import re
import sys

import pytest
from bib import parse_bib
from reference_values import CALIBRATION, INDEPENDENT, KINDS, REF, REFERENCES, Reference

ROOT = pathlib.Path(__file__).parent.parent


def _generator():
    path = ROOT / "docs" / "make_validation.py"
    spec = importlib.util.spec_from_file_location("make_validation", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules["make_validation"] = module
    spec.loader.exec_module(module)
    return module


def test_committed_page_is_what_the_generator_writes():
    page = (ROOT / "docs" / "validation.md").read_text(encoding="utf-8")
    assert page == _generator().render(), "docs/validation.md is stale: run make validation"


def test_calibrations_are_listed_apart_from_independent_checks():
    page = _generator().render()
    independent = page.index("\n## Independent checks\n")
    calibrations = page.index("\n## Calibrations\n")
    predictions = page.index("\n## Predictions shown beside a related measurement")
    assert independent < calibrations < predictions
    for ref in REFERENCES:
        heading = page.index(f"\n### {ref.output}\n")
        if ref.kind == INDEPENDENT:
            assert independent < heading < calibrations, ref.output
        elif ref.kind == CALIBRATION:
            assert calibrations < heading < predictions, ref.output
        else:
            assert heading > predictions, ref.output
        assert ref.published in page and ref.tolerance in page


def test_every_record_names_a_known_source_and_an_existing_test():
    bib = parse_bib((ROOT / "docs" / "references.bib").read_text(encoding="utf-8"))
    assert sorted(map(id, REF.values())) == sorted(map(id, REFERENCES))
    for ref in REFERENCES:
        assert ref.source in bib, ref.source
        assert ref.tests, ref.output
        for name in ref.tests:
            path, func = name.split("::")
            text = (ROOT / path).read_text(encoding="utf-8")
            assert re.search(rf"^def {func}\(", text, re.M), name
            # The test really uses this record's numbers.
            key = next(k for k, v in REF.items() if v is ref)
            assert f'REF["{key}"]' in text, (name, key)


def test_a_record_with_an_unknown_kind_is_refused():
    with pytest.raises(ValueError, match="kind = 'validated'"):
        Reference("x", "y", "z", "validated", "bergmann2016", "l", ("t",))
    assert len(KINDS) == 3
