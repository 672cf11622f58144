"""Every page type passes axe-core's automated accessibility rules, LTR and RTL."""

from pathlib import Path

import pytest

from courses.models import LessonPage, ModulePage

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
    paths = ["/", "/courses/", module.get_parent().url, module.url, lesson.url]
    paths.append("/ar" + lesson.url)
    problems = {}
    for path in paths:
        browser_page.goto(demo_site + path)
        found = axe_violations(browser_page)
        if found:
            problems[path] = found
    assert not problems, problems
