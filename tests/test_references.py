"""One checked reference list: docs/references.bib.

Every citation key used in the code, docs, notebooks, teacher notes or README
(``[@key]``, see the head of the .bib) must be in the list; every entry must be
cited somewhere; every entry has a DOI or a note saying why it has none, and a
``checked`` field saying what was seen. Known wrong titles and the merged Fischer
citation must not come back.
"""

import pathlib
import re

import pytest
from bib import parse_bib

ROOT = pathlib.Path(__file__).parent.parent
BIB = ROOT / "docs" / "references.bib"
#: Where citations are looked for (the .bib itself is not a citation).
CITING = ["gluteed", "docs", "notebooks", "teacher-notes", "README.md"]
SUFFIXES = {".py", ".md", ".ipynb", ".json"}  # .json: the quizzes and the cases
#: ``[@key]`` or ``[@key1; @key2]``.
CITATION = re.compile(r"\[(@[A-Za-z0-9_-]+(?:\s*;\s*@[A-Za-z0-9_-]+)*)\]")


def _files():
    for name in CITING:
        path = ROOT / name
        if path.is_file():
            yield path
        else:
            yield from (
                p
                for p in sorted(path.rglob("*"))
                if p.suffix in SUFFIXES and ".ipynb_checkpoints" not in p.parts
            )


def cited_keys() -> dict[str, list[str]]:
    """Every key cited anywhere, with the files that cite it."""
    found: dict[str, list[str]] = {}
    for path in _files():
        for m in CITATION.finditer(path.read_text(encoding="utf-8")):
            for key in re.findall(r"@([A-Za-z0-9_-]+)", m.group(1)):
                found.setdefault(key, []).append(str(path.relative_to(ROOT)))
    return found


@pytest.fixture(scope="module")
def entries():
    return parse_bib(BIB.read_text(encoding="utf-8"))


def test_parser_reads_fields_and_rejects_broken_entries():
    good = "% comment\n@article{a2000,\n  title = {A {B} c},\n  year = {2000},\n}\n@book{b1,\n}\n"
    assert parse_bib(good) == {
        "a2000": {"type": "article", "title": "A {B} c", "year": "2000"},
        "b1": {"type": "book"},
    }
    with pytest.raises(ValueError, match="twice"):
        parse_bib("@misc{a,\n}\n@misc{a,\n}\n")
    with pytest.raises(ValueError, match="unbalanced"):
        parse_bib("@misc{a,\n title = {x {y},\n")
    with pytest.raises(ValueError, match="not closed"):
        parse_bib("@misc{a,\n title = {x} oops\n}\n")


def test_the_list_is_not_empty_and_keys_are_simple(entries):
    assert len(entries) >= 50
    for key in entries:
        assert re.fullmatch(r"[a-z][a-z0-9_-]*", key), key


def test_every_cited_key_is_in_the_list(entries):
    unknown = {k: v for k, v in cited_keys().items() if k not in entries}
    assert not unknown, f"cited but not in docs/references.bib: {unknown}"


def test_every_entry_is_cited_somewhere(entries):
    cited = cited_keys()
    uncited = sorted(k for k in entries if k not in cited)
    assert not uncited, f"in docs/references.bib but cited nowhere: {uncited}"


def test_every_entry_is_complete(entries):
    problems = []
    for key, e in entries.items():
        need = ["author", "year", "title", "checked"]
        if e["type"] == "article":
            need += ["journal", "volume", "pages"]
        problems += [f"{key}: no {f}" for f in need if not e.get(f)]
        if not e.get("doi") and not e.get("note"):
            problems.append(f"{key}: neither a DOI nor a note saying why there is none")
        if e.get("doi") and not re.fullmatch(r"10\.\d{4,9}/\S+", e["doi"]):
            problems.append(f"{key}: DOI {e['doi']!r} is not of the form 10.NNNN/...")
        checked = e.get("checked", "")
        if not re.match(
            r"(abstract|full text|data file|publisher or index record|unverified: \S)", checked
        ):
            problems.append(f"{key}: checked = {checked!r} does not say what was seen")
    assert not problems, "\n".join(problems)


#: Wrong titles, the merged Fischer citation and claims stronger than their
#: source, as they stood before the references were checked (issue 16).
FORBIDDEN = {
    "Kendall 2013's invented title": r"Superior gluteal nerve block in healthy men",
    "Pohl 2015's invented title": r"Hip abductor nerve block and frontal-plane walking",
    "Esola 1996's title without 'spine'": r"Analysis of lumbar and hip motion",
    "Fischer 2021 in J Biomech volume 119": r"119\s*:\s*110526",
    "the Fischer 2018 title dated 2021": (
        r"Radermacher K \(2021\)|Patient-specific\s+musculoskeletal\s+modeling[^\n]{0,200}2021"
    ),
    "a 15 %BW cane 'cuts hip force to about 60 %'": (
        r"(cuts|lowers|reduces)[^\n]{0,50}(to about|toward the) 60 %|matches Brand & Crowninshield"
    ),
    "Pohl 2015 credited with halving strength": r"Pohl et al\. \(2015\)[^\n]{0,20}halv",
    "a soft Trendelenburg criterion": r"positive when the person cannot hold the pelvis",
    "'Thelen (2003) curve' for the gait2392 values": r"Thelen \(2003\) curve",
    "the hip-centre distance credited to Bergmann 2016": r"0\.099 × stature(;| \|) Bergmann",
}


@pytest.mark.parametrize("what", FORBIDDEN)
def test_known_citation_errors_do_not_come_back(what):
    pattern = re.compile(FORBIDDEN[what])
    hits = [
        str(p.relative_to(ROOT)) for p in _files() if pattern.search(p.read_text(encoding="utf-8"))
    ]
    assert not hits, f"{what}: found in {hits}"


def test_the_forbidden_patterns_would_catch_the_old_text():
    """Each pattern matches the text it was written against (so none is a typo)."""
    old = {
        "Kendall 2013's invented title": "Superior gluteal nerve block in healthy men and",
        "Pohl 2015's invented title": "Hip abductor nerve block and frontal-plane walking mechanics",
        "Esola 1996's title without 'spine'": "(1996) Analysis of lumbar and hip motion during",
        "Fischer 2021 in J Biomech volume 119": "J Biomech 119:110526",
        "the Fischer 2018 title dated 2021": "Asseln M, Damm P, Radermacher K (2021) Patient",
        "a 15 %BW cane 'cuts hip force to about 60 %'": "a cane lowers the hip force to about 60 %",
        "Pohl 2015 credited with halving strength": "study of Pohl et al. (2015), where halving",
        "a soft Trendelenburg criterion": "the sign is positive when the person cannot hold the pelvis",
        "'Thelen (2003) curve' for the gait2392 values": "Thelen (2003) curve as in gait2392",
        "the hip-centre distance credited to Bergmann 2016": "0.099 × stature; Bergmann et al. 2016",
    }
    assert old.keys() == FORBIDDEN.keys()
    for what, text in old.items():
        assert re.search(FORBIDDEN[what], text), what
