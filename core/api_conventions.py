"""Shared API conventions: cursor pagination and per-user / per-IP throttles."""
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.pagination import CursorPagination
from rest_framework.settings import api_settings
from rest_framework.throttling import AnonRateThrottle, UserRateThrottle


class CursorPage(CursorPagination):
    """Cursor pagination: stable under inserts and O(page) at any depth, unlike page numbers.

    Ordered by ``-pk`` by default (unique, indexed, newest first); a viewset may set
    ``ordering`` to something else that is unique enough.
    """

    ordering = "-pk"
    page_size_query_param = "page_size"
    max_page_size = 100

    def decode_cursor(self, request):
        # A malformed cursor is bad input (400), not a missing resource (DRF says 404).
        try:
            return super().decode_cursor(request)
        except NotFound:
            raise ValidationError({self.cursor_query_param: ["Invalid cursor."]}) from None

    def get_ordering(self, request, queryset, view) -> tuple[str, ...]:
        # A viewset names its order with ``cursor_ordering`` (e.g. "name" for the catalogue).
        ordering = getattr(view, "cursor_ordering", None)
        if ordering:
            return (ordering,) if isinstance(ordering, str) else tuple(ordering)
        return super().get_ordering(request, queryset, view)


class _LiveRate:
    """Read the rate from the settings at request time (DRF copies it once at import), so
    ``override_settings`` in tests and env-driven settings both apply. "off" disables.

    Requests are counted per fixed window (an atomic counter in the cache, one per client and
    window) instead of DRF's list of every request's time, which is read and written whole on
    each request and grows with the rate (3,000 entries at 3000/hour). A client may so make up
    to twice the rate across a window's edge; ``Retry-After`` is the time left in the window."""

    def get_rate(self):  # type: ignore[override]
        rate = api_settings.DEFAULT_THROTTLE_RATES.get(self.scope)
        if not rate or str(rate).strip().lower() in {"off", "none", "0"}:
            return None
        return rate

    def allow_request(self, request, view) -> bool:
        if self.rate is None:
            return True
        key = self.get_cache_key(request, view)
        if key is None:
            return True
        self.now = self.timer()
        window = int(self.now // self.duration)
        self.window_end = (window + 1) * self.duration
        key = f"{key}:{window}"
        self.cache.add(key, 0, self.duration)
        try:
            count = self.cache.incr(key)
        except ValueError:  # expired between the two calls
            self.cache.set(key, 1, self.duration)
            count = 1
        return count <= self.num_requests

    def wait(self) -> float:
        return max(0.0, self.window_end - self.now)


class UserRate(_LiveRate, UserRateThrottle):
    """Per signed-in user (per IP for anonymous callers, scope "user" is skipped for them)."""

    def allow_request(self, request, view) -> bool:
        if not request.user or not request.user.is_authenticated:
            return True  # AnonIPRate covers them
        return super().allow_request(request, view)

    def get_cache_key(self, request, view) -> str:
        # The account, not just its id: a recreated database (tests, a bench) reuses ids, and
        # must not inherit another account's request history from a shared cache.
        user = request.user
        joined = int(user.date_joined.timestamp() * 1000) if getattr(user, "date_joined", None) else 0
        return self.cache_format % {"scope": self.scope, "ident": f"{user.pk}-{joined}"}


class AnonIPRate(_LiveRate, AnonRateThrottle):
    """Per client IP, for anonymous callers only."""
