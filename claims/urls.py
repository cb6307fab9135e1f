from django.urls import path

from . import views

app_name = "claims"
urlpatterns = [
    path("<int:pk>/", views.claim_detail, name="detail"),
    path("<int:pk>/status/", views.claim_status, name="status"),
]
