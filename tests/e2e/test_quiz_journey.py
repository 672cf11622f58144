"""A trainee takes a module quiz: reloads midway and resumes, fails, retakes, passes,
and the module turns complete. An instructor writes a question in the admin and
imports more from a GIFT file."""

import re

import pytest
from playwright.sync_api import expect

from accounts.models import User
from courses.models import CoursePage, LessonPage, ModulePage
from demo.accounts import INSTRUCTOR, TRAINEE
from learning import services as learning
from quizzes.models import Question, QuizPage
from tests.e2e.journeys import answer_every_question, log_in

pytestmark = pytest.mark.e2e


def test_trainee_fails_retakes_and_passes_the_module_quiz(demo_site, browser_page):
    page = browser_page
    trainee = User.objects.get(email=TRAINEE.email)
    course = CoursePage.objects.get()
    module = ModulePage.objects.child_of(course).first()
    learning.enrol(trainee, course)
    for lesson in LessonPage.objects.child_of(module):
        learning.complete_lesson(trainee, lesson)
    quiz = QuizPage.objects.child_of(module).get()

    log_in(page, demo_site, TRAINEE.email, TRAINEE.password)
    page.goto(demo_site + module.url)
    page.get_by_role("link", name=quiz.title).click()
    page.get_by_role("button", name="Start the quiz").click()
    first = page.locator("fieldset.question input[type=radio]").first
    first.check()
    expect(page.locator(".save-status")).to_have_text("Answer saved.")
    page.reload()
    expect(page.locator("fieldset.question input[type=radio]").first).to_be_checked()

    answer_every_question(page, right=False)
    page.get_by_role("button", name="Submit for grading").click()
    expect(page.get_by_text("You did not pass this time.")).to_be_visible()

    page.get_by_role("link", name="Back to the quiz").click()
    page.get_by_role("button", name="Try again").click()
    answer_every_question(page, right=True)
    page.get_by_role("button", name="Submit for grading").click()
    expect(page.get_by_text("Your score: 100%")).to_be_visible()

    page.goto(demo_site + module.url)
    expect(page.get_by_text("You have passed the module quiz.")).to_be_visible()
    expect(page.get_by_text("You completed this module on")).to_be_visible()


GIFT_WITH_A_BAD_QUESTION = """::Preserve first:: A provider may soon delete the logs \
an investigator needs. What should she request first? [articles: 25] {
=Expedited preservation of the data#It keeps the data while the order is sought.
~A search of the provider's offices#Too slow and too intrusive.
}

A production order under Article 27 names the data it requires. [articles: 127] {T}
"""


def test_instructor_writes_a_question_then_imports_a_gift_file(demo_site, browser_page):
    page = browser_page
    before = Question.objects.count()
    page.goto(demo_site + "/admin/")
    page.get_by_label("E-mail address").fill(INSTRUCTOR.email)
    page.get_by_label("Password").fill(INSTRUCTOR.password)
    page.get_by_role("button", name="Sign in").click()

    page.goto(demo_site + "/admin/snippets/quizzes/question/add/")
    page.get_by_label("Type").select_option("true_false")
    page.get_by_label("Category").select_option(
        label="Chapter IV. Procedural measures and law enforcement"
    )
    page.get_by_label("Convention articles tested").fill("24")
    page.locator(".public-DraftEditor-content").first.click()
    page.keyboard.type("Every procedural power has conditions and safeguards.")
    # The rich-text editor stores its content a moment after the last key.
    expect(page.locator("input[name=stem]")).to_have_value(
        re.compile("Every procedural power")
    )
    page.get_by_label("The statement is true").select_option("true")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Question 'Every procedural power")).to_be_visible()

    page.get_by_role("link", name="Import questions").click()
    page.get_by_label("GIFT text").fill(GIFT_WITH_A_BAD_QUESTION)
    page.get_by_label("Category").fill("Chapter IV drills")
    page.get_by_role("button", name="Preview").click()
    expect(page.get_by_role("alert")).to_contain_text("nothing has been imported")
    expect(page.get_by_role("alert")).to_contain_text("no article 127")

    fixed = page.get_by_label("GIFT text").input_value().replace("127", "27")
    page.get_by_label("GIFT text").fill(fixed)
    page.get_by_role("button", name="Preview").click()
    expect(page.get_by_text("2 questions are ready to import")).to_be_visible()
    page.get_by_role("button", name="Import 2 questions").click()
    expect(page.get_by_text("2 questions imported.")).to_be_visible()
    assert Question.objects.count() == before + 3


def test_quiz_works_with_javascript_switched_off(demo_site, chromium):
    trainee = User.objects.get(email=TRAINEE.email)
    course = CoursePage.objects.get()
    learning.enrol(trainee, course)
    quiz = QuizPage.objects.child_of(ModulePage.objects.child_of(course).first()).get()
    context = chromium.new_context(java_script_enabled=False)
    page = context.new_page()
    log_in(page, demo_site, TRAINEE.email, TRAINEE.password)
    page.goto(demo_site + quiz.url)
    page.get_by_role("button", name="Start the quiz").click()
    page.locator("fieldset.question input[type=radio]").first.check()
    page.get_by_role("button", name="Save answers").click()
    expect(page.get_by_text("Your answers are saved.")).to_be_visible()
    expect(page.locator("fieldset.question input[type=radio]").first).to_be_checked()
    page.get_by_role("button", name="Submit for grading").click()
    expect(page.get_by_text("You have not answered 9 of 10 questions.")).to_be_visible()
    page.get_by_role("button", name="Submit for grading anyway").click()
    expect(page.get_by_text("Your score:")).to_be_visible()
    context.close()
