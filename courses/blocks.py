"""StreamField blocks that instructors combine into lessons.

Each block renders with its own template in `courses/templates/courses/blocks/`.
Rich text is limited to the features a lesson needs so that pasted content stays clean.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageChooserBlock

from courses import convention

LESSON_TEXT_FEATURES = [
    "h2",
    "h3",
    "bold",
    "italic",
    "ol",
    "ul",
    "link",
    "document-link",
]
# Short rich text everywhere else: introductions, outcomes and objectives, question
# stems and feedback, the text parts of lesson blocks. No headings: the page has them.
SHORT_TEXT_FEATURES = ["bold", "italic", "ol", "ul", "link"]


class ConventionArticleNumberBlock(blocks.IntegerBlock):
    """An article number that must exist in the Convention reference file."""

    def __init__(self, **kwargs):
        super().__init__(min_value=1, **kwargs)

    def clean(self, value):
        value = super().clean(value)
        if value not in convention.articles():
            raise ValidationError(
                _("The Convention has no Article %(number)s."),
                params={"number": value},
            )
        return value


class Force(models.TextChoices):
    """How strongly a paragraph binds States Parties, in the Convention's own verbs."""

    MANDATORY = "mandatory", _("Mandatory (“shall”)")
    OPTIONAL = "optional", _("Optional (“may”)")
    CONSIDER = "consider", _("“Shall consider”")
    ENDEAVOUR = "endeavour", _("Best efforts (“shall endeavour”, “within means”)")
    RULE = "rule", _("Rule or definition (no action required)")


# The short labels the article cards show beside each paragraph.
FORCE_BADGES = {
    Force.MANDATORY: _("Mandatory"),
    Force.OPTIONAL: _("Optional"),
    Force.CONSIDER: _("Shall consider"),
    Force.ENDEAVOUR: _("Best efforts"),
    Force.RULE: _("Rule"),
}


class ObligationBlock(blocks.StructBlock):
    """One paragraph of an article and how strongly it binds States."""

    paragraph = blocks.CharBlock(
        label=_("Paragraph"),
        max_length=20,
        required=False,
        help_text=_("E.g. 25(2). Leave empty when unsure of the paragraph."),
    )
    force = blocks.ChoiceBlock(choices=Force.choices, label=_("Force"))
    text = blocks.TextBlock(label=_("What it requires or allows"))

    class Meta:
        icon = "list-ul"
        label = _("Obligation")


class ConventionArticleBlock(blocks.StructBlock):
    """The card of one Convention article: its operative rule, what is mandatory and
    what optional, its numbers, safeguards and reservations, and what it means in
    practice.

    Each article has one card in a course, in the lesson that teaches it; the
    course's article index (`CoursePage` routes) shows every card and links to
    that lesson.
    """

    article = ConventionArticleNumberBlock(
        label=_("Article number"),
        help_text=_("The article's number in the Convention, e.g. 25."),
    )
    provision = blocks.TextBlock(
        label=_("The operative rule"),
        help_text=_(
            "The rule in plain words. Paraphrase, or quote briefly and exactly. "
            "Never invent treaty wording."
        ),
    )
    obligations = blocks.ListBlock(
        ObligationBlock(),
        label=_("Mandatory and optional parts"),
        min_num=1,
    )
    numbers = blocks.ListBlock(
        blocks.CharBlock(max_length=300, label=_("Number or time limit")),
        label=_("Numbers and time limits"),
        required=False,
        help_text=_("Every number and time limit of the article, with its paragraph."),
    )
    safeguards = blocks.TextBlock(label=_("Safeguards that apply"), required=False)
    reservations = blocks.TextBlock(
        label=_("Reservations and declarations allowed"), required=False
    )
    in_practice = blocks.RichTextBlock(
        label=_("What it means in practice"), features=SHORT_TEXT_FEATURES
    )

    class Meta:
        icon = "doc-full"
        template = "courses/blocks/convention_article.html"
        label = _("Article card")

    def get_context(self, value, parent_context=None):
        """Besides the article's title: the heading level, one below the page's
        (a lesson's text has h2 headings, so cards use h3 unless the page says)."""
        context = super().get_context(value, parent_context)
        context["article_title"] = convention.articles()[value["article"]].title
        level = (parent_context or {}).get("card_heading_level", 3)
        context["heading_level"], context["subheading_level"] = level, level + 1
        return context


