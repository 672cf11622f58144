"""A new trainee signs up, verifies the address, enrols, studies two lessons, and after
logging out and in again continues exactly where they stopped."""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from courses.models import LessonPage

pytestmark = pytest.mark.e2e

COURSE = "The UN Convention against Cybercrime: a practitioner's course"
PASSWORD = "a long passphrase 2026"


def test_sign_up_enrol_study_and_continue(demo_site, browser_page):
    page = browser_page
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto(demo_site + "/")
    page.get_by_role("link", name="Sign up").click()
    page.get_by_label("Email").fill("leila.haddad@example.org")
    page.get_by_label("Name on certificates").fill("Leïla Haddad")
    page.get_by_label("Country").select_option("MA")
    page.get_by_label("Agency or institution").fill("Direction Générale de la Sûreté")
    page.get_by_label("Job role").select_option("prosecutor")
    page.locator("input[name=password1]").fill(PASSWORD)
    page.locator("input[name=password2]").fill(PASSWORD)
    page.get_by_role("button", name="Sign Up").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Verify")

    confirm_url = re.search(r"https?://\S+", mail.outbox[-1].body).group(0)
    page.goto(confirm_url)
    page.get_by_role("button", name="Confirm").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("My learning")

    page.get_by_role("link", name="Browse the courses").click()
    page.get_by_role("link", name=COURSE).click()
    page.get_by_role("button", name="Enrol in this course").click()
    lessons = LessonPage.objects.live().count()
    expect(page.locator(".progress__text")).to_contain_text(
        f"0 of {lessons} lessons done"
    )

    page.get_by_role("link", name="Continue").click()
    first_lesson = page.get_by_role("heading", level=1).inner_text()
    page.get_by_role("button", name="Mark this lesson complete").click()
    second_lesson = page.get_by_role("heading", level=1).inner_text()
    assert second_lesson != first_lesson
    page.get_by_role("button", name="Mark this lesson complete").click()
    third_lesson = page.get_by_role("heading", level=1).inner_text()

    page.get_by_role("link", name="General provisions").first.click()
    module = LessonPage.objects.live().order_by("path").first().get_parent()
    in_module = LessonPage.objects.live().child_of(module).count()
    expect(page.locator(".progress__text")).to_contain_text(
        f"2 of {in_module} lessons done ({round(200 / in_module)}%)"
    )
    page.get_by_role("link", name="Log out").click()
    page.get_by_role("button", name="Sign Out").click()

    page.get_by_role("link", name="Log in").click()
    page.get_by_label("Email").fill("leila.haddad@example.org")
    page.locator("input[name=password]").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    expect(page.locator(".progress__text")).to_contain_text(
        f"2 of {lessons} lessons done ({round(200 / lessons)}%)"
    )
    page.get_by_role("link", name="Continue").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(third_lesson)
