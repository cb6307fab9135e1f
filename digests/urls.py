from django.urls import path

from . import views

app_name = "digests"
urlpatterns = [
    path("preview/", views.digest_preview, name="preview"),
    path("unsubscribe/<str:token>/", views.digest_unsubscribe, name="unsubscribe"),
]
