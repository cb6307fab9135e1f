from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView, SpectacularSwaggerView

from sitewide import account_views, api_router
from sitewide import views as views_search

from . import views

urlpatterns = [
    # The wiki's pages first: they are the ones read most, and none of their paths starts with
    # another app's prefix, so the order changes nothing but how soon they resolve.
    path("", include("briefings.urls")),
    path("healthz", views.healthz, name="healthz"),
    path("favicon.ico", views.favicon, name="favicon"),
    path("admin/", admin.site.urls),
    path("accounts/login/", auth_views.LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("accounts/password/", auth_views.PasswordChangeView.as_view(), name="password_change"),
    path("accounts/password/done/", auth_views.PasswordChangeDoneView.as_view(), name="password_change_done"),
    path("accounts/password/reset/", account_views.PasswordResetView.as_view(), name="password_reset"),
    path("accounts/password/reset/done/", auth_views.PasswordResetDoneView.as_view(), name="password_reset_done"),
    path("accounts/reset/<uidb64>/<token>/", auth_views.PasswordResetConfirmView.as_view(),
         name="password_reset_confirm"),
    path("accounts/reset/done/", auth_views.PasswordResetCompleteView.as_view(), name="password_reset_complete"),
    path("accounts/tokens/", account_views.api_tokens, name="api-tokens"),
    path("accounts/lockouts/", account_views.sign_in_lockouts, name="sign-in-lockouts"),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("api/docs/", SpectacularSwaggerView.as_view(url_name="api-schema"), name="api-docs"),
    path("api/redoc/", SpectacularRedocView.as_view(url_name="api-schema"), name="api-redoc"),
    path("api/", include((api_router.urlpatterns, "api"))),
    path("actors/", include("actors.urls")),
    path("sources/", include("sources.urls")),
    path("search/", views_search.search, name="search"),
    path("changes/", views_search.recent_changes, name="changes"),
    path("claims/", include("claims.urls")),
    path("digest/", include("digests.urls")),
]
