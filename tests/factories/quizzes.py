"""The question bank and quiz pages."""

import factory
from factory.django import DjangoModelFactory

from quizzes.models import Option, Question, QuestionCategory, QuizPage, QuizQuestion
from tests.factories.courses import ModulePageFactory, PublishedPageFactory


class QuestionCategoryFactory(DjangoModelFactory):
    """A category of the bank, found by name if it exists."""

    name = "Chapter IV"

    class Meta:
        model = QuestionCategory
        django_get_or_create = ["name"]


class QuestionFactory(DjangoModelFactory):
    """A bank question (single choice unless `question_type` says otherwise);
    `options` as (text, is_correct) pairs, each given feedback that names it.
    `category__name=` files it under another category."""

    category = factory.SubFactory(QuestionCategoryFactory)
    question_type = Question.Type.SINGLE_CHOICE
    stem = "<p>Which order keeps data from being deleted?</p>"
    articles = "25"
    options = ()

    class Meta:
        model = Question

    @classmethod
    def _adjust_kwargs(cls, **kwargs) -> dict:
        kwargs["options"] = [
            Option(
                text=text,
                is_correct=correct,
                feedback=f"Feedback on {text}.",
                sort_order=order,
            )
            for order, (text, correct) in enumerate(kwargs["options"])
        ]
        return kwargs


class QuizPageFactory(PublishedPageFactory):
    """A published quiz that draws from `questions`, in that order."""

    parent = factory.SubFactory(ModulePageFactory)
    title = "Module quiz"
    quiz_questions = factory.LazyAttribute(
        lambda quiz: [
            QuizQuestion(question=question, sort_order=order)
            for order, question in enumerate(quiz.questions)
        ]
    )

    class Meta:
        model = QuizPage

    class Params:
        questions = ()
