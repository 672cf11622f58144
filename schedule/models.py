"""When each scheduled job last ran, shared by every scheduler process."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class JobRun(models.Model):
    """The last time a scheduled job was handed to the task queue.

    Schedulers on several servers read and update it under a row lock, so a job runs
    once per interval however many schedulers there are.
    """

    name = models.CharField(_("job"), max_length=200, unique=True)
    last_run_at = models.DateTimeField(_("last run"))

    class Meta:
        verbose_name = _("scheduled job run")

    def __str__(self) -> str:
        return self.name