class KeyTermBlock(blocks.StructBlock):
    """A term the trainee must know, with its definition."""

    term = blocks.CharBlock(label=_("Term"), max_length=120)
    definition = blocks.TextBlock(label=_("Definition"))

    class Meta:
        icon = "tag"
        template = "courses/blocks/key_term.html"
        label = _("Key term")


class CaseScenarioBlock(blocks.StructBlock):
    """A case for the trainee to reason through before reading the discussion."""

    title = blocks.CharBlock(label=_("Title"), max_length=160)
    situation = blocks.RichTextBlock(label=_("Situation"), features=SHORT_TEXT_FEATURES)
    questions = blocks.ListBlock(
        blocks.TextBlock(label=_("Question")), label=_("Questions"), min_num=1
    )
    discussion = blocks.RichTextBlock(
        label=_("Discussion"), features=SHORT_TEXT_FEATURES
    )

    class Meta:
        icon = "group"
        template = "courses/blocks/case_scenario.html"
        label = _("Case scenario")


class PracticeTipBlock(blocks.StructBlock):
    """Advice from practice that a trainee can apply in their next case."""

    title = blocks.CharBlock(label=_("Title"), max_length=160)
    text = blocks.RichTextBlock(label=_("Tip"), features=SHORT_TEXT_FEATURES)

    class Meta:
        icon = "pick"
        template = "courses/blocks/practice_tip.html"
        label = _("Practice tip")


class CaptionedImageBlock(blocks.StructBlock):
    """An image with the alternative text screen-reader users need and a caption."""

    image = ImageChooserBlock(label=_("Image"))
    alt_text = blocks.CharBlock(
        label=_("Alternative text"),
        max_length=250,
        help_text=_("Describe what the image shows for people who cannot see it."),
    )
    caption = blocks.CharBlock(label=_("Caption"), required=False, max_length=250)

    class Meta:
        icon = "image"
        template = "courses/blocks/captioned_image.html"
        label = _("Image")


class VideoBlock(blocks.StructBlock):
    """A video hosted elsewhere, shown as a link so that nothing loads until asked for.

    Trainees on costly mobile data decide themselves whether to stream it; the
    transcript gives the same content as text.
    """

    title = blocks.CharBlock(label=_("Title"), max_length=160)
    url = blocks.URLBlock(label=_("Video address"))
    duration_minutes = blocks.IntegerBlock(
        label=_("Duration (minutes)"), min_value=1, required=False
    )
    transcript = blocks.RichTextBlock(
        label=_("Transcript or summary"), features=SHORT_TEXT_FEATURES, required=False
    )

    class Meta:
        icon = "media"
        template = "courses/blocks/video.html"
        label = _("Video")


class DocumentDownloadBlock(blocks.StructBlock):
    """A file from the document library for the trainee to download."""

    document = DocumentChooserBlock(label=_("Document"))
    title = blocks.CharBlock(
        label=_("Link text"),
        required=False,
        max_length=160,
        help_text=_("Leave empty to use the document's title."),
    )
    description = blocks.TextBlock(label=_("Description"), required=False)

    class Meta:
        icon = "download"
        template = "courses/blocks/document_download.html"
        label = _("Document download")


class ChecklistBlock(blocks.StructBlock):
    """Steps or checks a practitioner works through, in order."""

    title = blocks.CharBlock(label=_("Title"), max_length=160)
    items = blocks.ListBlock(
        blocks.CharBlock(label=_("Item"), max_length=400), label=_("Items"), min_num=1
    )

    class Meta:
        icon = "list-ul"
        template = "courses/blocks/checklist.html"
        label = _("Checklist")


