"""An instructor logs in, edits a lesson, publishes it and sees the change."""

import pytest
from playwright.sync_api import expect

from courses.models import LessonPage
from demo.accounts import INSTRUCTOR

pytestmark = pytest.mark.e2e


def test_instructor_edits_and_publishes_a_lesson(demo_site, browser_page):
    page = browser_page
    lesson = LessonPage.objects.order_by("path").first()

    page.goto(demo_site + "/admin/")
    page.get_by_label("E-mail address").fill(INSTRUCTOR.email)
    page.get_by_label("Password").fill(INSTRUCTOR.password)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", level=1)).to_be_visible()

    page.goto(f"{demo_site}/admin/pages/{lesson.pk}/edit/")
    title = page.locator("#id_title")
    title.fill("Why the Convention exists (revised)")
    page.locator("footer [data-w-dropdown-target='toggle']").first.click()
    page.get_by_role("button", name="Publish").click()
    expect(page.locator(".messages")).to_contain_text("published")

    page.goto(demo_site + lesson.url)
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Why the Convention exists (revised)"
    )
