"""Admin forms for the question bank."""

from django.core.exceptions import ValidationError
from wagtail.admin.forms import WagtailAdminModelForm

from quizzes.validation import option_problems


class QuestionForm(WagtailAdminModelForm):
    """Checks the options against the question type before anything is saved."""

    def clean(self):
        cleaned_data = super().clean()
        formset = self.formsets.get("options")
        if formset is None or not formset.is_valid():
            return cleaned_data
        options = [
            (form.cleaned_data["text"], form.cleaned_data.get("is_correct", False))
            for form in formset.forms
            if form.cleaned_data and not form.cleaned_data.get("DELETE")
        ]
        problems = option_problems(cleaned_data.get("question_type", ""), options)
        if problems:
            raise ValidationError(problems)
        return cleaned_data
