"""The self-check questions: referenced by id, their answers out of the notebooks' code."""

import ast
import json
import pathlib
import re

import nbformat
import pytest

from gluteed import quiz as quizzes

ROOT = pathlib.Path(__file__).parent.parent
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
RECORDS = json.loads(quizzes.QUIZ_FILE.read_text(encoding="utf-8"))["quizzes"]
QUIZ_CELL = re.compile(r'quiz\("(?P<id>[0-9a-z-]+)"\)')


def code_cells() -> list[tuple[str, str]]:
    """(notebook name, source) of every code cell of every notebook."""
    cells = []
    for path in NOTEBOOKS:
        for cell in nbformat.read(path, as_version=4).cells:
            if cell.cell_type == "code":
                cells.append((path.name, cell.source))
    return cells


def quiz_calls(source: str) -> list[ast.Call]:
    tree = ast.parse(source)
    return [
        node
        for node in ast.walk(tree)
        if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "quiz"
    ]


def literal_pieces(template: str, least: int = 25) -> list[str]:
    """The runs of fixed text between the ``{...}`` fields, at least ``least`` characters."""
    return [piece.strip() for piece in re.split(r"\{[^{}]*\}", template) if len(piece) >= least]


def test_every_question_is_asked_once_by_id_from_its_notebook():
    asked = {}
    for name, source in code_cells():
        for call in quiz_calls(source):
            assert len(call.args) == 1 and not call.keywords, (name, ast.unparse(call))
            assert QUIZ_CELL.fullmatch(source.strip()), f"{name}: a quiz cell is only quiz(id)"
            quiz_id = call.args[0].value
            assert quiz_id not in asked, f"{quiz_id} asked in {asked.get(quiz_id)} and {name}"
            asked[quiz_id] = name
    assert asked == {quiz_id: record["notebook"] for quiz_id, record in RECORDS.items()}
    assert len(asked) >= 20


def test_no_notebook_code_shows_an_answer_or_an_explanation():
    pieces = {
        piece for record in RECORDS.values() for piece in literal_pieces(record["explanation"])
    }
    assert len(pieces) > 40
    for name, source in code_cells():
        for piece in pieces:
            assert piece not in source, f"{name} shows the explanation text {piece!r}"
        for call in quiz_calls(source):  # no answer index or options next to the id
            assert len(call.args) == 1, f"{name} passes more than the id: {ast.unparse(call)}"
            assert isinstance(call.args[0], ast.Constant), name


def test_the_check_catches_an_explanation_in_the_code():
    record = RECORDS["00-undo"]
    leaked = f'quiz("00-undo")  # {record["explanation"]}'
    assert any(piece in leaked for piece in literal_pieces(record["explanation"]))


@pytest.mark.parametrize("quiz_id", sorted(RECORDS))
def test_every_question_fills_in_and_has_one_right_option(quiz_id):
    q = quizzes.load_quiz(quiz_id)
    for text in (q.question, *q.options, q.explanation):
        assert "{" not in text and "}" not in text, text
        assert "nan" not in text.split(), text
    assert len(set(q.options)) == len(q.options) >= 2
    assert 0 <= q.answer < len(q.options)


def test_numbers_come_from_the_model():
    q = quizzes.load_quiz("00-criss-cross")
    weak = quizzes.solve_stance(glute_med_strength_right=25)
    assert f"{weak.lumbar_left_force_bw:.2f} × body weight at 25 %" in q.explanation


def test_only_known_ids_have_value_functions():
    assert set(quizzes._VALUES) <= set(RECORDS)
    assert quizzes.quiz_ids() == sorted(RECORDS)


def test_an_unknown_id_names_the_parameter_and_the_choices():
    with pytest.raises(ValueError, match=r"quiz_id must be one of .*00-undo.*got '00-nope'"):
        quizzes.load_quiz("00-nope")


def test_the_widget_hides_the_explanation_until_answered():
    q = quizzes.load_quiz("00-undo")
    box = quizzes.quiz("00-undo")
    assert q.explanation not in str(box.children) and box.feedback.value == ""
    box.choices.value = q.options[0]
    box.check.click()
    assert "Not quite" in box.feedback.value and "clean slate" not in box.feedback.value
    box.choices.value = q.options[q.answer]
    box.check.click()
    assert "Right" in box.feedback.value and "clean slate" in box.feedback.value
