"""A partner manager creates a cohort for the demo course, uploads a CSV file with one
bad row, sees the problem on that row, uploads the corrected file and imports it; after
one of the imported trainees completes a lesson, the manager sees it on the trainee's
progress page."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from accounts.models import User
from courses.models import CoursePage, LessonPage
from tests.e2e.journeys import log_in
from tests.factories.partners import ManagerFactory, OrganisationFactory

pytestmark = pytest.mark.e2e

PHONE = {"width": 360, "height": 740}
MANAGER_PASSWORD = "correct horse battery"  # the test factories' password
TRAINEE_PASSWORD = "a long passphrase 2026"
HEADER = "email,name,country,role\n"
AMINA = "amina.kariuki@example.org,Amina Kariuki,Kenya,investigator\n"
BAD_ROW = "jean.mbeki@example.org,Jean Mbeki,Keniya,prosecutor\n"
GOOD_ROW = "jean.mbeki@example.org,Jean Mbeki,UG,prosecutor\n"


def csv_upload(text: str) -> dict:
    return {"name": "trainees.csv", "mimeType": "text/csv", "buffer": text.encode()}


def test_cohort_import_and_progress(demo_site, browser_page, chromium):
    course = CoursePage.objects.live().order_by("path").first()
    academy = OrganisationFactory(name="Kenya Police Academy")
    manager = ManagerFactory(organisation=academy, email="head.of.training@example.org")
    today = timezone.localdate()

    page = browser_page
    page.set_viewport_size(PHONE)
    log_in(page, demo_site, manager.email, MANAGER_PASSWORD)
    page.goto(f"{demo_site}/partners/{academy.pk}/cohorts/")
    page.get_by_role("link", name="New cohort").click()
    page.get_by_label("Name").fill("Investigators, intake 1")
    page.get_by_label(course.title).check()
    page.get_by_label("Start date").fill(today.isoformat())
    page.get_by_label("End date").fill((today + timedelta(days=60)).isoformat())
    page.get_by_role("button", name="Create the cohort").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Investigators, intake 1")

    page.get_by_role("link", name="Add trainees from a CSV file").click()
    expect(page.get_by_label("Add them to a cohort")).to_have_value(
        str(academy.cohorts.get().pk)
    )
    page.get_by_label("CSV file").set_input_files(csv_upload(HEADER + AMINA + BAD_ROW))
    page.get_by_role("button", name="Check the file").click()
    expect(page.get_by_role("alert")).to_contain_text(
        "1 row has a problem: nothing has been imported"
    )
    bad = page.locator("tr.roster__problem")
    expect(bad).to_have_count(1)
    expect(bad).to_contain_text("3")
    expect(bad).to_contain_text("Unknown country “Keniya”")

    page.get_by_label("CSV file").set_input_files(csv_upload(HEADER + AMINA + GOOD_ROW))
    page.get_by_role("button", name="Check the file").click()
    expect(
        page.get_by_role("heading", name="2 people are ready to import")
    ).to_be_visible()
    page.get_by_role("button", name="Import 2 people").click()
    expect(page.locator(".message--success")).to_contain_text(
        "2 new accounts were created, each sent an invitation"
    )
    expect(page.get_by_role("heading", name="2 members")).to_be_visible()

    amina = User.objects.get(email="amina.kariuki@example.org")
    amina.set_password(TRAINEE_PASSWORD)
    amina.save()
    first_lesson = LessonPage.objects.live().descendant_of(course).order_by("path")[0]
    trainee_context = chromium.new_context(viewport=PHONE)
    try:
        trainee_page = trainee_context.new_page()
        trainee_page.set_default_timeout(15_000)
        log_in(trainee_page, demo_site, amina.email, TRAINEE_PASSWORD)
        expect(trainee_page.get_by_role("heading", level=1)).to_have_text("My learning")
        trainee_page.goto(demo_site + first_lesson.url)
        trainee_page.get_by_role("button", name="Mark this lesson complete").click()
        expect(trainee_page.get_by_role("heading", level=1)).not_to_have_text(
            first_lesson.title
        )
    finally:
        trainee_context.close()

    page.reload()
    page.get_by_role("link", name="Amina Kariuki").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Amina Kariuki")
    expect(page.locator(".progress__text").first).to_have_text(
        re.compile(r"^1 of \d+ lessons done")
    )
