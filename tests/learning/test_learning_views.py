"""Enrolment, completion and the dashboard through HTTP, as a browser would use them."""

from http import HTTPStatus

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from courses.models import LessonPage
from learning import services
from learning.models import LessonCompletion
from tests.factories.accounts import TraineeFactory
from tests.factories.courses import CoursePageFactory, LessonPageFactory


def lessons():
    return list(LessonPage.objects.order_by("path"))


def complete_url(lesson) -> str:
    return reverse("learning:complete_lesson", args=[lesson.pk])


@pytest.fixture
def trainee_client(client, trainee):
    client.force_login(trainee)
    return client


def test_trainee_enrols_from_the_course_page(trainee_client, course):
    page = trainee_client.get(course.url).content.decode()
    assert "Enrol in this course" in page

    response = trainee_client.post(reverse("learning:enrol", args=[course.pk]))

    assert response.status_code == HTTPStatus.FOUND
    page = trainee_client.get(course.url).content.decode()
    assert "You are enrolled." in page
    assert 'value="0"' in page and "0 of 4 lessons done (0%)" in page
    assert f'href="{lessons()[0].url}">Continue</a>' in page


def test_completing_a_lesson_moves_the_progress_bars(trainee_client, trainee, course):
    services.enrol(trainee, course)
    first, second, *_ = lessons()

    response = trainee_client.post(complete_url(first))

    assert response.status_code == HTTPStatus.FOUND
    assert response["Location"] == second.url
    course_page = trainee_client.get(course.url).content.decode()
    assert "1 of 4 lessons done (25%)" in course_page
    module_page = trainee_client.get(first.get_parent().url).content.decode()
    assert "1 of 2 lessons done (50%)" in module_page
    assert f'href="{second.url}">Continue the module</a>' in module_page
    dashboard = trainee_client.get(reverse("learning:dashboard")).content.decode()
    assert "1 of 4 lessons done (25%)" in dashboard
    assert f'href="{second.url}">Continue</a>' in dashboard
    lesson_page = trainee_client.get(first.url).content.decode()
    assert "You have completed this lesson." in lesson_page


def test_replayed_completion_posts_record_one(trainee_client, trainee, course):
    services.enrol(trainee, course)
    for _ in range(3):
        trainee_client.post(complete_url(lessons()[0]))
    assert LessonCompletion.objects.count() == 1


def test_last_lesson_leads_back_to_the_course_page(trainee_client, trainee, course):
    services.enrol(trainee, course)
    response = trainee_client.post(complete_url(lessons()[-1]))
    assert response["Location"] == course.url


def test_completed_module_and_course_show_their_dates(trainee_client, trainee, course):
    services.enrol(trainee, course)
    for lesson in lessons():
        trainee_client.post(complete_url(lesson))
    today = timezone.now().strftime("%-d %B %Y")
    module_page = trainee_client.get(lessons()[0].get_parent().url).content.decode()
    assert f"You completed this module on {today}." in module_page
    course_page = trainee_client.get(course.url).content.decode()
    assert f"You completed this course on {today}." in course_page


def test_completing_without_enrolment_is_refused_with_a_way_forward(
    trainee_client, course
):
    response = trainee_client.post(complete_url(lessons()[0]))
    assert response.status_code == HTTPStatus.FORBIDDEN
    html = response.content.decode()
    assert "Enrol in the course before you complete its lessons." in html
    assert reverse("learning:enrol", args=[course.pk]) in html
    assert not LessonCompletion.objects.exists()


def test_unknown_or_unpublished_lesson_is_not_found(trainee_client, trainee, course):
    services.enrol(trainee, course)
    lesson = lessons()[0]
    lesson.unpublish()
    assert trainee_client.post(complete_url(lesson)).status_code == HTTPStatus.NOT_FOUND
    missing = reverse("learning:complete_lesson", args=[999_999])
    assert trainee_client.post(missing).status_code == HTTPStatus.NOT_FOUND


def test_anonymous_visitor_is_sent_to_log_in_and_back(client, course):
    lesson = lessons()[0]
    response = client.post(complete_url(lesson))
    assert response.status_code == HTTPStatus.FOUND
    assert response["Location"] == f"{reverse('account_login')}?next={lesson.url}"
    response = client.post(reverse("learning:enrol", args=[course.pk]))
    assert response["Location"] == f"{reverse('account_login')}?next={course.url}"


def test_completion_needs_a_post_with_a_csrf_token(trainee, course):
    services.enrol(trainee, course)
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(trainee)
    lesson = lessons()[0]
    assert (
        browser.get(complete_url(lesson)).status_code == HTTPStatus.METHOD_NOT_ALLOWED
    )
    assert browser.post(complete_url(lesson)).status_code == HTTPStatus.FORBIDDEN
    assert not LessonCompletion.objects.exists()


def test_leaving_keeps_progress_and_offers_enrolment_again(
    trainee_client, trainee, course
):
    services.enrol(trainee, course)
    services.complete_lesson(trainee, lessons()[0])
    trainee_client.post(reverse("learning:leave", args=[course.pk]))
    page = trainee_client.get(course.url).content.decode()
    assert "Your completed lessons are kept" in page
    assert "Enrol in this course" in page
    trainee_client.post(reverse("learning:enrol", args=[course.pk]))
    assert "1 of 4 lessons done" in trainee_client.get(course.url).content.decode()


def test_dashboard_lists_completed_courses_and_has_an_empty_state(
    trainee_client, trainee, course
):
    html = trainee_client.get(reverse("learning:dashboard")).content.decode()
    assert "You are not enrolled in a course yet." in html
    services.enrol(trainee, course)
    for lesson in lessons():
        services.complete_lesson(trainee, lesson)
    html = trainee_client.get(reverse("learning:dashboard")).content.decode()
    assert "Completed on" in html and course.title in html
    assert "No course in progress." in html
    assert "You are not enrolled in a course yet." not in html


def test_dashboard_requires_login(client, db):
    response = client.get(reverse("learning:dashboard"))
    assert response["Location"].startswith(reverse("account_login"))


@pytest.mark.parametrize("modules", [9, 30])
def test_trainee_lesson_page_query_budget_is_fixed(
    client, db, django_assert_max_num_queries, modules
):
    course = CoursePageFactory(modules=9, modules__lessons=3)
    module = course.get_children().last().specific
    for extra in range(modules - 9):
        LessonPageFactory(parent=module, title=f"Extra lesson {extra}")
    trainee = TraineeFactory()
    services.enrol(trainee, course)
    lessons_of_course = list(LessonPage.objects.descendant_of(course).order_by("path"))
    for lesson in lessons_of_course[:3]:
        services.complete_lesson(trainee, lesson)
    for number in range(20):  # other trainees' records must not add queries
        other = TraineeFactory(email=f"colleague{number}@example.org")
        services.enrol(other, course)
        services.complete_lesson(other, lessons_of_course[0])
    client.force_login(trainee)
    lesson = lessons_of_course[4]
    client.get(lesson.url)
    with django_assert_max_num_queries(TRAINEE_LESSON_PAGE_QUERY_BUDGET):
        response = client.get(lesson.url)
    assert "Mark this lesson complete" in response.content.decode()


# The anonymous page's budget plus the user and one query for the trainee's
# enrolment, completed lessons and modules and passed quizzes. The session comes
# from the cache (cached_db); no permission look-ups: the editor bar is for people
# who use the admin.
TRAINEE_LESSON_PAGE_QUERY_BUDGET = 8
