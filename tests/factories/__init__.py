"""Test data built with factory_boy and wagtail-factories, one module per app.

- `accounts`: people (`UserFactory`; `TraineeFactory`, verified, with a full profile).
- `images`: Wagtail images (`ImageFactory`).
- `courses`: the page tree, each page published as an editor would publish it
  (`HomePageFactory` … `LessonPageFactory`).
- `quizzes`: the question bank and quiz pages.
- `learning`: `finish_course`, a trainee's way through a course by the real services.
- `partners`: organisations, their managers, cohorts and trainees.

Import the factories from their module (`from tests.factories.courses import
CoursePageFactory`). Production code never imports this package.
"""
