"""The course tree's rules: which page goes where, and that each type can be authored,
rendered and previewed."""

from django.urls import reverse
from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import (
    inline_formset,
    nested_form_data,
    rich_text,
    streamfield,
)

from courses.models import CourseIndexPage, CoursePage, HomePage, LessonPage, ModulePage
from quizzes.models import QuizPage
from tests.factories.courses import CoursePageFactory


def list_block(items: list) -> dict:
    """A ListBlock's form data, as the admin's editor posts it."""
    data = {
        str(index): {"value": item, "deleted": "", "order": str(index), "id": ""}
        for index, item in enumerate(items)
    }
    data["count"] = str(len(items))
    return data


class PageTreeRulesTests(WagtailPageTestCase):
    def test_home_page_holds_only_catalogues(self):
        self.assertAllowedSubpageTypes(HomePage, {CourseIndexPage})
        self.assertAllowedParentPageTypes(HomePage, {Page})

    def test_catalogue_holds_only_courses(self):
        self.assertAllowedSubpageTypes(CourseIndexPage, {CoursePage})
        self.assertAllowedParentPageTypes(CourseIndexPage, {HomePage})

    def test_course_holds_only_modules(self):
        self.assertAllowedSubpageTypes(CoursePage, {ModulePage, QuizPage})
        self.assertAllowedParentPageTypes(CoursePage, {CourseIndexPage})

    def test_module_holds_only_lessons(self):
        self.assertAllowedSubpageTypes(ModulePage, {LessonPage, QuizPage})
        self.assertAllowedParentPageTypes(ModulePage, {CoursePage})

    def test_lesson_is_a_leaf(self):
        self.assertAllowedSubpageTypes(LessonPage, set())
        self.assertAllowedParentPageTypes(LessonPage, {ModulePage})

    def test_a_lesson_cannot_be_created_directly_under_a_course(self):
        self.assertCanNotCreateAt(CoursePage, LessonPage)
        self.assertCanNotCreateAt(CourseIndexPage, ModulePage)


class AuthoringTests(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.course = CoursePageFactory(modules=1, modules__lessons=2)
        cls.catalogue = cls.course.get_parent().specific
        cls.module = ModulePage.objects.get()
        cls.lessons = list(LessonPage.objects.order_by("path"))

    def setUp(self):
        self.login()

    def test_an_instructor_can_create_a_course_in_the_admin(self):
        self.assertCanCreate(
            self.catalogue,
            CoursePage,
            nested_form_data(
                {
                    "title": "Electronic evidence for judges",
                    "summary": "What a judge asks before authorising a search.",
                    "learning_outcomes": rich_text(
                        "<ul><li>Assess a request.</li></ul>"
                    ),
                    "estimated_hours": 4,
                    "level": "intermediate",
                    "certificate_issuer": "National Judicial Academy",
                    "certificate_valid_months": 24,
                    "certificate_signatories": inline_formset(
                        [{"name": "R. Mensah", "title": "Director of Studies"}]
                    ),
                }
            ),
        )
        created = CoursePage.objects.get(title="Electronic evidence for judges")
        assert created.certificate_issuer == "National Judicial Academy"
        assert [str(s) for s in created.certificate_signatories.all()] == [
            "R. Mensah, Director of Studies"
        ]

    def test_an_instructor_can_create_a_module_for_a_free_chapter(self):
        self.assertCanCreate(
            self.course,
            ModulePage,
            nested_form_data(
                {
                    "title": "Criminalization",
                    "chapter_number": 2,
                    "articles_covered": "7-21",
                    "learning_objectives": rich_text("<ul><li>Charge it.</li></ul>"),
                    "estimated_minutes": 60,
                }
            ),
        )
        self.assertEqual(
            ModulePage.objects.get(chapter_number=2).articles_covered, "7-21"
        )

    def test_an_instructor_can_create_a_lesson_with_blocks(self):
        self.assertCanCreate(
            self.module,
            LessonPage,
            nested_form_data(
                {
                    "title": "Purposes of the Convention",
                    "summary": "Why the Convention exists.",
                    "estimated_minutes": 15,
                    "body": streamfield(
                        [
                            ("rich_text", rich_text("<p>Three purposes.</p>")),
                            (
                                "convention_article",
                                {
                                    "article": 1,
                                    "provision": "Sets out three purposes.",
                                    "obligations": list_block(
                                        [
                                            {
                                                "paragraph": "",
                                                "force": "rule",
                                                "text": "Three purposes.",
                                            }
                                        ]
                                    ),
                                    "numbers": list_block([]),
                                    "safeguards": "",
                                    "reservations": "None.",
                                    "in_practice": rich_text("<p>Cite it.</p>"),
                                },
                            ),
                            (
                                "key_term",
                                {"term": "ICT system", "definition": "A device."},
                            ),
                        ]
                    ),
                }
            ),
        )

    def pages_above_lessons(self) -> list[Page]:
        return [
            self.catalogue.get_parent().specific,
            self.catalogue,
            self.course,
            self.module,
        ]

    def test_every_page_type_renders(self):
        for page in [*self.pages_above_lessons(), *self.lessons]:
            with self.subTest(page=page.title):
                self.assertPageIsRenderable(page)

    def test_every_page_type_can_be_previewed(self):
        for page in self.pages_above_lessons():
            with self.subTest(page=page.title):
                self.assertPageIsPreviewable(page)

    def test_a_lesson_can_be_previewed_with_unsaved_changes(self):
        # The lesson editor's StreamField is built in the browser, so the form data
        # is given here instead of being read from the edit page's HTML.
        self.assertPageIsPreviewable(
            self.lessons[0],
            post_data=nested_form_data(
                {
                    "title": "Purposes, revised",
                    "slug": self.lessons[0].slug,
                    "summary": "Why the Convention exists.",
                    "estimated_minutes": 20,
                    "body": streamfield(
                        [("rich_text", rich_text("<p>Three purposes.</p>"))]
                    ),
                }
            ),
        )

    def test_a_new_lesson_can_be_previewed_before_it_is_saved(self):
        preview_url = reverse(
            "wagtailadmin_pages:preview_on_add",
            args=["courses", "lessonpage", self.module.pk],
        )
        form_data = nested_form_data(
            {
                "title": "Draft lesson on preservation",
                "slug": "draft-lesson-on-preservation",
                "summary": "Keeping data safe.",
                "estimated_minutes": 10,
                "body": streamfield([("rich_text", rich_text("<p>Act fast.</p>"))]),
            }
        )
        self.client.post(preview_url, form_data)
        response = self.client.get(preview_url)
        self.assertContains(response, "<h1>Draft lesson on preservation</h1>")
        self.assertContains(response, "Act fast.")
