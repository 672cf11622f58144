"""Which questions a new attempt gets, and in which order their options are shown."""

import random

from quizzes.models import Question, QuizPage

# Which questions a trainee gets is fairness, not security: any generator will do.
DRAWS = random.Random()  # noqa: S311


def draw(quiz: QuizPage) -> tuple[list[int], dict[str, list[int]]]:
    """The questions of a new attempt, and the order of each question's options."""
    chosen = quiz.quiz_questions.select_related("question").prefetch_related(
        "question__options"
    )
    return draw_from(quiz, [item.question for item in chosen], DRAWS)


def draw_from(
    quiz: QuizPage, questions: list[Question], rng: random.Random
) -> tuple[list[int], dict[str, list[int]]]:
    """`draw` from the quiz's questions already loaded with their options, using
    `rng`: the scale seed (`demo.scale`) draws thousands of attempts from one
    load, repeatably."""
    if quiz.questions_to_draw and quiz.questions_to_draw < len(questions):
        questions = rng.sample(questions, quiz.questions_to_draw)
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
