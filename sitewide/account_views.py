"""Account pages: the user's own API token (create it, see it once, revoke it), the password
reset by email, and the sign-in lockouts a reviewer sees and lifts."""
from django.conf import settings
from django.contrib import messages
from axes import helpers as axes_helpers
from axes.models import AccessAttempt
from django.contrib.auth import views as auth_views
from django.core.exceptions import PermissionDenied
from django.db.models import Sum
from django.utils import timezone
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods
from rest_framework.authtoken.models import Token

from core.api_conventions import token_expiry


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def api_tokens(request: HttpRequest) -> HttpResponse:
    """GET shows whether the user has a token (never its key again); POST action=create makes a
    new one (replacing any old one) and shows its key this once; POST action=revoke deletes it."""
    action = request.POST.get("action") if request.method == "POST" else None
    if action == "create":
        with transaction.atomic():
            Token.objects.filter(user=request.user).delete()
            token = Token.objects.create(user=request.user)
        # Rendered, not redirected: the key is shown in this response only.
        return render(request, "account/tokens.html",
                      {"token": token, "new_key": token.key, "expires": token_expiry(token.created)})
    if action == "revoke":
        deleted, _ = Token.objects.filter(user=request.user).delete()
        messages.success(request, "Your API token was revoked." if deleted else "You had no API token.")
        return redirect("api-tokens")
    token = Token.objects.filter(user=request.user).first()
    expires = token_expiry(token.created) if token else None
    return render(request, "account/tokens.html", {"token": token, "new_key": None, "expires": expires})


class PasswordResetView(auth_views.PasswordResetView):
    """Django's reset by email, its link built from ``SITE_URL``: never from the request's Host
    header, which a caller could set to send someone a link to their own server."""

    email_template_name = "registration/password_reset_email.txt"

    def form_valid(self, form):
        self.extra_email_context = {"site_url": settings.SITE_URL}
        return super().form_valid(form)


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def sign_in_lockouts(request: HttpRequest) -> HttpResponse:
    """GET lists the failed sign-ins still counted (core/logins.py), those that lock marked;
    POST with a username or an address lifts its lock by forgetting its failures."""
    if not request.user.has_perms(["axes.view_accessattempt", "axes.delete_accessattempt"]):
        raise PermissionDenied("Sign-in lockouts are for reviewers and admins.")
    if request.method == "POST":
        username, address = request.POST.get("username", ""), request.POST.get("ip_address", "")
        if username or address:
            lifted = AccessAttempt.objects.filter(**({"username": username} if username else {"ip_address": address}))
            lifted.delete()
            messages.success(request, f"Lock lifted for {username or address}.")
        return redirect("sign-in-lockouts")
    attempts = AccessAttempt.objects.all()
    cooloff = axes_helpers.get_cool_off(request)
    if cooloff:
        attempts = attempts.filter(attempt_time__gte=timezone.now() - cooloff)
    limit = settings.AXES_FAILURE_LIMIT
    by_name = dict(attempts.order_by().values_list("username").annotate(n=Sum("failures_since_start")))
    by_address = dict(attempts.order_by().values_list("ip_address").annotate(n=Sum("failures_since_start")))
    rows = [
        {"attempt": a, "name_locked": by_name.get(a.username, 0) >= limit,
         "address_locked": by_address.get(a.ip_address, 0) >= limit}
        for a in attempts.order_by("-attempt_time")[:200]
    ]
    return render(request, "account/lockouts.html", {"rows": rows, "limit": limit, "cooloff": cooloff})
