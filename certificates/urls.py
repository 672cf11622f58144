from django.urls import path

from certificates import views

app_name = "certificates"

urlpatterns = [
    path("", views.verify, name="verify"),
    path("public-key.pem", views.public_key, name="public_key"),
    path("offline.py", views.offline_check, name="offline_check"),
    path("<str:code>/", views.verify, name="verify_code"),
    path("<str:code>/pdf/", views.download, name="download"),
    path("<str:code>/open-badge/", views.open_badge, name="open_badge"),
]
