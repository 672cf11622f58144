"""Small builders for course pages in tests; production code never imports this."""

import io

from allauth.account.models import EmailAddress
from django.core.files.images import ImageFile
from PIL import Image as PillowImage
from wagtail.images import get_image_model
from wagtail.models import Page, Site

from accounts.models import User
from certificates.models import Certificate
from courses import convention
from courses.models import CourseIndexPage, CoursePage, HomePage, LessonPage, ModulePage
from learning import services as learning
from quizzes.models import Option, Question, QuestionCategory, QuizPage, QuizQuestion


def lesson_body(article: int) -> list[dict]:
    """A short lesson body that uses the text blocks and cites `article`."""
    return [
        {"type": "rich_text", "value": "<h2>Why it matters</h2><p>Evidence fades.</p>"},
        {
            "type": "convention_article",
            "value": {
                "article": article,
                "provision": "Paraphrase of the provision for the test.",
                "in_practice": "<p>Ask the provider to preserve the data.</p>",
            },
        },
        {"type": "key_term", "value": {"term": "Traffic data", "definition": "Data."}},
        {
            "type": "case_scenario",
            "value": {
                "title": "The vanishing logs",
                "situation": "<p>A provider keeps logs briefly.</p>",
                "questions": ["What do you ask for first?"],
                "discussion": "<p>Preservation comes first.</p>",
            },
        },
        {
            "type": "practice_tip",
            "value": {"title": "Write it down", "text": "<p>Record each step.</p>"},
        },
        {
            "type": "checklist",
            "value": {"title": "Before you go", "items": ["Warrant", "Hash tool"]},
        },
    ]


def publish(parent: Page, page: Page) -> Page:
    parent.add_child(instance=page)
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def make_home() -> HomePage:
    """A HomePage at the top of the tree, serving as the default site's root."""
    root = Page.get_first_root_node()
    home = publish(
        root,
        HomePage(
            title="Home", slug="test-home", headline="Learn", introduction="<p>Hi</p>"
        ),
    )
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={"hostname": "localhost", "root_page": home, "port": 80},
    )
    return home


def make_catalogue(home: HomePage | None = None) -> CourseIndexPage:
    return publish(
        home or make_home(), CourseIndexPage(title="Courses", slug="courses")
    )


def make_course(
    catalogue: CourseIndexPage | None = None,
    chapters: int = 2,
    lessons_per_module: int = 2,
    title: str = "Cybercrime basics",
) -> CoursePage:
    """A published course with one module per chapter for the first `chapters`
    chapters of the Convention, each with `lessons_per_module` lessons."""
    course = publish(
        catalogue or make_catalogue(),
        CoursePage(
            title=title,
            summary="A short course.",
            learning_outcomes="<ul><li>Apply the Convention.</li></ul>",
            estimated_hours=3,
        ),
    )
    for chapter in convention.chapters()[:chapters]:
        make_module(course, chapter, lessons_per_module)
    return course


def make_module(
    course: CoursePage, chapter: convention.Chapter, lessons: int = 2
) -> ModulePage:
    module = publish(
        course,
        ModulePage(
            title=chapter.title,
            chapter_number=chapter.number,
            articles_covered=convention.format_article_list(chapter.article_numbers),
            learning_objectives="<ul><li>Explain the chapter.</li></ul>",
            estimated_minutes=30,
        ),
    )
    for number in range(1, lessons + 1):
        make_lesson(
            module, f"{chapter.title} lesson {number}", chapter.articles[0].number
        )
    return module


def make_lesson(module: ModulePage, title: str, article: int) -> LessonPage:
    return publish(
        module,
        LessonPage(
            title=title,
            summary="What this lesson teaches.",
            estimated_minutes=15,
            body=lesson_body(article),
        ),
    )


def make_trainee(email: str = "amina@example.org") -> User:
    """A trainee with a verified e-mail address and a complete profile."""
    user = User.objects.create_user(
        email,
        "correct horse battery",
        first_name="Amina",
        last_name="K.",
        certificate_name="Amina K.",
        country="KE",
        agency="National Police Service",
        job_role=User.JobRole.INVESTIGATOR,
    )
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    return user


def make_question(
    category_name: str = "Chapter IV",
    question_type: str = "single_choice",
    options: list[tuple[str, bool]] = (),
    **fields,
) -> Question:
    """A bank question; `options` as (text, is_correct) pairs."""
    category, _ = QuestionCategory.objects.get_or_create(name=category_name)
    question = Question(
        category=category,
        question_type=question_type,
        stem=fields.pop("stem", "<p>Which order keeps data from being deleted?</p>"),
        articles=fields.pop("articles", "25"),
        **fields,
    )
    question.options = [
        Option(
            text=text,
            is_correct=correct,
            feedback=f"Feedback on {text}.",
            sort_order=order,
        )
        for order, (text, correct) in enumerate(options)
    ]
    question.save()
    return question


def make_quiz(parent: Page, questions: list[Question], **rules) -> QuizPage:
    quiz = QuizPage(title=rules.pop("title", "Module quiz"), **rules)
    quiz.quiz_questions = [
        QuizQuestion(question=q, sort_order=order) for order, q in enumerate(questions)
    ]
    return publish(parent, quiz)


def finish_course(trainee: User, course: CoursePage) -> Certificate:
    """Enrol `trainee` and complete every lesson; returns the certificate issued."""
    learning.enrol(trainee, course)
    for lesson in LessonPage.objects.descendant_of(course).order_by("path"):
        learning.complete_lesson(trainee, lesson)
    return Certificate.objects.filter(learner=trainee).latest("issued_at")


def make_image(title: str, size: tuple[int, int] = (300, 100), colour="navy"):
    """A Wagtail image of one colour (a stand-in for a logo or a signature scan)."""
    png = io.BytesIO()
    PillowImage.new("RGB", size, colour).save(png, "PNG")
    return get_image_model().objects.create(
        title=title, file=ImageFile(png, name=f"{title}.png")
    )
