"""Admin forms for course pages."""

from wagtail.admin.forms import WagtailAdminPageForm


class ModulePageForm(WagtailAdminPageForm):
    """Refuses a module whose chapter or articles another module of the course has."""

    def clean(self):
        cleaned_data = super().clean()
        if self.errors or self.parent_page is None:
            return cleaned_data
        module = self.instance
        module.chapter_number = cleaned_data.get("chapter_number")
        module.articles_covered = cleaned_data.get("articles_covered", "")
        try:
            conflicts = module.sibling_conflicts(self.parent_page)
        except ValueError:
            return cleaned_data
        for field, message in conflicts.items():
            self.add_error(field, message)
        return cleaned_data
