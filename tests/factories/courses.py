"""The course pages, each one published as an editor publishes it.

Without arguments every factory makes the pages above its page as well: a
`CoursePageFactory()` is a published course of two modules (the Convention's first
two chapters) of two lessons each, in a catalogue under a home page that is the
default site's root. Pass `parent=` to add a page under an existing one.
"""

import factory
import wagtail_factories
from wagtail.models import Page, Site

from courses import convention
from courses.models import CourseIndexPage, CoursePage, HomePage, LessonPage, ModulePage


def lesson_body(article: int) -> list[dict]:
    """A short lesson body that uses the text blocks and cites `article`."""
    return [
        {"type": "rich_text", "value": "<h2>Why it matters</h2><p>Evidence fades.</p>"},
        {
            "type": "convention_article",
            "value": {
                "article": article,
                "provision": "Paraphrase of the provision for the test.",
                "obligations": [
                    {"paragraph": "", "force": "mandatory", "text": "States act."}
                ],
                "numbers": ["Up to 90 days"],
                "safeguards": "Article 24 applies.",
                "reservations": "None.",
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


class PublishedPageFactory(wagtail_factories.PageFactory):
    """A page added under `parent`, then published from a revision: it is live, has
    its first and last published dates, and Wagtail's `page_published` signal has
    been sent (the navigation cache listens to it)."""

    # Empty: Wagtail then derives a slug from the title, unique among the siblings,
    # as the editor does.
    slug = ""

    class Meta:
        abstract = True
        skip_postgeneration_save = True

    @classmethod
    def _create_instance(cls, model_class, parent, kwargs) -> Page:
        page = super()._create_instance(model_class, parent, kwargs)
        page.save_revision().publish()
        page.refresh_from_db()
        return page


class HomePageFactory(PublishedPageFactory):
    """A home page under the tree's root, made the default site's root page."""

    parent = factory.LazyFunction(Page.get_first_root_node)
    title = "Home"
    slug = "test-home"
    headline = "Learn"
    introduction = "<p>Hi</p>"

    class Meta:
        model = HomePage

    @factory.post_generation
    def site(home, create, extracted, **kwargs):
        if create:
            Site.objects.update_or_create(
                is_default_site=True,
                defaults={"hostname": "localhost", "root_page": home, "port": 80},
            )


class CourseIndexPageFactory(PublishedPageFactory):
    """The course catalogue."""

    parent = factory.SubFactory(HomePageFactory)
    title = "Courses"

    class Meta:
        model = CourseIndexPage


class CoursePageFactory(PublishedPageFactory):
    """A course with one module for each of the Convention's first `modules`
    chapters (2 unless given); `modules__lessons=` sets the lessons per module."""

    parent = factory.SubFactory(CourseIndexPageFactory)
    title = "Cybercrime basics"
    summary = "A short course."
    learning_outcomes = "<ul><li>Apply the Convention.</li></ul>"
    estimated_hours = 3

    class Meta:
        model = CoursePage

    @factory.post_generation
    def modules(course, create, extracted, **kwargs):
        if not create:
            return
        count = 2 if extracted is None else extracted
        for chapter in convention.chapters()[:count]:
            ModulePageFactory(parent=course, chapter_number=chapter.number, **kwargs)


class ModulePageFactory(PublishedPageFactory):
    """The module that teaches chapter `chapter_number` of the Convention, with
    `lessons` lessons (2 unless given) that cite the chapter's first article."""

    parent = factory.SubFactory(CoursePageFactory, modules=0)
    chapter_number = 1
    title = factory.LazyAttribute(
        lambda module: convention.chapter(module.chapter_number).title
    )
    articles_covered = factory.LazyAttribute(
        lambda module: convention.format_article_list(
            convention.chapter(module.chapter_number).article_numbers
        )
    )
    learning_objectives = "<ul><li>Explain the chapter.</li></ul>"
    estimated_minutes = 30

    class Meta:
        model = ModulePage

    @factory.post_generation
    def lessons(module, create, extracted, **kwargs):
        if not create:
            return
        article = module.chapter.articles[0].number
        for number in range(1, (2 if extracted is None else extracted) + 1):
            LessonPageFactory(
                parent=module,
                title=f"{module.title} lesson {number}",
                article=article,
                **kwargs,
            )


class LessonPageFactory(PublishedPageFactory):
    """A lesson whose body uses the text blocks and cites Convention `article`."""

    parent = factory.SubFactory(ModulePageFactory, lessons=0)
    title = factory.Sequence(lambda n: f"Lesson {n}")
    summary = "What this lesson teaches."
    estimated_minutes = 15
    body = factory.LazyAttribute(lambda lesson: lesson_body(lesson.article))

    class Meta:
        model = LessonPage

    class Params:
        article = 1
