from django.urls import path

from . import views

app_name = "actors"
urlpatterns = [
    path("", views.actor_list, name="actor-list"),
    path("candidates/", views.candidate_list, name="candidate-list"),
    path("candidates/<str:target>/<int:pk>/", views.candidate_review, name="candidate-review"),
    path("regions/", views.region_list, name="region-list"),
    path("regions/<slug:slug>/", views.region_detail, name="region-detail"),
    path("<slug:slug>/", views.actor_detail, name="actor-detail"),
]
