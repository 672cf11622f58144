"""What a trainee sees on a lesson page: where they are, what comes next, the blocks."""

from http import HTTPStatus

import pytest
from django.core.exceptions import ValidationError

from courses.blocks import ConventionArticleBlock
from courses.models import LessonPage
from tests.factories.courses import CoursePageFactory, LessonPageFactory

# Wagtail finds the site, the active locale and the home page; the lesson itself
# comes in one query (its route is cached, `courses.caching`); Wagtail checks the
# view restrictions on it and its ancestors in two. The breadcrumbs, the course
# outline, the catalogue link and the lesson body come from the cache.
LESSON_PAGE_QUERY_BUDGET = 6


def lessons_in_course_order():
    return list(LessonPage.objects.order_by("path"))


def test_lesson_shows_breadcrumbs_from_home_to_module(client, course):
    lesson = lessons_in_course_order()[0]
    html = client.get(lesson.url).content.decode()
    breadcrumbs = html.split('aria-label="Breadcrumb"')[1].split("</nav>")[0]
    for title in ["Home", "Courses", "Cybercrime basics", "General provisions"]:
        assert f">{title}</a>" in breadcrumbs
    assert f'<span aria-current="page">{lesson.title}</span>' in breadcrumbs


def test_lesson_lists_its_module_lessons_with_the_current_one_marked(client, course):
    first, second, third, _ = lessons_in_course_order()
    html = client.get(second.url).content.decode()
    toc = html.split('id="module-toc-heading"')[1]
    assert f'href="{first.url}"' in toc
    assert f'<span aria-current="page">{second.title}</span>' in toc
    assert third.title not in toc
    assert "Lesson 2 of 2" in html


def test_next_lesson_continues_into_the_next_module(client, course):
    first, second, third, fourth = lessons_in_course_order()
    html = client.get(second.url).content.decode()
    assert f'rel="prev" href="{first.url}"' in html
    assert f'rel="next" href="{third.url}"' in html
    assert 'rel="prev"' not in client.get(first.url).content.decode()
    assert 'rel="next"' not in client.get(fourth.url).content.decode()


def test_unpublished_lesson_is_left_out_of_navigation_and_not_served(client, course):
    first, second, third, _ = lessons_in_course_order()
    second.unpublish()
    assert client.get(second.url or "/x/").status_code == HTTPStatus.NOT_FOUND
    html = client.get(first.url).content.decode()
    assert second.title not in html
    assert f'rel="next" href="{third.url}"' in html


def test_lesson_blocks_render_for_the_trainee(client, course):
    html = client.get(lessons_in_course_order()[0].url).content.decode()
    assert "Article 1</a> Statement of purpose" in html  # title from reference
    assert "Mandatory</span>" in html and "<li>Up to 90 days</li>" in html
    assert "Paraphrase of the provision for the test." in html
    assert "<dt>" in html and "Traffic data" in html
    assert "<summary>Show the discussion</summary>" in html
    assert "Practice tip" in html and "Record each step." in html
    assert "<li>Hash tool</li>" in html


def test_article_block_refuses_an_article_the_convention_does_not_have():
    block = ConventionArticleBlock()
    value = block.to_python(
        {"article": 69, "provision": "x", "in_practice": "<p>y</p>"}
    )
    with pytest.raises(ValidationError):
        block.clean(value)


def test_video_is_a_link_that_loads_nothing_until_followed(client, course):
    lesson = lessons_in_course_order()[0]
    lesson.body.append(
        (
            "video",
            {
                "title": "Preserving a cloud account",
                "url": "https://video.example.org/watch/123",
                "duration_minutes": 6,
                "transcript": "<p>First, identify the account.</p>",
            },
        )
    )
    lesson.save_revision().publish()
    html = client.get(lesson.url).content.decode()
    assert 'href="https://video.example.org/watch/123"' in html
    assert "<iframe" not in html
    assert "First, identify the account." in html


@pytest.mark.parametrize("modules", [9, 30])
def test_lesson_page_query_count_does_not_grow_with_the_course(
    client, db, django_assert_max_num_queries, modules
):
    course = CoursePageFactory(modules=9, modules__lessons=3)
    module = course.get_children().last()
    for extra in range(modules - 9):
        LessonPageFactory(parent=module.specific, title=f"Extra lesson {extra}")
    lesson = LessonPage.objects.descendant_of(course).order_by("path")[4]
    client.get(lesson.url)  # warm the per-process caches (site root paths)
    with django_assert_max_num_queries(LESSON_PAGE_QUERY_BUDGET):
        response = client.get(lesson.url)
    assert response.status_code == HTTPStatus.OK
