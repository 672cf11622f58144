"""Item analysis of one quiz for instructors, like Moodle's quiz statistics report.

Only submitted, graded attempts count: one in progress may still change, and one
awaiting marking has no score yet. For each question:

- facility index: the mean response score as a percentage, i.e. how often the
  question is answered right. Above 90 it is flagged "too easy" and below 20 "too
  hard": a question nearly everyone (or no one) gets right says little about who
  has learned. It is None while the question has no graded response.
- discrimination: the Pearson correlation between the score on the question and the
  attempt's total score, over the attempts where the question was answered and
  graded. Positive means strong attempts get it right more often than weak ones.
  Below 0.1 it is flagged "may mislead": good trainees get it wrong as often as weak
  ones, which usually points to an ambiguous stem or a wrong key. It is None (and
  not flagged) with fewer than 3 such attempts, or when either score does not vary.

Everything is loaded in a fixed number of queries and computed in Python, so a quiz
with thousands of attempts costs as many queries as one with five.
"""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from statistics import StatisticsError, correlation, fmean

from django.db.models import Avg, Count, Q
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from quizzes.models import Attempt, Question, QuizPage, Response

TOO_EASY_ABOVE = 90
TOO_HARD_BELOW = 20
MAY_MISLEAD_BELOW = 0.1
MIN_ATTEMPTS_FOR_DISCRIMINATION = 3

TOO_EASY = _("too easy")
TOO_HARD = _("too hard")
MAY_MISLEAD = _("may mislead")


@dataclass
class QuestionStats:
    """How one question performed across the quiz's graded attempts."""

    question: Question
    responses: int
    facility: float | None
    discrimination: float | None
    flags: list[Promise]


@dataclass
class QuizReport:
    """The quiz's overall results and its questions' statistics, in quiz order."""

    attempts: int
    learners: int
    pass_rate: float | None
    mean_score: float | None
    questions: list[QuestionStats]


def quiz_report(quiz: QuizPage) -> QuizReport:
    """Item analysis of the quiz's graded attempts, in every language of the quiz."""
    graded = Attempt.objects.filter(
        quiz_key=quiz.translation_key,
        status=Attempt.Status.SUBMITTED,
        score__isnull=False,
    )
    totals = graded.aggregate(
        attempts=Count("pk"),
        learners=Count("learner", distinct=True),
        passed=Count("pk", filter=Q(passed=True)),
        mean_score=Avg("score"),
    )
    # (question score, attempt score) pairs per question; the attempt score comes
    # with the response so both always describe the same attempt.
    pairs: dict[int, list[tuple[float, float]]] = defaultdict(list)
    for question_id, score, attempt_score in Response.objects.filter(
        attempt__in=graded, score__isnull=False
    ).values_list("question_id", "score", "attempt__score"):
        pairs[question_id].append((score, float(attempt_score)))
    attempts = totals["attempts"]
    return QuizReport(
        attempts=attempts,
        learners=totals["learners"],
        pass_rate=100 * totals["passed"] / attempts if attempts else None,
        mean_score=float(totals["mean_score"]) if attempts else None,
        questions=[
            question_stats(question, pairs[question.pk])
            for question in reported_questions(quiz, pairs)
        ],
    )


def reported_questions(quiz: QuizPage, answered: Iterable[int]) -> list[Question]:
    """The quiz's questions in quiz order, then those answered in its attempts but
    not (or no longer) chosen in this page, so their results are not lost."""
    chosen = {
        item.question_id: item.question
        for item in quiz.quiz_questions.select_related("question").order_by(
            "sort_order", "pk"
        )
    }
    others = Question.objects.filter(pk__in=set(answered) - chosen.keys())
    return [*chosen.values(), *others.order_by("pk")]


def question_stats(
    question: Question, pairs: list[tuple[float, float]]
) -> QuestionStats:
    """Facility, discrimination and flags from (question score, attempt score) pairs."""
    facility = 100 * fmean(score for score, _total in pairs) if pairs else None
    discrimination = discrimination_index(pairs)
    flags = []
    if facility is not None and facility > TOO_EASY_ABOVE:
        flags.append(TOO_EASY)
    if facility is not None and facility < TOO_HARD_BELOW:
        flags.append(TOO_HARD)
    if discrimination is not None and discrimination < MAY_MISLEAD_BELOW:
        flags.append(MAY_MISLEAD)
    return QuestionStats(question, len(pairs), facility, discrimination, flags)


def discrimination_index(pairs: list[tuple[float, float]]) -> float | None:
    """Pearson correlation of question and attempt scores, if there is enough data."""
    if len(pairs) < MIN_ATTEMPTS_FOR_DISCRIMINATION:
        return None
    scores, totals = zip(*pairs, strict=True)
    try:
        return correlation(scores, totals)
    except StatisticsError:  # everyone scored the same: nothing to correlate
        return None


def report_rows(report: QuizReport) -> list[list[str]]:
    """The question statistics as CSV rows, header first; undefined figures empty."""
    header = [
        _("Question"),
        _("Type"),
        _("Convention articles"),
        _("Responses"),
        _("Facility index (%)"),
        _("Discrimination"),
        _("Flags"),
    ]
    return [[str(label) for label in header]] + [
        [
            str(stats.question),
            str(stats.question.get_question_type_display()),
            stats.question.articles,
            str(stats.responses),
            format_number(stats.facility, 1),
            format_number(stats.discrimination, 2),
            "; ".join(str(flag) for flag in stats.flags),
        ]
        for stats in report.questions
    ]


def format_number(value: float | None, places: int) -> str:
    return "" if value is None else f"{value:.{places}f}"
