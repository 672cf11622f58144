"""A visitor on a phone reads: catalogue → course → module → lesson → next."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.e2e


def test_visitor_reads_from_catalogue_to_the_next_lesson(demo_site, browser_page):
    page = browser_page
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto(demo_site + "/")
    page.get_by_role("link", name="Browse the courses").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Courses")

    page.get_by_role(
        "link", name="The UN Convention against Cybercrime: a practitioner's course"
    ).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("practitioner")
    expect(page.locator("ol.toc > li")).to_have_count(9)

    page.get_by_role("link", name="General provisions").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("General provisions")
    first_lesson = page.locator("ol.toc > li a").first.inner_text()

    page.get_by_role("link", name="Start the module").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(first_lesson)
    expect(page.locator(".kicker")).to_contain_text(re.compile(r"Lesson 1 of \d+"))
    expect(page.locator(".block--article").first).to_be_visible()

    next_link = page.locator("a[rel=next]")
    second_lesson = next_link.inner_text().replace("Next lesson", "").strip()
    next_link.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(second_lesson)
    expect(page.locator(".kicker")).to_contain_text("Lesson 2 of")
    expect(page.locator("a[rel=prev]")).to_contain_text(first_lesson)
    assert page.evaluate("document.documentElement.scrollWidth") <= 360


def test_lesson_works_with_javascript_switched_off(demo_site, chromium):
    context = chromium.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(demo_site + "/courses/")
    page.locator(".card__title a").first.click()
    page.get_by_role("link", name="Start the course").click()
    expect(page.locator(".kicker")).to_contain_text("Lesson 1 of")
    while not page.get_by_text("Show the discussion").count():
        page.locator("a[rel=next]").click()
    page.get_by_text("Show the discussion").first.click()
    expect(page.locator("details[open]").first).to_be_visible()
    context.close()
