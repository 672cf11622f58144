"""A trainee finishes the demo course and downloads the certificate; the QR code on
the PDF opens the public page, which says it is valid; staff revoke it in the admin
and the same address then says it is revoked, with the reason."""

import shutil
import subprocess
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from accounts.models import User
from certificates.models import Certificate
from courses.models import CoursePage, LessonPage
from demo.accounts import ADMIN, TRAINEE
from demo.quizzes import demo_answer
from learning import services as learning
from quizzes.attempts import questions_of, save_answers, start_attempt, submit_attempt
from quizzes.models import QuizPage
from tests.conftest import ARTIFACTS
from tests.e2e.journeys import answer_every_question, log_in

pytestmark = pytest.mark.e2e

PHONE = {"width": 360, "height": 740}
REASON = "Completion recorded for the wrong person"


def pass_quiz(learner: User, quiz: QuizPage) -> None:
    """Take and pass `quiz` through the quiz services, as the quiz views do."""
    attempt = start_attempt(learner, quiz)
    answers = {
        item.question.pk: demo_answer(item.question, right=True)
        for item in questions_of(attempt)
    }
    save_answers(attempt, learner, answers)
    assert submit_attempt(attempt).passed


def everything_but_the_final_assessment(learner: User, course: CoursePage) -> QuizPage:
    """Complete every lesson and pass every module quiz; return the final assessment,
    the one requirement left."""
    learning.enrol(learner, course)
    for lesson in LessonPage.objects.descendant_of(course).live():
        learning.complete_lesson(learner, lesson)
    final = QuizPage.objects.child_of(course).get()
    for quiz in QuizPage.objects.descendant_of(course).exclude(pk=final.pk):
        pass_quiz(learner, quiz)
    return final


def tool(name: str) -> str:
    path = shutil.which(name)
    assert path, f"{name} not found: run `make qr-tools` (poppler-utils, zbar-tools)"
    return path


def qr_text(pdf: Path) -> str:
    """The text of the QR code on the PDF's first page, rendered at 150 dpi."""
    prefix = pdf.with_suffix("")
    render = [tool("pdftoppm"), "-r", "150", "-png", "-f", "1", "-l", "1"]
    subprocess.run([*render, pdf, prefix], check=True)  # noqa: S603 - our own file
    png = next(pdf.parent.glob(f"{prefix.name}*.png"))
    decoded = subprocess.run(  # noqa: S603 - our own file
        [tool("zbarimg"), "--raw", "-q", png],
        check=True,
        capture_output=True,
        text=True,
    )
    return decoded.stdout.strip()


def test_certificate_from_completion_to_revocation(
    demo_site, browser_page, chromium, tmp_path
):
    trainee = User.objects.get(email=TRAINEE.email)
    course = CoursePage.objects.get()
    final = everything_but_the_final_assessment(trainee, course)
    assert not Certificate.objects.exists()

    page = browser_page
    log_in(page, demo_site, TRAINEE.email, TRAINEE.password)
    page.goto(demo_site + course.url)
    page.get_by_role("link", name=final.title).click()
    page.get_by_role("button", name="Start the quiz").click()
    answer_every_question(page, right=True)
    page.get_by_role("button", name="Submit for grading").click()
    expect(page.get_by_text("You passed.")).to_be_visible()

    page.get_by_role("link", name="My learning").first.click()
    with page.expect_download() as download:
        page.get_by_role("link", name="Download your certificate (PDF)").click()
    pdf = tmp_path / "certificate.pdf"
    download.value.save_as(pdf)
    certificate = Certificate.objects.get(learner=trainee)
    # The QR code may carry signed data after "#"; the page only needs the path.
    qr_url = qr_text(pdf)
    scanned = urlsplit(qr_url)
    assert f"{scanned.scheme}://{scanned.netloc}" == demo_site, qr_url
    assert scanned.path == f"/verify/{certificate.code}/", qr_url

    # A verifier scans the code with a phone: no login.
    verifier = chromium.new_context(viewport=PHONE)
    phone = verifier.new_page()
    phone.goto(qr_url)
    expect(phone.locator("#status-heading")).to_have_text("Valid certificate")
    expect(phone.locator(".certificate-facts")).to_contain_text("Tomas Trainee")
    ARTIFACTS.mkdir(exist_ok=True)
    phone.screenshot(path=ARTIFACTS / "certificate-valid-360.png", full_page=True)

    staff = chromium.new_context(viewport={"width": 1280, "height": 900})
    admin = staff.new_page()
    admin.goto(demo_site + "/admin/")
    admin.get_by_label("E-mail address").fill(ADMIN.email)
    admin.get_by_label("Password").fill(ADMIN.password)
    admin.get_by_role("button", name="Sign in").click()
    admin.get_by_role("link", name="Certificates", exact=True).click()
    admin.get_by_role("link", name="Tomas Trainee").click()
    expect(admin.get_by_text(certificate.code).first).to_be_visible()
    admin.get_by_label("Reason (shown on the verification page)").fill(REASON)
    admin.get_by_role("button", name="Revoke this certificate").click()
    expect(admin.get_by_text("The certificate is revoked.")).to_be_visible()
    staff.close()

    # A new scan: going to the same address with a "#" part would not reload.
    phone = verifier.new_page()
    phone.goto(qr_url)
    expect(phone.locator("#status-heading")).to_have_text("Revoked certificate")
    expect(phone.get_by_text(f"Reason: {REASON}")).to_be_visible()
    phone.screenshot(path=ARTIFACTS / "certificate-revoked-360.png", full_page=True)
    verifier.close()
