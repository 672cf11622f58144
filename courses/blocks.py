"""StreamField blocks that instructors combine into lessons.

Each block renders with its own template in `courses/templates/courses/blocks/`.
Rich text is limited to the features a lesson needs so that pasted content stays clean.
"""

from django.core.exceptions import ValidationError
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


class ConventionArticleBlock(blocks.StructBlock):
    """A Convention article: what it provides and what that means in practice."""

    article = ConventionArticleNumberBlock(
        label=_("Article number"),
        help_text=_("The article's number in the Convention, e.g. 25."),
    )
    provision = blocks.TextBlock(
        label=_("What the article provides"),
        help_text=_(
            "Paraphrase in your own words, or quote briefly and exactly. "
            "Never invent treaty wording."
        ),
    )
    in_practice = blocks.RichTextBlock(
        label=_("What it means in practice"), features=SHORT_TEXT_FEATURES
    )

    class Meta:
        icon = "doc-full"
        template = "courses/blocks/convention_article.html"
        label = _("Convention article")

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        context["article_title"] = convention.articles()[value["article"]].title
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
