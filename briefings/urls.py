from django.urls import path

from . import views, views_edit, views_history, views_review

app_name = "briefings"
urlpatterns = [
    path("", views.briefing_list, name="list"),
    path("new/", views_edit.briefing_create_view, name="create"),
    path("preview/", views_edit.markdown_preview, name="preview"),
    path("review/", views_review.review_queue, name="review-queue"),
    path("watches/", views.watch_list, name="watches"),
    path("watches/frequency/", views.watch_frequency, name="watch-frequency"),
    path("watches/<int:pk>/remove/", views.watch_remove, name="watch-remove"),
    path("watch/<str:kind>/<slug:slug>/", views.entry_watch, name="entry-watch"),
    path("suggestions/<int:pk>/accept/", views_review.suggestion_accept_view, name="suggestion-accept"),
    path("suggestions/<int:pk>/reject/", views_review.suggestion_reject_view, name="suggestion-reject"),
    path("review/decisions/<int:pk>/undo/", views_review.review_decision_undo_view, name="decision-undo"),
    path("b/<slug:slug>/", views.briefing_detail, name="detail"),
    path("b/<slug:slug>/edit/", views_edit.briefing_edit, name="edit"),
    path("b/<slug:slug>/edit/claims/", views_edit.claim_picker, name="cite-claims"),
    path("b/<slug:slug>/question/", views_edit.briefing_question, name="question"),
    path("b/<slug:slug>/history/", views_history.briefing_history, name="history"),
    path("b/<slug:slug>/diff/", views_history.briefing_diff, name="diff"),
    path("b/<slug:slug>/watch/", views.briefing_watch, name="watch"),
    path("b/<slug:slug>/unwatch/", views.briefing_unwatch, name="unwatch"),
    path("b/<slug:slug>/review/", views_review.draft_review, name="review"),
    path("b/<slug:slug>/review/decide/", views_review.review_decide, name="review-decide"),
    path("b/<slug:slug>/publish/", views_review.briefing_publish_view, name="publish"),
    path("b/<slug:slug>/r/<int:number>/", views.revision_detail, name="revision"),
    path("b/<slug:slug>/r/<int:number>/revert/", views_history.revision_revert, name="revert"),
]
