"""A course's outline and the navigation built from it: the breadcrumb trail, the
modules, lessons and quizzes in the order trainees take them, and the previous and
next step of a lesson.

The page types (`courses.models`) read these in `get_context`; the learning rules
(`learning`) compute a trainee's progress over the same outline. Page views read the
cached outline, the rules, which write records, the one fresh from the database.
The page classes are looked up by name here, as `courses.models` imports this module.
"""

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.apps import apps
from wagtail.models import Page, PageViewRestriction

from courses.caching import cached

if TYPE_CHECKING:
    from courses.models import CoursePage, LessonPage, ModulePage


def page_type(name: str) -> type[Page]:
    """One of the course page types of `courses.models`, by class name."""
    return apps.get_model("courses", name)


def quiz_types() -> list[type[Page]]:
    """The page types a course or a module allows besides modules and lessons, as
    their `subpage_types` say: the quiz page of the `quizzes` app."""
    module_page, lesson_page = page_type("ModulePage"), page_type("LessonPage")
    found = []
    for parent in (page_type("CoursePage"), module_page):
        for model in parent.allowed_subpage_models():
            if model not in (module_page, lesson_page, *found):
                found.append(model)
    return found


def breadcrumb_trail(page: Page) -> list[Page]:
    """The pages above `page`, from the home page down, for breadcrumbs.

    One query, then kept in the cache for every page with the same parent until the
    pages change (`courses.caching`).
    """
    return cached(
        "trail",
        page.path[: -page.steplen],
        lambda: list(
            Page.objects.ancestor_of(page).filter(depth__gt=1).order_by("path")
        ),
    )


def course_for(page: Page) -> "CoursePage":
    """The course a module, lesson or quiz belongs to (or the course itself)."""
    course_page = page_type("CoursePage")
    if isinstance(page, course_page):
        return page
    return course_page.objects.ancestor_of(page).get()


@dataclass
class CourseOutline:
    """A course's published modules, lessons and quizzes, in the order trainees take
    them.

    Built with a fixed number of queries whatever the size of the course; both the
    lesson navigation and the trainee's progress (`learning`) read it. `quizzes`
    are the course's pages of the other types its page types allow (`quiz_types`):
    a module's end quiz and the course's final assessment.
    """

    course: Page
    modules: list["ModulePage"]
    lessons: list["LessonPage"]
    quizzes: list[Page]

    def lessons_of(self, module: Page) -> list["LessonPage"]:
        return [
            lesson for lesson in self.lessons if lesson.path.startswith(module.path)
        ]

    def quiz_of(self, parent: Page) -> Page | None:
        """The published quiz directly under a module, or the course's final one."""
        return next(
            (quiz for quiz in self.quizzes if quiz.path[:-4] == parent.path), None
        )

    def neighbours(
        self, lesson: Page
    ) -> tuple["LessonPage | None", "LessonPage | None"]:
        """The lessons before and after `lesson` in course order, across modules."""
        position = next(
            (i for i, item in enumerate(self.lessons) if item.pk == lesson.pk), None
        )
        if position is None:
            return None, None
        before = self.lessons[position - 1] if position > 0 else None
        after = self.lessons[position + 1] if position + 1 < len(self.lessons) else None
        return before, after


def course_outline(course: Page) -> CourseOutline:
    """The published outline of `course` in four queries (lesson bodies not loaded).

    Pages under a view restriction inside the course are left out, like
    `PageQuerySet.public()` would, with one query for the whole course. A
    restriction above the course keeps visitors out of the course page itself.
    """
    module_page, lesson_page = page_type("ModulePage"), page_type("LessonPage")
    restricted = tuple(
        PageViewRestriction.objects.filter(
            page__path__startswith=course.path, page__depth__gt=course.depth
        ).values_list("page__path", flat=True)
    )
    modules = module_page.objects.live().child_of(course)
    lessons = (
        lesson_page.objects.live()
        .descendant_of(course)
        .defer_streamfields()
        .order_by("path")
    )
    quizzes = sorted(
        (
            quiz
            for model in quiz_types()
            for quiz in model.objects.live().descendant_of(course).order_by("path")
        ),
        key=lambda quiz: quiz.path,
    )
    return CourseOutline(
        course=course,
        modules=[m for m in modules if not m.path.startswith(restricted)],
        lessons=[
            lesson for lesson in lessons if not lesson.path.startswith(restricted)
        ],
        quizzes=[quiz for quiz in quizzes if not quiz.path.startswith(restricted)],
    )


def cached_course_outline(course: Page) -> CourseOutline:
    """`course_outline(course)`, kept in the cache until the pages change, for page
    views. The learning rules, which write records, read `course_outline` itself."""
    return cached("outline", course.path, lambda: course_outline(course))


def lesson_navigation(lesson: "LessonPage") -> dict:
    """Breadcrumb trail, the course outline, the module's lessons, and the previous
    and next step: lessons run across module boundaries in course order, and the
    last lesson of a module leads to the module's quiz."""
    ancestors = breadcrumb_trail(lesson)
    outline = cached_course_outline(ancestors[-2])
    module = next(
        (m for m in outline.modules if m.pk == ancestors[-1].pk), None
    ) or page_type("ModulePage").objects.get(pk=ancestors[-1].pk)
    module_lessons = outline.lessons_of(module)
    previous_lesson, next_lesson = outline.neighbours(lesson)
    module_quiz = outline.quiz_of(module)
    if (
        module_quiz is not None
        and module_lessons
        and module_lessons[-1].pk == lesson.pk
    ):
        next_lesson = module_quiz
    return {
        "breadcrumbs": ancestors,
        "course": outline.course,
        "outline": outline,
        "module": module,
        "module_lessons": module_lessons,
        "lesson_number": next(
            (i for i, item in enumerate(module_lessons, 1) if item.pk == lesson.pk),
            None,
        ),
        "previous_lesson": previous_lesson,
        "next_lesson": next_lesson,
        "module_quiz": module_quiz,
    }
