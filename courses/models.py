"""The course page tree.

HomePage → CourseIndexPage → CoursePage → ModulePage → LessonPage.

Instructors build and edit courses with these pages in the Wagtail admin. A course has
one module per Convention chapter; each module's chapter and articles are checked
against the Convention reference data (`courses.convention`).
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.http import Http404
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from courses import articles, convention
from courses.blocks import SHORT_TEXT_FEATURES, LessonStreamBlock
from courses.caching import TIMEOUT, CachedRouteMixin, version
from courses.forms import ModulePageForm
from courses.outline import breadcrumb_trail, cached_course_outline, lesson_navigation


def chapter_choices() -> list[tuple[int, str]]:
    """Choices for a module's chapter, read from the Convention reference data."""
    return [
        (chapter.number, f"{chapter.roman}. {chapter.title}")
        for chapter in convention.chapters()
    ]


class BasePage(Page):
    """What every page of the course tree shares: the one place to add a field or a
    method that all of them need."""

    class Meta:
        abstract = True


class HomePage(CachedRouteMixin, BasePage):
    """The front page: what Convention Academy is, with a way into the catalogue.

    It is the site's root page, so it routes requests to the pages below it.
    """

    headline = models.CharField(_("headline"), max_length=200)
    introduction = RichTextField(_("introduction"), features=SHORT_TEXT_FEATURES)

    content_panels = Page.content_panels + [
        FieldPanel("headline"),
        FieldPanel("introduction"),
    ]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["courses.CourseIndexPage"]

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["catalogue"] = (
            CourseIndexPage.objects.live().public().child_of(self).first()
        )
        context["courses"] = (
            CoursePage.objects.live()
            .public()
            .descendant_of(self)
            .select_related("cover_image")
        )
        return context


class CourseIndexPage(BasePage):
    """The catalogue: lists the courses published below it."""

    introduction = RichTextField(
        _("introduction"), features=SHORT_TEXT_FEATURES, blank=True
    )

    content_panels = Page.content_panels + [FieldPanel("introduction")]

    parent_page_types = ["courses.HomePage"]
    subpage_types = ["courses.CoursePage"]

    class Meta:
        verbose_name = _("course catalogue")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["courses"] = (
            CoursePage.objects.live()
            .public()
            .child_of(self)
            .select_related("cover_image")
        )
        return context


