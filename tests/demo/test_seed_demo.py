"""`seed_demo` builds the complete demo course from the reference file, exactly once.

The demo is seeded once per test run and put back in each test from a snapshot
(`demo` and `demo_with_partners` in tests/conftest.py); what the command printed
when it ran is kept with it.
"""

import json
import re
from io import StringIO
from pathlib import Path

from django.core.management import call_command
from django.utils import timezone
from django.utils.html import strip_tags
from wagtail.models import Page

from accounts.models import User
from certificates.models import Certificate
from courses.models import LessonPage, ModulePage
from learning.models import Enrolment, LessonCompletion
from partners.models import Organisation
from quizzes.models import Attempt, QuizPage

REFERENCE = json.loads(
    (
        Path(__file__).resolve().parents[2]
        / "courses"
        / "data"
        / "hanoi_convention.json"
    ).read_text(encoding="utf-8")
)
PLACEHOLDERS = re.compile(r"lorem|ipsum|\bTODO\b|\bTBD\b|\bFIXME\b|…|\[insert", re.I)


def seed(*options: str) -> str:
    """Run seed_demo; without the partner organisations unless `options` is given."""
    out = StringIO()
    call_command("seed_demo", *(options or ["--without-partners"]), stdout=out)
    return out.getvalue()


def lesson_blocks(lesson: LessonPage):
    return list(lesson.body.raw_data)


def test_course_has_one_module_per_chapter_of_the_reference_file(demo):
    assert demo.title == (
        "The UN Convention against Cybercrime: a practitioner's course"
    )
    modules = list(ModulePage.objects.child_of(demo).live())
    chapters = REFERENCE["chapters"]
    assert len(modules) == len(chapters) == REFERENCE["chapter_count"]
    for module, chapter in zip(modules, chapters, strict=True):
        assert module.chapter_number == chapter["number"]
        assert module.title == chapter["title"]
        assert module.article_numbers == [a["number"] for a in chapter["articles"]]


def test_every_article_is_covered_by_exactly_one_module(demo):
    covered = [n for m in ModulePage.objects.child_of(demo) for n in m.article_numbers]
    assert sorted(covered) == list(range(1, REFERENCE["article_count"] + 1))
    assert len(covered) == len(set(covered)) == REFERENCE["article_count"]


def test_every_module_teaches_its_articles_in_substantive_lessons(demo):
    for module in ModulePage.objects.child_of(demo):
        lessons = list(LessonPage.objects.child_of(module).live())
        assert len(lessons) >= 3, module.title
        cards = set()
        block_types = set()
        for lesson in lessons:
            text = strip_tags(json.dumps(lesson_blocks(lesson), ensure_ascii=False))
            assert len(text.split()) >= 600, lesson.title
            assert not PLACEHOLDERS.search(text), lesson.title
            for block in lesson_blocks(lesson):
                block_types.add(block["type"])
                if block["type"] == "convention_article":
                    cards.add(block["value"]["article"])
        assert cards == set(module.article_numbers), module.title
        assert {"case_scenario", "checklist", "practice_tip", "key_term"} <= block_types


def test_no_lesson_claims_the_press_figure_of_71_articles(demo):
    for lesson in LessonPage.objects.all():
        text = json.dumps(lesson_blocks(lesson))
        assert "71 articles" not in text


def test_running_seed_demo_again_changes_nothing(demo):
    lesson = LessonPage.objects.order_by("path").first()
    lesson.title = "Edited by an instructor"
    lesson.save_revision().publish()
    pages_before = Page.objects.count()

    output = seed()

    assert "nothing was changed" in output
    assert Page.objects.count() == pages_before
    assert User.objects.count() == 3
    lesson.refresh_from_db()
    assert lesson.title == "Edited by an instructor"


def test_seed_demo_prints_the_demo_logins(demo_with_partners):
    output = demo_with_partners
    for email in [
        "admin@example.org",
        "instructor@example.org",
        "trainee@example.org",
        "manager@example.org",
        "manager-b@example.org",
    ]:
        assert email in output
        assert User.objects.get(email=email).check_password(
            re.search(rf"{re.escape(email)}\s+(\S+)", output).group(1)
        )


def test_every_module_ends_with_a_quiz_on_its_own_articles(demo):
    for module in ModulePage.objects.child_of(demo):
        quiz = QuizPage.objects.child_of(module).live().get()
        questions = [item.question for item in quiz.quiz_questions.all()]
        assert quiz.questions_to_draw == 10
        assert len(questions) >= 20, module.title
        assert len({q.question_type for q in questions}) >= 3, module.title
        for question in questions:
            assert set(question.article_numbers) & set(module.article_numbers)
    final = QuizPage.objects.child_of(demo).get()
    assert final.questions_to_draw == 20
    assert final.quiz_questions.count() >= 40


def test_demo_partners_have_trainees_at_every_stage(demo_with_partners):
    academy = Organisation.objects.get(name="Demo Police Academy")
    ministry = Organisation.objects.get(name="Demo Ministry of Public Security")
    assert academy.memberships.filter(role="manager").count() == 1
    assert ministry.memberships.filter(role="manager").count() == 1
    ended = academy.cohorts.get(end_date__lt=timezone.localdate())
    assert ended.members.exists()  # its unfinished members are overdue
    enrolments = Enrolment.objects.all()
    completed = enrolments.filter(completed_at__isnull=False)
    assert completed.count() == Certificate.objects.count() == 4
    assert LessonCompletion.objects.values("learner").distinct().count() < (
        enrolments.count()
    )  # some trainees have not started
    assert Attempt.objects.filter(passed=False).exists()  # some failed, then retook

    seed("--verbosity=1")
    assert Organisation.objects.count() == 2
    assert Certificate.objects.count() == 4
