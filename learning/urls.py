from django.urls import path

from learning import views

app_name = "learning"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("courses/<int:course_id>/enrol/", views.enrol, name="enrol"),
    path("courses/<int:course_id>/leave/", views.leave, name="leave"),
    path("courses/<int:course_id>/retake/", views.retake, name="retake"),
    path(
        "lessons/<int:lesson_id>/complete/",
        views.complete_lesson,
        name="complete_lesson",
    ),
]
