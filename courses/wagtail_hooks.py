"""The glossary in the admin: instructors keep its terms as snippets."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from courses.models import GlossaryTerm


class GlossaryTermViewSet(SnippetViewSet):
    model = GlossaryTerm
    icon = "help"
    menu_label = _("Glossary")
    list_display = ["term", "abbreviation", "articles"]
    search_fields = ["term", "abbreviation", "definition"]
    add_to_admin_menu = True
    menu_order = 250


register_snippet(GlossaryTermViewSet)
