"""The demo course's question bank, module quizzes and final assessment.

Questions come from `demo/data/questions/` (format in its FORMAT.md), one
category per Convention chapter. Like the rest of the demo, only what is missing is
created: a category that already has questions, or a module that already has a quiz,
is left as it is.
"""

import json
from pathlib import Path

from django.db import transaction
from django.utils.html import escape

from courses import convention
from courses.models import CoursePage, ModulePage
from quizzes.bank import build_question
from quizzes.models import Question, QuestionCategory, QuizPage, QuizQuestion

QUESTIONS_DIR = Path(__file__).resolve().parent / "data" / "questions"
FINAL_ASSESSMENT_SIZE = 20


def category_name(chapter: convention.Chapter) -> str:
    return f"Chapter {chapter.roman}. {chapter.title}"


def ensure_question_bank(chapter: convention.Chapter) -> list[Question]:
    """The chapter's category and questions, created from the data file if absent."""
    category, _created = QuestionCategory.objects.get_or_create(
        name=category_name(chapter),
        defaults={
            "description": f"Questions on Articles {chapter.articles[0].number}-"
            f"{chapter.articles[-1].number} of the Convention."
        },
    )
    existing = list(category.questions.all())
    if existing:
        return existing
    path = QUESTIONS_DIR / f"chapter_{chapter.number:02d}.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    return [create_question(category, item) for item in data["questions"]]


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
    pool: list[Question] = []
    for module in ModulePage.objects.child_of(course):
        auto_graded = [
            q for q in ensure_question_bank(module.chapter) if q.is_auto_graded
        ]
        pool += auto_graded
        if QuizPage.objects.child_of(module).exists():
            continue
        add_quiz(
            module,
            QuizPage(
                title=f"Module quiz: {module.title}",
                slug="quiz",
                introduction=(
                    f"<p>{len(auto_graded)} questions on "
                    f"{escape(module.title)}. Pass with 70% to complete the module; "
                    "you can try as often as you need.</p>"
                ),
            ),
            auto_graded,
        )
        created += 1
    if not QuizPage.objects.child_of(course).exists():
        add_quiz(
            course,
            QuizPage(
                title="Final assessment",
                slug="final-assessment",
                introduction=(
                    f"<p>{FINAL_ASSESSMENT_SIZE} questions drawn at random from every "
                    "module. You have 45 minutes and three attempts; pass with 70% to "
                    "complete the course. The correct answers are shown once you "
                    "have passed.</p>"
                ),
                questions_to_draw=FINAL_ASSESSMENT_SIZE,
                attempts_allowed=3,
                time_limit_minutes=45,
                feedback_policy=QuizPage.FeedbackPolicy.AFTER_PASSING,
            ),
            pool,
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
