"""The self-check question widget of the notebooks (``gluteed.widgets.quiz``).

The questions themselves, with their answers, live in :mod:`gluteed.quiz` and
``gluteed/quizzes.json``; this module only draws one and gives feedback.
"""

from __future__ import annotations

import html
from typing import Any

import ipywidgets as w

from .view.style import OKABE_ITO

__all__ = ["quiz"]

#: Feedback colours (Okabe & Ito 2008); a symbol and words carry the meaning too.
_QUIZ_RIGHT, _QUIZ_WRONG = OKABE_ITO["bluish_green"], OKABE_ITO["vermillion"]


def quiz(
    question: str,
    options: list[str] | tuple[str, ...],
    answer: int | str,
    explanation: str,
    *,
    tries: int = 2,
) -> w.VBox:
    """A multiple-choice self-check question that gives feedback.

    The student picks an option and presses *Check*. A right answer shows
    "Right — " followed by the explanation; a wrong one shows "Not quite —
    try again". The right answer and the explanation stay hidden until the
    student has answered right or has tried ``tries`` times.

    Parameters
    ----------
    question : str
        The question, as plain text (shown as written, not as HTML).
    options : list or tuple of str
        The choices: at least two, all different, plain text.
    answer : int or str
        The right choice: its position in ``options`` (from 0) or its text.
    explanation : str
        Why it is right, plain text; shown once the answer is revealed.
    tries : int
        Wrong answers after which the answer is revealed, at least 1.

    Returns
    -------
    ipywidgets.VBox
        The question (CSS class ``gluteed-quiz``). Its attributes
        ``choices`` (``RadioButtons``, nothing chosen at first), ``check``
        (the *Check* button) and ``feedback`` (``HTML``) can be driven from
        code as a student would: set ``choices.value``, call
        ``check.click()``, read ``feedback.value``.

    Raises
    ------
    ValueError
        For fewer than two options, repeated options, an answer that is not
        one of them, or ``tries`` below 1.

    Examples
    --------
    >>> q = quiz("Which muscle keeps the pelvis level on one leg?",
    ...          ["gluteus maximus", "gluteus medius"], "gluteus medius",
    ...          "The hip abductors of the stance leg hold the pelvis.")
    >>> q.choices.value = "gluteus maximus"; q.check.click()
    >>> "Not quite — try again" in q.feedback.value
    True
    """
    options = [str(option) for option in options]
    if len(options) < 2 or len(set(options)) != len(options):
        raise ValueError(f"options must be at least two different texts; got {options!r}")
    if isinstance(answer, str):
        if answer not in options:
            raise ValueError(f"answer {answer!r} is not one of the options {options!r}")
        right = answer
    elif isinstance(answer, int) and not isinstance(answer, bool) and 0 <= answer < len(options):
        right = options[answer]
    else:
        raise ValueError(
            f"answer must be an option's text or its position 0 to {len(options) - 1}; "
            f"got {answer!r}"
        )
    if isinstance(tries, bool) or not isinstance(tries, int) or tries < 1:
        raise ValueError(f"tries must be a whole number of at least 1; got {tries!r}")

    prompt = w.HTML(f"<b>Check yourself.</b> {html.escape(question)}")
    choices = w.RadioButtons(options=options, value=None, layout=w.Layout(width="auto"))
    check = w.Button(description="Check", icon="check", tooltip="Check your answer")
    feedback = w.HTML()
    box = w.VBox([prompt, choices, check, feedback])
    box.add_class("gluteed-quiz")
    box.choices, box.check, box.feedback = choices, check, feedback
    state = {"wrong": 0, "revealed": False}

    def say(colour: str, label: str, text: str = "") -> None:
        feedback.value = f'<b style="color:{colour}">{label}</b>{text}'

    def on_check(_button: w.Button) -> None:
        chosen = choices.value
        if chosen is None:
            feedback.value = "Pick one of the answers first."
        elif chosen == right:
            state["revealed"] = True
            say(_QUIZ_RIGHT, "✔ Right", f" — {html.escape(explanation)}")
        else:
            state["wrong"] += 1
            if state["revealed"] or state["wrong"] >= tries:
                state["revealed"] = True
                say(
                    _QUIZ_WRONG,
                    "✘ Not quite.",
                    f" The answer is “{html.escape(right)}” — {html.escape(explanation)}",
                )
            else:
                say(_QUIZ_WRONG, "✘ Not quite — try again.")

    def on_choice(_change: dict[str, Any]) -> None:
        if not state["revealed"]:
            feedback.value = ""

    check.on_click(on_check)
    choices.observe(on_choice, names="value")
    return box
