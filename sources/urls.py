from django.urls import path

from . import views, views_intake

app_name = "sources"
urlpatterns = [
    path("articles/new/", views_intake.article_submit_view, name="article-submit"),
    path("articles/", views.article_list, name="article-list"),
    path("articles/<int:pk>/", views.article_detail, name="article-detail"),
    path("articles/<int:pk>/reprocess/", views.article_reprocess_view, name="article-reprocess"),
    path("articles/<int:pk>/status/", views.article_status, name="article-status"),
    path("outlets/<slug:slug>/", views.outlet_detail, name="outlet-detail"),
    path("feeds/<int:pk>/", views.feed_detail, name="feed-detail"),
]
