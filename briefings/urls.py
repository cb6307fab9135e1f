from django.urls import path

from . import views, views_digests

app_name = "briefings"
urlpatterns = [
    path("", views.briefing_list, name="list"),
    path("claims/<int:pk>/", views.claim_detail, name="claim-detail"),
    path("watches/", views.watch_list, name="watches"),
    path("b/<slug:slug>/", views.briefing_detail, name="detail"),
    path("b/<slug:slug>/review/", views.draft_review, name="review"),
    path("b/<slug:slug>/r/<int:number>/", views.revision_detail, name="revision"),
    path("digest/preview/", views_digests.digest_preview, name="digest-preview"),
    path("digest/unsubscribe/<str:token>/", views_digests.digest_unsubscribe, name="digest-unsubscribe"),
]