class CoursePage(RoutablePageMixin, BasePage):
    """A course: who it is for, what it teaches, and its modules in order.

    Below its address it serves the article index (`articles/`), each article's
    card (`articles/<number>/`) and the glossary (`glossary/`), which every lesson
    links to (`courses.articles`).
    """

    class Level(models.TextChoices):
        INTRODUCTORY = "introductory", _("Introductory")
        INTERMEDIATE = "intermediate", _("Intermediate")
        ADVANCED = "advanced", _("Advanced")

    summary = models.TextField(
        _("summary"),
        max_length=500,
        help_text=_("Two or three sentences shown in the catalogue."),
    )
    audience = RichTextField(
        _("who it is for"), features=SHORT_TEXT_FEATURES, blank=True
    )
    learning_outcomes = RichTextField(
        _("learning outcomes"),
        features=SHORT_TEXT_FEATURES,
        help_text=_("What a trainee can do after the course, one item per line."),
    )
    prerequisites = RichTextField(
        _("prerequisites"), features=SHORT_TEXT_FEATURES, blank=True
    )
    estimated_hours = models.PositiveSmallIntegerField(_("estimated hours"))
    level = models.CharField(
        _("level"), max_length=20, choices=Level.choices, default=Level.INTRODUCTORY
    )
    cover_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("cover image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    certificate_issuer = models.CharField(
        _("issuer"),
        max_length=200,
        default="Convention Academy",
        help_text=_("The organisation that awards the certificate, printed on it."),
    )
    certificate_logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("issuer's logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    certificate_valid_months = models.PositiveSmallIntegerField(
        _("valid for (months)"),
        null=True,
        blank=True,
        help_text=_(
            "Leave empty if certificates never expire. Otherwise a certificate "
            "expires this many months after completion, and the trainee is invited "
            "to retake the course."
        ),
    )

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        FieldPanel("cover_image"),
        FieldRowPanel([FieldPanel("level"), FieldPanel("estimated_hours")]),
        FieldPanel("audience"),
        FieldPanel("learning_outcomes"),
        FieldPanel("prerequisites"),
    ]
    certificate_panels = [
        FieldPanel("certificate_issuer"),
        FieldPanel("certificate_logo"),
        FieldPanel("certificate_valid_months"),
        InlinePanel(
            "certificate_signatories",
            heading=_("Signatories"),
            label=_("signatory"),
            max_num=3,
            help_text=_("Up to three people who sign the certificate, in order."),
        ),
    ]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading=_("Content")),
            ObjectList(certificate_panels, heading=_("Certificate")),
            ObjectList(Page.promote_panels, heading=_("Promote")),
            ObjectList(Page.settings_panels, heading=_("Settings")),
        ]
    )

    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("learning_outcomes"),
    ]

    parent_page_types = ["courses.CourseIndexPage"]
    subpage_types = ["courses.ModulePage", "quizzes.QuizPage"]

    class Meta:
        verbose_name = _("course")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        outline = cached_course_outline(self)
        context["breadcrumbs"] = breadcrumb_trail(self)
        context["outline"] = outline
        context["modules"] = outline.modules
        context["first_lesson"] = outline.lessons[0] if outline.lessons else None
        context.update(articles.reference_urls(self))
        return context

    @path(articles.ARTICLES_PATH)
    def article_index(self, request):
        """Every article of the Convention by chapter, each with its card; `?q=`
        narrows the list (by number, or words of the title and the card)."""
        query = request.GET.get("q", "")[:100]
        cards = articles.article_cards(self)
        chapters = []
        for chapter in convention.chapters():
            entries = [
                (article, cards.get(article.number))
                for article in chapter.articles
                if articles.matches(cards.get(article.number), article, query)
            ]
            if entries:
                chapters.append((chapter, entries))
        return self.render(
            request,
            template="courses/article_index.html",
            context_overrides={
                "chapters": chapters,
                "query": query,
                "found": sum(len(entries) for _chapter, entries in chapters),
            },
        )

    @path(articles.ARTICLES_PATH + "<int:number>/")
    def article_card(self, request, number: int):
        """One article's card, with the lesson that teaches it."""
        known = convention.articles()
        if number not in known:
            raise Http404(_("The Convention has no such article."))
        return self.render(
            request,
            template="courses/article_card.html",
            context_overrides={
                "article": known[number],
                "entry": articles.article_cards(self).get(number),
                "previous_article": number - 1 if number - 1 in known else None,
                "next_article": number + 1 if number + 1 in known else None,
            },
        )

    @path(articles.GLOSSARY_PATH)
    def glossary(self, request):
        """The glossary of terms and abbreviations, alphabetically."""
        return self.render(
            request,
            template="courses/glossary.html",
            context_overrides={"terms": GlossaryTerm.objects.all()},
        )


class ModulePage(BasePage):
    """A module of a course: one chapter of the Convention, taught through lessons."""

    chapter_number = models.PositiveSmallIntegerField(
        _("Convention chapter"), choices=chapter_choices
    )
    articles_covered = models.CharField(
        _("articles covered"),
        max_length=200,
        help_text=_(
            "Article numbers this module teaches, as a list with ranges, e.g. 23-34 "
            "or 7, 9-11. Each article belongs to one module of the course."
        ),
    )
    introduction = RichTextField(
        _("introduction"), features=SHORT_TEXT_FEATURES, blank=True
    )
    learning_objectives = RichTextField(
        _("learning objectives"),
        features=SHORT_TEXT_FEATURES,
        help_text=_("What a trainee can do after the module, as a list."),
    )
    estimated_minutes = models.PositiveSmallIntegerField(_("estimated minutes"))

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [
                FieldPanel("chapter_number"),
                FieldPanel("articles_covered"),
            ],
            heading=_("Convention"),
        ),
        FieldPanel("estimated_minutes"),
        FieldPanel("introduction"),
        FieldPanel("learning_objectives"),
    ]

    search_fields = Page.search_fields + [index.SearchField("introduction")]

    parent_page_types = ["courses.CoursePage"]
    subpage_types = ["courses.LessonPage", "quizzes.QuizPage"]

    base_form_class = ModulePageForm

    class Meta:
        verbose_name = _("module")

    @property
    def chapter(self) -> convention.Chapter:
        return convention.chapter(self.chapter_number)

    @property
    def article_numbers(self) -> list[int]:
        return convention.parse_article_list(self.articles_covered)

    @property
    def covered_articles(self) -> list[convention.Article]:
        return [convention.article(number) for number in self.article_numbers]

    def clean(self) -> None:
        super().clean()
        try:
            self.articles_covered = convention.checked_article_list(
                self.articles_covered
            )
        except convention.ArticleListError as error:
            raise ValidationError({"articles_covered": error.message}) from error

    def sibling_conflicts(self, parent: Page) -> dict[str, str]:
        """Errors by field if another module under `parent` has this chapter or
        one of these articles.

        Keeps "each article is taught by exactly one module" true as instructors edit.
        """
        siblings = ModulePage.objects.child_of(parent)
        if self.pk:
            siblings = siblings.exclude(pk=self.pk)
        numbers = set(self.article_numbers)
        for sibling in siblings:
            if sibling.chapter_number == self.chapter_number:
                return {
                    "chapter_number": _(
                        "The module “%(title)s” already teaches this chapter."
                    )
                    % {"title": sibling.title}
                }
            shared = numbers & set(sibling.article_numbers)
            if shared:
                return {
                    "articles_covered": _(
                        "Article %(numbers)s is already covered by the module "
                        "“%(title)s”."
                    )
                    % {
                        "numbers": convention.format_article_list(sorted(shared)),
                        "title": sibling.title,
                    }
                }
        return {}

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        breadcrumbs = breadcrumb_trail(self)
        outline = cached_course_outline(breadcrumbs[-1])
        context["breadcrumbs"] = breadcrumbs
        context["outline"] = outline
        context["lessons"] = outline.lessons_of(self)
        context["articles_url"] = articles.articles_url(outline.course)
        return context


