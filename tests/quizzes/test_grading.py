"""Every question type is graded on the server, with partial credit and edge cases."""

import pytest

from quizzes.grading import score
from tests.factories.quizzes import QuestionFactory


def option_ids(question) -> dict[str, int]:
    return {option.text: option.pk for option in question.options.all()}


@pytest.fixture
def single(db):
    return QuestionFactory(
        options=[("Preservation", True), ("Seizure", False), ("Interception", False)]
    )


@pytest.fixture
def multiple(db):
    return QuestionFactory(
        question_type="multiple_response",
        options=[("A", True), ("B", True), ("C", False), ("D", False)],
    )


def test_single_choice_scores_only_the_correct_option(single):
    ids = option_ids(single)
    assert score(single, [ids["Preservation"]], "") == 1.0
    assert score(single, [ids["Seizure"]], "") == 0.0
    assert score(single, [], "") == 0.0
    assert score(single, [ids["Preservation"], ids["Seizure"]], "") == 0.0


@pytest.mark.parametrize(
    ("chosen", "expected"),
    [
        (["A", "B"], 1.0),
        (["A"], 0.5),
        (["A", "C"], 0.0),
        (["A", "B", "C"], 0.5),
        (["A", "B", "C", "D"], 0.0),
        (["C"], 0.0),
        ([], 0.0),
    ],
)
def test_multiple_response_gives_partial_credit(multiple, chosen, expected):
    ids = option_ids(multiple)
    assert score(multiple, [ids[text] for text in chosen], "") == expected


@pytest.mark.parametrize(
    ("answer", "expected"), [("true", 0.0), ("false", 1.0), ("", 0.0), ("maybe", 0.0)]
)
def test_true_false(db, answer, expected):
    question = QuestionFactory(question_type="true_false", true_false_answer=False)
    assert score(question, [], answer) == expected


@pytest.mark.parametrize(
    ("answer", "expected"),
    [
        ("traffic data", 1.0),
        ("  Traffic   DATA ", 1.0),
        ("traffic-data", 1.0),
        ("traffic", 0.0),
        ("", 0.0),
    ],
)
def test_short_answer_ignores_case_and_spacing(db, answer, expected):
    question = QuestionFactory(
        question_type="short_answer", accepted_answers="traffic data\ntraffic-data"
    )
    assert score(question, [], answer) == expected


def test_essay_waits_for_an_instructor(db):
    question = QuestionFactory(question_type="essay")
    assert score(question, [], "A reasoned answer.") is None
