"""Which questions a new attempt gets, in which order, and the keys that stand for
its options in the browser.

A retake gets the questions the trainee has seen least (a module pool of twice the
questions per attempt gives two attempts with no question in common); a quiz that
draws by chapter gives each chapter of the Convention a share in proportion to its
articles. Options are shown in a random order under random keys, drawn afresh for
every attempt: neither their order nor their keys say which option is correct or in
which order the author wrote them.
"""

import random
import secrets
from collections import Counter, defaultdict
from collections.abc import Iterable

from courses import convention
from quizzes.models import Question, QuizPage

# Which questions a trainee gets is fairness, not security: any generator will do.
# The option keys are a secret from the trainee and come from `secrets`.
DRAWS = random.Random()  # noqa: S311


def draw(
    quiz: QuizPage, seen: Counter | None = None
) -> tuple[list[int], dict[str, list[int]]]:
    """The questions of a new attempt, and the order of each question's options.

    `seen` counts how often the trainee has had each question in earlier attempts.
    """
    chosen = quiz.quiz_questions.select_related("question").prefetch_related(
        "question__options"
    )
    return draw_from(quiz, [item.question for item in chosen], DRAWS, seen)


def draw_from(
    quiz: QuizPage,
    questions: list[Question],
    rng: random.Random,
    seen: Counter | None = None,
) -> tuple[list[int], dict[str, list[int]]]:
    """`draw` from the quiz's questions already loaded with their options, using
    `rng`: the scale seed (`demo.scale`) draws thousands of attempts from one
    load, repeatably."""
    wanted = quiz.questions_to_draw
    if wanted and wanted < len(questions):
        if quiz.draw_by_chapter:
            questions = by_chapter(questions, wanted, rng, seen or Counter())
        else:
            questions = least_seen(questions, wanted, rng, seen or Counter())
    else:
        questions = list(questions)
    if quiz.shuffle_questions:
        rng.shuffle(questions)
    option_order = {}
    for question in questions:
        ids = [option.pk for option in question.options.all()]
        if quiz.shuffle_options:
            rng.shuffle(ids)
        option_order[str(question.pk)] = ids
    return [question.pk for question in questions], option_order


def least_seen(
    questions: list[Question], count: int, rng: random.Random, seen: Counter
) -> list[Question]:
    """`count` of `questions` at random among those seen least often."""
    shuffled = rng.sample(questions, len(questions))
    return sorted(shuffled, key=lambda question: seen[question.pk])[:count]


def chapter_shares(available: dict[int, int], count: int) -> dict[int, int]:
    """How many questions each chapter gets out of `count`: one each, the rest in
    proportion to the chapters' numbers of articles (largest remainders first),
    never more than a chapter has (`available`: questions per chapter)."""
    shares = dict.fromkeys(available, 0)
    weights = {number: len(convention.chapter(number).articles) for number in available}
    remaining = count
    for number in sorted(available):
        if remaining and available[number]:
            shares[number], remaining = 1, remaining - 1
    while remaining:
        open_chapters = [n for n in available if shares[n] < available[n]]
        if not open_chapters:
            break
        total = sum(weights[n] for n in open_chapters)
        ideal = {
            n: weights[n] * (count - len(available)) / total for n in open_chapters
        }
        # The chapter furthest below its proportional share gets the next question.
        number = max(open_chapters, key=lambda n: (ideal[n] - shares[n], weights[n]))
        shares[number] += 1
        remaining -= 1
    return shares


def by_chapter(
    questions: list[Question], count: int, rng: random.Random, seen: Counter
) -> list[Question]:
    """`count` questions shared between the chapters of the Convention in proportion
    to their articles (`chapter_shares`), the least seen in each chapter."""
    groups: dict[int, list[Question]] = defaultdict(list)
    for question in questions:
        groups[chapter_of(question)].append(question)
    shares = chapter_shares({n: len(group) for n, group in groups.items()}, count)
    return [
        question
        for number, group in groups.items()
        for question in least_seen(group, shares[number], rng, seen)
    ]


def chapter_of(question: Question) -> int:
    """The chapter of the lowest-numbered article a question tests (0 if none)."""
    numbers = question.article_numbers
    article = convention.articles().get(numbers[0]) if numbers else None
    return article.chapter_number if article else 0


def option_keys(option_order: dict[str, list[int]]) -> dict[str, str]:
    """A fresh random key for every option of an attempt, by option id."""
    keys: dict[str, str] = {}
    used: set[str] = set()
    for ids in option_order.values():
        for option_id in ids:
            key = secrets.token_urlsafe(6)
            while key in used:
                key = secrets.token_urlsafe(6)
            used.add(key)
            keys[str(option_id)] = key
    return keys


def seen_questions(question_id_lists: Iterable[list[int]]) -> Counter:
    """How often each question appeared in these earlier attempts."""
    return Counter(pk for ids in question_id_lists for pk in ids)