class LessonPage(BasePage):
    """A lesson: a StreamField body that an instructor composes from lesson blocks."""

    summary = models.TextField(
        _("summary"),
        max_length=400,
        help_text=_("One or two sentences shown in the module's list of lessons."),
    )
    estimated_minutes = models.PositiveSmallIntegerField(_("estimated minutes"))
    body = StreamField(LessonStreamBlock(), verbose_name=_("body"))

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        FieldPanel("estimated_minutes"),
        FieldPanel("body"),
    ]

    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("body"),
    ]

    parent_page_types = ["courses.ModulePage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("lesson")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(lesson_navigation(self))
        context.update(articles.reference_urls(context["course"]))
        # The rendered body is the same for everyone: the template keeps it with
        # Wagtail's page cache, which skips previews (they show unsaved changes),
        # varied on the pages version so that a replaced image shows too.
        context["page_cache"] = {"version": version(), "timeout": TIMEOUT}
        return context


class GlossaryTerm(models.Model):
    """A term or abbreviation of the course, defined in plain words for readers
    whose first language is not English; every course's glossary lists them all."""

    term = models.CharField(_("term"), max_length=120, unique=True)
    abbreviation = models.CharField(_("abbreviation"), max_length=30, blank=True)
    definition = models.TextField(_("definition"))
    articles = models.CharField(
        _("Convention articles"),
        max_length=100,
        blank=True,
        help_text=_("Articles that define or govern the term, e.g. 2 or 25, 42."),
    )

    panels = [
        FieldRowPanel([FieldPanel("term"), FieldPanel("abbreviation")]),
        FieldPanel("definition"),
        FieldPanel("articles"),
    ]

    class Meta:
        verbose_name = _("glossary term")
        verbose_name_plural = _("glossary")
        ordering = ["term"]

    def __str__(self) -> str:
        return f"{self.term} ({self.abbreviation})" if self.abbreviation else self.term

    @property
    def anchor(self) -> str:
        return "term-" + slugify(self.abbreviation or self.term)

    def clean(self) -> None:
        super().clean()
        if self.articles.strip():
            try:
                self.articles = convention.checked_article_list(self.articles)
            except convention.ArticleListError as error:
                raise ValidationError({"articles": error.message}) from error


@register_setting(icon="date")
class ConventionStatus(BaseSiteSetting):
    """The Convention's signature and ratification status, with the date it was
    last checked: shown in a dated box on the home page, on course pages and in
    lessons with a status block, so that no page states an undated status."""

    checked_on = models.DateField(
        _("last checked on"),
        null=True,
        blank=True,
        help_text=_(
            "The date you checked the facts below. No box is shown without it."
        ),
    )
    status = RichTextField(
        _("status"),
        features=SHORT_TEXT_FEATURES,
        blank=True,
        help_text=_(
            "Signatures, ratifications and entry into force as of that date, each "
            "fact with its own date where it has one."
        ),
    )
    treaty_collection_url = models.URLField(
        _("UN Treaty Collection page"),
        default="https://treaties.un.org/Pages/ViewDetails.aspx?src=TREATY&mtdsg_no=XVIII-16&chapter=18",
    )

    panels = [
        FieldPanel("checked_on"),
        FieldPanel("status"),
        FieldPanel("treaty_collection_url"),
    ]
    # Lessons show the box inside their cached body (`courses.caching`).
    retires_page_cache = True

    class Meta:
        verbose_name = _("Convention status")
