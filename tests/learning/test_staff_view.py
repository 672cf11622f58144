"""Staff find any trainee in the Wagtail admin and see their enrolments and progress."""

from http import HTTPStatus

from django.contrib.auth.models import Permission
from django.urls import reverse

from courses.models import LessonPage
from learning import services
from learning.models import Enrolment
from tests.factories.accounts import TraineeFactory, UserFactory


def test_staff_find_a_trainee_and_see_progress_by_module(client, course, trainee):
    other = TraineeFactory(email="someone.else@example.org")
    for learner in (trainee, other):
        services.enrol(learner, course)
    services.complete_lesson(trainee, LessonPage.objects.order_by("path").first())
    staff = UserFactory(email="staff@example.org", superuser=True)
    client.force_login(staff)

    listing = client.get(reverse("learner_progress:index"), {"q": "amina@example"})

    html = listing.content.decode()
    assert listing.status_code == HTTPStatus.OK
    assert "amina@example.org" in html and "someone.else@example.org" not in html
    assert "1 of 4 lessons (25%)" in html
    assert reverse("learner_progress:add") not in html  # progress is not edited by hand

    enrolment = Enrolment.objects.get(learner=trainee)
    inspect_url = reverse("learner_progress:inspect", args=[enrolment.pk])
    assert f'href="{inspect_url}"' in html
    detail = client.get(inspect_url)
    detail_html = detail.content.decode()
    assert "Progress by module" in detail_html
    assert "1 / 2" in detail_html and "0 / 2" in detail_html


def test_trainees_and_instructors_cannot_open_learner_records(client, trainee, course):
    client.force_login(trainee)
    response = client.get(reverse("learner_progress:index"))
    assert response["Location"].startswith(reverse("wagtailadmin_login"))

    instructor = TraineeFactory(email="ines@example.org")
    instructor.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(instructor)
    response = client.get(reverse("learner_progress:index"))
    assert response.status_code == HTTPStatus.FOUND
    assert response["Location"] == reverse("wagtailadmin_home")
