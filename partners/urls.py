from django.urls import path

from partners import dashboard_views, export_views, member_views, views

app_name = "partners"

urlpatterns = [
    path("", views.home, name="home"),
    path("<int:organisation_id>/", dashboard_views.dashboard, name="dashboard"),
    path(
        "<int:organisation_id>/trainees/<int:user_id>/",
        dashboard_views.trainee,
        name="trainee",
    ),
    path(
        "<int:organisation_id>/cohorts/<int:cohort_id>/mastery/",
        dashboard_views.mastery,
        name="mastery",
    ),
    path("join/<str:code>/", member_views.join, name="join"),
    path("<int:organisation_id>/cohorts/", member_views.cohorts, name="cohorts"),
    path(
        "<int:organisation_id>/cohorts/new/",
        member_views.cohort_create,
        name="cohort_create",
    ),
    path(
        "<int:organisation_id>/cohorts/<int:cohort_id>/",
        member_views.cohort,
        name="cohort",
    ),
    path("<int:organisation_id>/import/", member_views.roster_import, name="import"),
    path(
        "<int:organisation_id>/exports/",
        export_views.exports_page,
        name="exports",
    ),
    path(
        "<int:organisation_id>/export/<slug:report>.<slug:file_format>",
        export_views.export,
        name="export",
    ),
    path(
        "<int:organisation_id>/cohorts/<int:cohort_id>/certificates.zip",
        export_views.cohort_certificates,
        name="cohort_certificates",
    ),
]
