"""The demo course's question bank, module quizzes and final assessment.

Questions come from `demo/data/questions/` (format in its FORMAT.md), one
category per Convention chapter. Each question belongs to a pool: a module quiz draws
10 of its chapter's module pool (about twice as many, so that a retake asks
different questions); the final assessment draws 20 from the final pools, which no
module quiz shows, in proportion to the chapters' articles, and opens once every
module is complete. Like the rest of the demo, only what is missing is created: a
category that already has questions, or a module that already has a quiz, is left
as it is.
"""

import json
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction
from django.utils.html import escape

from courses import convention
from courses.models import CoursePage, ModulePage
from quizzes.bank import build_question
from quizzes.models import Question, QuestionCategory, QuizPage, QuizQuestion

QUESTIONS_DIR = Path(__file__).resolve().parent / "data" / "questions"
FINAL_ASSESSMENT_SIZE = 20
MODULE_QUIZ_SIZE = 10


def category_name(chapter: convention.Chapter) -> str:
    return f"Chapter {chapter.roman}. {chapter.title}"


@dataclass
class ChapterBank:
    """A chapter's questions: those its module quiz draws from, and those kept for
    the final assessment."""

    module_pool: list[Question] = field(default_factory=list)
    final_pool: list[Question] = field(default_factory=list)


def ensure_question_bank(chapter: convention.Chapter) -> ChapterBank:
    """The chapter's category and questions, created from the data file if absent
    (an existing category's questions all count as its module pool)."""
    category, _created = QuestionCategory.objects.get_or_create(
        name=category_name(chapter),
        defaults={
            "description": f"Questions on Articles {chapter.articles[0].number}-"
            f"{chapter.articles[-1].number} of the Convention."
        },
    )
    existing = list(category.questions.all())
    if existing:
        return ChapterBank(module_pool=existing)
    path = QUESTIONS_DIR / f"chapter_{chapter.number:02d}.json"
    bank = ChapterBank()
    for item in json.loads(path.read_text(encoding="utf-8"))["questions"]:
        pool = bank.final_pool if item.get("pool") == "final" else bank.module_pool
        pool.append(create_question(category, item))
    return bank


def create_question(category: QuestionCategory, item: dict) -> Question:
    return build_question(
        category,
        question_type=item["type"],
        stem=item["stem"],
        articles=item["articles"],
        difficulty=item["difficulty"],
        explanation=item.get("explanation", ""),
        options=[
            (o["text"], o["correct"], o.get("feedback", ""))
            for o in item.get("options", [])
        ],
        true_false_answer=item.get("correct") if item["type"] == "true_false" else None,
        feedback_true=item.get("feedback_true", ""),
        feedback_false=item.get("feedback_false", ""),
        accepted_answers=item.get("accepted_answers", []),
    )


def add_quiz(parent, quiz: QuizPage, questions: list[Question]) -> QuizPage:
    quiz.quiz_questions = [
        QuizQuestion(question=q, sort_order=order) for order, q in enumerate(questions)
    ]
    parent.add_child(instance=quiz)
    quiz.save_revision().publish()
    return quiz


@transaction.atomic
def seed_demo_quizzes(course: CoursePage) -> int:
    """Add the missing module quizzes and final assessment; returns how many."""
    created = 0
    final_pool: list[Question] = []
    for module in ModulePage.objects.child_of(course):
        bank = ensure_question_bank(module.chapter)
        final_pool += bank.final_pool
        auto_graded = [q for q in bank.module_pool if q.is_auto_graded]
        if QuizPage.objects.child_of(module).exists():
            continue
        add_quiz(
            module,
            QuizPage(
                title=f"Module quiz: {module.title}",
                slug="quiz",
                introduction=(
                    f"<p>Each attempt asks {MODULE_QUIZ_SIZE} questions on "
                    f"{escape(module.title)}, drawn from a pool of {len(auto_graded)}. "
                    "Pass with 70% to complete the module. You can try as often as "
                    "you need: a new attempt asks different questions. After a "
                    "failed attempt you see which answers were wrong and why; the "
                    "correct answers are shown once you pass.</p>"
                ),
                questions_to_draw=MODULE_QUIZ_SIZE,
            ),
            auto_graded,
        )
        created += 1
    if final_pool and not QuizPage.objects.child_of(course).exists():
        add_quiz(
            course,
            QuizPage(
                title="Final assessment",
                slug="final-assessment",
                introduction=(
                    f"<p>{FINAL_ASSESSMENT_SIZE} questions from every chapter of the "
                    "Convention, in proportion to its number of articles. None of "
                    "them appears in the module quizzes. The assessment opens when "
                    "every module is complete. You have 45 minutes and three "
                    "attempts; pass with 70% to complete the course and receive "
                    "your certificate. The correct answers are shown once you have "
                    "passed.</p>"
                ),
                questions_to_draw=FINAL_ASSESSMENT_SIZE,
                attempts_allowed=3,
                time_limit_minutes=45,
                feedback_policy=QuizPage.FeedbackPolicy.AFTER_PASSING,
                draw_by_chapter=True,
                requires_all_modules=True,
            ),
            final_pool,
        )
        created += 1
    return created


def demo_answer(question: Question, right: bool) -> dict:
    """An answer to `question`, right or wrong, in the form `save_answers` takes."""
    if question.question_type == Question.Type.TRUE_FALSE:
        return {"text": "true" if question.true_false_answer == right else "false"}
    if question.question_type == Question.Type.SHORT_ANSWER:
        return {"text": question.accepted_answer_list[0] if right else "not sure"}
    if question.question_type == Question.Type.ESSAY:
        return {"text": "I would first ask the provider to preserve the data."}
    options = list(question.options.all())
    if question.question_type == Question.Type.MULTIPLE_RESPONSE and right:
        return {"options": [option.pk for option in options if option.is_correct]}
    return {"options": [o.pk for o in options if o.is_correct == right][:1]}
