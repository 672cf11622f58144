"""Instructors read each quiz's report in the admin and download it as CSV."""

import csv
import io
from http import HTTPStatus

from django.contrib.auth.models import Permission
from django.urls import reverse

from courses.models import ModulePage
from learning import services as learning
from quizzes.attempts import save_answers, start_attempt, submit_attempt
from tests.factories.accounts import TraineeFactory, UserFactory
from tests.factories.quizzes import QuestionFactory, QuizPageFactory


def test_report_lists_statistics_and_downloads_as_csv(client, course, trainee):
    question = QuestionFactory(options=[("Preserve", True), ("Wait", False)])
    quiz = QuizPageFactory(parent=ModulePage.objects.first(), questions=[question])
    learning.enrol(trainee, course)
    attempt = start_attempt(trainee, quiz)
    submit_attempt(attempt)
    instructor = TraineeFactory(email="ines@example.org")
    instructor.user_permissions.add(
        *Permission.objects.filter(codename__in=["access_admin", "view_response"])
    )
    client.force_login(instructor)

    index = client.get(reverse("quiz_reports:index")).content.decode()
    assert quiz.title in index
    detail = client.get(reverse("quiz_reports:detail", args=[quiz.pk]))
    assert detail.status_code == HTTPStatus.OK
    html = detail.content.decode()
    assert "Pass rate" in html and "0%" in html and "too hard" in html

    url = reverse("quiz_reports:detail", args=[quiz.pk])
    download = client.get(url, {"format": "csv"})
    assert download["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(download.content.decode())))
    assert rows[0][0] == "Question" and len(rows) == 2


def test_trainees_cannot_read_reports(client, trainee):
    client.force_login(trainee)
    response = client.get(reverse("quiz_reports:index"))
    assert response["Location"].startswith(reverse("wagtailadmin_login"))


def test_staff_review_a_trainees_exam_paper(client, course, trainee):
    question = QuestionFactory(options=[("Preserve", True), ("Wait", False)])
    quiz = QuizPageFactory(parent=ModulePage.objects.first(), questions=[question])
    learning.enrol(trainee, course)
    attempt = start_attempt(trainee, quiz)
    wait = question.options.get(text="Wait")
    save_answers(attempt, trainee, {question.pk: {"options": [wait.pk]}})
    submit_attempt(attempt)
    staff = UserFactory(email="staff@example.org", superuser=True)
    client.force_login(staff)

    listing = client.get(reverse("quiz_attempts:index"), {"q": "amina@"}).content
    paper_url = reverse("quiz_attempts:inspect", args=[attempt.pk])
    assert paper_url in listing.decode()
    paper = client.get(paper_url).content.decode()
    assert "Exam paper" in paper
    assert "Trainee's choice:</b> Wait" in paper and "correct answer" in paper
    assert reverse("quiz_attempts:edit", args=[attempt.pk]) not in paper
