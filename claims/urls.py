from django.urls import path

from . import views

app_name = "claims"
urlpatterns = [
    path("", views.claim_list, name="list"),
    path("<int:pk>/", views.claim_detail, name="detail"),
    path("<int:pk>/status/", views.claim_status, name="status"),
    path("<int:pk>/correct/", views.claim_correct_view, name="correct"),
    path("<int:pk>/not-a-claim/", views.claim_not_claim_view, name="not-claim"),
    path("<int:pk>/merge/", views.claim_merge_view, name="merge"),
    path("<int:pk>/relations/", views.claim_relate_view, name="relate"),
    path("<int:pk>/relations/<int:relation_pk>/remove/", views.claim_unrelate_view, name="unrelate"),
    path("facts/<int:pk>/state/", views.fact_state_view, name="fact-state"),
]
