from django.urls import path

from certificates import views

app_name = "certificates"

urlpatterns = [
    path("", views.verify, name="verify"),
    path("<str:code>/", views.verify, name="verify_code"),
    path("<str:code>/pdf/", views.download, name="download"),
]
