"""Digest pages: the preview of a user's next digest, and the no-login unsubscribe link."""
from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from briefings.models import Frequency
from briefings.services import digest_frequency_set, user_digest_frequency

from .build import digest_preview as build_preview
from .tokens import unsubscribe_user


@login_required
def digest_preview(request):
    """What the signed-in user's next digest would say if it were sent now."""
    digest = build_preview(request.user, timezone.now())
    return render(
        request,
        "digests/digest_preview.html",
        {"digest": digest, "frequency": user_digest_frequency(request.user)},
    )


# RFC 8058 one-click unsubscribe: mail clients POST "List-Unsubscribe=One-Click" to the link
# with no session and no CSRF token. The signed token is the authority, and the only thing a
# forged request could do is turn that one user's digests off, so CSRF protection is not needed;
# GET only shows the confirmation page (mail scanners follow links and must not unsubscribe).
@csrf_exempt
@require_http_methods(["GET", "POST"])
def digest_unsubscribe(request, token):
    """GET: confirm; POST (the page's button or a one-click client): turn the user's digests off."""
    target = unsubscribe_user(token)
    if target is None:
        return render(request, "digests/unsubscribe.html", {"invalid": True}, status=404)
    if request.method == "POST":
        digest_frequency_set(user=target, frequency=Frequency.OFF)
        return render(request, "digests/unsubscribe.html", {"done": True, "target": target})
    return render(request, "digests/unsubscribe.html", {"target": target})