class ModelDocumentBlock(blocks.StructBlock):
    """A model document (an order, a request) section by section, mapped to the
    articles it applies."""

    title = blocks.CharBlock(label=_("Title"), max_length=160)
    articles = blocks.CharBlock(
        label=_("Articles"), max_length=100, help_text=_("E.g. 25, 42")
    )
    purpose = blocks.TextBlock(label=_("When to use it"))
    sections = blocks.ListBlock(
        blocks.StructBlock(
            [
                ("heading", blocks.CharBlock(label=_("Heading"), max_length=160)),
                ("guidance", blocks.TextBlock(label=_("What to write"))),
            ],
            label=_("Section"),
        ),
        label=_("Sections"),
        min_num=1,
    )

    class Meta:
        icon = "doc-empty"
        template = "courses/blocks/model_document.html"
        label = _("Model document")

    def clean(self, value):
        value = super().clean(value)
        try:
            value["articles"] = convention.checked_article_list(value["articles"])
        except convention.ArticleListError as error:
            raise blocks.StructBlockValidationError(
                {"articles": ValidationError(error.message)}
            ) from error
        return value


class TimelineBlock(blocks.StructBlock):
    """One case step by step in time, e.g. from preservation to the MLA request."""

    title = blocks.CharBlock(label=_("Title"), max_length=160)
    events = blocks.ListBlock(
        blocks.StructBlock(
            [
                ("when", blocks.CharBlock(label=_("When"), max_length=60)),
                ("what", blocks.TextBlock(label=_("What happens"))),
                (
                    "articles",
                    blocks.CharBlock(
                        label=_("Articles"), max_length=60, required=False
                    ),
                ),
            ],
            label=_("Step"),
        ),
        label=_("Steps"),
        min_num=2,
    )

    class Meta:
        icon = "time"
        template = "courses/blocks/timeline.html"
        label = _("Timeline")


class TableBlock(blocks.StructBlock):
    """A small grid, e.g. mandatory and optional grounds of jurisdiction. On a phone
    each row shows as a card, labelled by the column headings."""

    title = blocks.CharBlock(label=_("Title"), max_length=160)
    columns = blocks.ListBlock(
        blocks.CharBlock(label=_("Column heading"), max_length=60),
        label=_("Column headings"),
        min_num=2,
        max_num=4,
    )
    rows = blocks.ListBlock(
        blocks.ListBlock(blocks.CharBlock(label=_("Cell"), max_length=300)),
        label=_("Rows"),
        min_num=1,
    )

    class Meta:
        icon = "table"
        template = "courses/blocks/table.html"
        label = _("Table")

    def get_context(self, value, parent_context=None):
        """The rows as (column heading, cell) pairs: on a phone each cell shows its
        heading."""
        context = super().get_context(value, parent_context)
        context["rows"] = [
            list(zip(value["columns"], row, strict=False)) for row in value["rows"]
        ]
        return context

    def clean(self, value):
        value = super().clean(value)
        width = len(value["columns"])
        for number, row in enumerate(value["rows"], 1):
            if len(row) != width:
                raise blocks.StructBlockValidationError(
                    {
                        "rows": ValidationError(
                            _("Row %(number)s has %(cells)s cells; give %(width)s.")
                            % {"number": number, "cells": len(row), "width": width}
                        )
                    }
                )
        return value


class ConventionStatusBlock(blocks.StaticBlock):
    """The dated status of the Convention (signatures, ratifications), as the
    instructors keep it in Settings → Convention status."""

    class Meta:
        icon = "date"
        template = "courses/blocks/convention_status.html"
        label = _("Convention status box")
        admin_text = _("Shows the dated status box kept in Settings.")


class LessonStreamBlock(blocks.StreamBlock):
    """The body of a lesson."""

    rich_text = blocks.RichTextBlock(
        label=_("Text"), features=LESSON_TEXT_FEATURES, icon="pilcrow"
    )
    convention_article = ConventionArticleBlock()
    key_term = KeyTermBlock()
    case_scenario = CaseScenarioBlock()
    practice_tip = PracticeTipBlock()
    image = CaptionedImageBlock()
    video = VideoBlock()
    document = DocumentDownloadBlock()
    checklist = ChecklistBlock()
    model_document = ModelDocumentBlock()
    timeline = TimelineBlock()
    table = TableBlock()
    convention_status = ConventionStatusBlock()
