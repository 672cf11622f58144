"""Every page type passes axe-core's automated accessibility rules, LTR and RTL."""

from pathlib import Path

import pytest

from courses.models import LessonPage, ModulePage
from demo.accounts import TRAINEE
from quizzes.models import QuizPage

pytestmark = pytest.mark.e2e

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"


def axe_violations(page) -> list[str]:
    page.add_script_tag(path=AXE)
    result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — {v['nodes'][0]['target']}"
        for v in result["violations"]
    ]


def test_pages_have_no_accessibility_violations(demo_site, browser_page):
    lesson = LessonPage.objects.order_by("path").first()
    module = ModulePage.objects.order_by("path").first()
    course_url = module.get_parent().url
    paths = ["/", "/courses/", course_url, module.url, lesson.url, "/ar" + lesson.url]
    paths += [course_url + "articles/", course_url + "articles/28/"]
    paths += [course_url + "glossary/", *lessons_with(["table", "model_document"])]
    paths += lessons_with(["timeline", "convention_status"])
    paths += ["/accounts/signup/", "/accounts/login/", "/accounts/password/reset/"]
    problems = check_pages(browser_page, demo_site, paths)

    browser_page.goto(demo_site + "/accounts/login/")
    browser_page.locator("input[name=login]").fill(TRAINEE.email)
    browser_page.locator("input[name=password]").fill(TRAINEE.password)
    browser_page.get_by_role("button", name="Sign In").click()
    browser_page.goto(demo_site + course_url)
    browser_page.get_by_role("button", name="Enrol in this course").click()
    signed_in = [
        "/my-learning/",
        course_url,
        module.url,
        lesson.url,
        "/accounts/profile/",
    ]
    problems |= check_pages(browser_page, demo_site, signed_in, prefix="signed in: ")

    quiz = QuizPage.objects.child_of(module).get()
    browser_page.goto(demo_site + quiz.url)
    browser_page.get_by_role("button", name="Start the quiz").click()
    attempt_url = browser_page.url.removeprefix(demo_site)
    quiz_pages = [quiz.url, attempt_url]
    problems |= check_pages(browser_page, demo_site, quiz_pages, prefix="quiz: ")
    browser_page.goto(demo_site + attempt_url)
    browser_page.get_by_role("button", name="Submit for grading").click()
    found = axe_violations(browser_page)  # "you have not answered 10 questions"
    if found:
        problems["quiz: confirm submission"] = found
    browser_page.get_by_role("button", name="Submit for grading anyway").click()
    result_url = browser_page.url.removeprefix(demo_site)
    problems |= check_pages(browser_page, demo_site, [result_url], prefix="quiz: ")
    assert not problems, problems


def lessons_with(block_types: list[str]) -> list[str]:
    """The address of the first lesson that uses each of these block types."""
    lessons = LessonPage.objects.order_by("path")
    return [
        next(
            lesson.url
            for lesson in lessons
            if any(block["type"] == kind for block in lesson.body.raw_data)
        )
        for kind in block_types
    ]


def check_pages(page, site: str, paths: list[str], prefix: str = "") -> dict:
    problems = {}
    for path in paths:
        page.goto(site + path)
        found = axe_violations(page)
        if found:
            problems[prefix + path] = found
    return problems
