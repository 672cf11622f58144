"""Reminders that lead trainees back before a deadline: a month before their
certificate expires, and two weeks before their cohort ends with a course
unfinished. Each is sent once, in the trainee's language, and only to those who
have not turned reminders off in their profile."""

from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from learning.reminders import send_certificate_expiry_reminders
from partners.reminders import send_cohort_end_reminders
from tests.factories.accounts import TraineeFactory
from tests.factories.learning import finish_course
from tests.factories.partners import CohortFactory, CohortMemberFactory


@pytest.fixture
def expiring(course, trainee):
    course.certificate_valid_months = 24
    course.save()
    certificate = finish_course(trainee, course)
    mail.outbox.clear()
    return certificate


def test_a_certificate_expiring_within_a_month_is_reminded_once(expiring):
    a_month_before = expiring.expires_on - timedelta(days=30)
    assert send_certificate_expiry_reminders(a_month_before - timedelta(days=1)) == 0
    assert send_certificate_expiry_reminders(a_month_before) == 1
    assert send_certificate_expiry_reminders(a_month_before + timedelta(days=1)) == 0
    [message] = mail.outbox
    assert expiring.course_title in message.subject
    assert "/my-learning/" in message.body and "/accounts/profile/" in message.body


def test_no_reminder_for_a_revoked_certificate_or_after_opting_out(expiring, trainee):
    trainee.reminders = False
    trainee.save()
    day = expiring.expires_on - timedelta(days=10)
    assert send_certificate_expiry_reminders(day) == 0
    trainee.reminders = True
    trainee.save()
    expiring.revoked_at = timezone.now()
    expiring.save()
    assert send_certificate_expiry_reminders(day) == 0


def test_members_with_an_unfinished_course_are_reminded_before_the_cohort_ends(
    course,
):
    cohort = CohortFactory(
        courses=[course], end_date=timezone.localdate() + timedelta(days=10)
    )
    behind = CohortMemberFactory(cohort=cohort).user
    done = CohortMemberFactory(cohort=cohort).user
    finish_course(done, course)
    opted_out = CohortMemberFactory(
        cohort=cohort, user=TraineeFactory(reminders=False)
    ).user
    mail.outbox.clear()

    assert send_cohort_end_reminders() == 1
    assert send_cohort_end_reminders() == 0  # once per cohort and end date
    [message] = mail.outbox
    assert message.to == [behind.email]
    assert cohort.name in message.subject and course.title in message.body
    assert not {done.email, opted_out.email} & set(message.to)


def test_a_cohort_ending_later_is_not_reminded_yet(course):
    CohortMemberFactory(cohort=CohortFactory(courses=[course]))  # ends in 30 days
    assert send_cohort_end_reminders() == 0


def test_reminders_are_turned_off_in_the_profile(client, trainee):
    client.force_login(trainee)
    page = client.get(reverse("accounts:profile")).content.decode()
    assert "E-mail me reminders" in page
    data = {
        "certificate_name": "Amina K.",
        "country": "KE",
        "agency": "National Police",
        "job_role": "investigator",
        "preferred_language": "en",
        "gender": "",
    }
    client.post(reverse("accounts:profile"), data)  # the box left unticked
    trainee.refresh_from_db()
    assert trainee.reminders is False
