"""Instructors import GIFT questions: a preview lists every line in error, and nothing
is imported while any question is invalid."""

from http import HTTPStatus

import pytest
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from quizzes.models import Question
from tests.factories.accounts import TraineeFactory

GOOD = """// Chapter IV questions
::Preserve first:: An investigator fears a provider will delete logs. What does
she ask for first? [articles: 25] {
=Expedited preservation of the stored data#Right: it keeps the data safe meanwhile.
~A search warrant for the provider's offices#Too slow and too intrusive.
~Nothing until the case is stronger#The data may be gone by then.
}

Interception of content data needs the strongest safeguards. [articles: 30, 24] {T}
"""
BAD = (
    GOOD
    + """
A production order can be addressed to any person who holds the data. [articles: 99] {T}
"""
)


@pytest.fixture
def instructor_client(client, db):
    user = TraineeFactory(email="ines@example.org")
    user.user_permissions.add(
        *Permission.objects.filter(codename__in=["access_admin", "add_question"])
    )
    client.force_login(user)
    return client


def test_a_bad_question_blocks_the_whole_import(instructor_client):
    url = reverse("quizzes_import_questions")
    upload = SimpleUploadedFile("chapter4.txt", BAD.encode(), content_type="text/plain")
    response = instructor_client.post(
        url, {"gift_file": upload, "category": "Chapter IV", "import": "1"}
    )
    html = response.content.decode()
    assert response.status_code == HTTPStatus.OK
    assert "1 problem: nothing has been imported" in html
    assert "The Convention has no article 99." in html
    bad_line = GOOD.count("\n") + 2
    assert f"<td>{bad_line}</td>" in html
    assert not Question.objects.exists()


def test_fixed_text_is_previewed_then_imported(instructor_client):
    url = reverse("quizzes_import_questions")
    preview = instructor_client.post(
        url, {"gift_text": GOOD, "category": "Chapter IV", "preview": "1"}
    )
    assert "2 questions are ready to import" in preview.content.decode()
    assert not Question.objects.exists()

    response = instructor_client.post(
        url, {"gift_text": GOOD, "category": "Chapter IV", "import": "1"}
    )

    assert response.status_code == HTTPStatus.FOUND
    single, true_false = Question.objects.order_by("pk")
    assert single.question_type == "single_choice" and single.articles == "25"
    assert single.options.get(is_correct=True).text.startswith("Expedited")
    assert true_false.true_false_answer is True and true_false.articles == "24, 30"
    assert single.category.name == "Chapter IV"


def test_empty_submission_is_explained(instructor_client):
    response = instructor_client.post(
        reverse("quizzes_import_questions"), {"gift_text": " ", "category": "X"}
    )
    assert "Choose a file or paste some questions." in response.content.decode()


def test_trainees_cannot_import(client, trainee):
    client.force_login(trainee)
    response = client.get(reverse("quizzes_import_questions"))
    assert response["Location"].startswith(reverse("wagtailadmin_login"))
