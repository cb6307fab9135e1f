"""Shared API conventions: cursor pagination, per-user / per-IP throttles, a JSON parser that
refuses what it cannot parse with a 400, filters held to their schema, expiring tokens."""
from datetime import datetime, timedelta

import django_filters as filters_module
from django.conf import settings
from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils import timezone
from django_filters.rest_framework import DjangoFilterBackend
from rest_framework.authentication import TokenAuthentication
from rest_framework import serializers
from rest_framework.exceptions import AuthenticationFailed, NotFound, ParseError, ValidationError
from rest_framework.pagination import CursorPagination
from rest_framework.parsers import JSONParser
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

    def get_page_size(self, request) -> int:
        # DRF falls back to the default for a page_size it cannot use; the schema promises
        # 1 to max_page_size, so anything else is refused rather than silently changed.
        raw = request.query_params.get(self.page_size_query_param)
        if raw is None:
            return self.page_size
        if not raw.isascii() or not raw.isdigit() or not 1 <= int(raw) <= self.max_page_size:
            raise ValidationError({self.page_size_query_param: [f"A whole number from 1 to {self.max_page_size}."]})
        return int(raw)

    def get_schema_operation_parameters(self, view) -> list[dict]:
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            if parameter["name"] == self.page_size_query_param:
                parameter["schema"].update(minimum=1, maximum=self.max_page_size, default=self.page_size)
        return parameters

    def paginate_queryset(self, queryset, request, view=None):
        self._model = queryset.model  # for decode_cursor, which DRF calls without the queryset
        return super().paginate_queryset(queryset, request, view)

    def decode_cursor(self, request):
        # A cursor that names no page is a 404, like DRF's, also when its position is no value
        # of the ordering field (``p=zz`` on an id, a NUL in a name), which the database would
        # otherwise refuse with a 500. Not a 400: any string is a well-formed cursor, so the
        # schema cannot tell the two apart, and for a page that does not exist 404 is the answer.
        cursor = super().decode_cursor(request)
        if cursor is not None and cursor.position is not None and not self._position_fits(cursor.position):
            raise NotFound(self.invalid_cursor_message)
        return cursor

    def _position_fits(self, position: str) -> bool:
        if "\x00" in position:
            return False
        model = getattr(self, "_model", None)
        name = self.ordering[0].lstrip("-")
        if model is None or "__" in name:
            return True
        field = model._meta.pk if name == "pk" else model._meta.get_field(name)
        try:
            value = field.to_python(position)
            if isinstance(value, int) and not -(2**63) <= value < 2**63:
                return False
        except DjangoValidationError:
            return False
        return True

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


class BoundedJSONParser(JSONParser):
    """DRF's JSON parser, with nesting too deep for Python's parser (100,000 ``[``) refused as
    bad input instead of escaping as a RecursionError and a 500."""

    def parse(self, stream, media_type=None, parser_context=None):
        try:
            return super().parse(stream, media_type, parser_context)
        except RecursionError:
            raise ParseError("JSON parse error - nested too deeply.") from None


class StrictFilterBackend(DjangoFilterBackend):
    """django-filter, held to what the schema says a parameter is: a boolean is ``true`` or
    ``false`` and a date or number is never empty (the HTML forms, which share the FilterSets,
    send empty fields and ``unknown``, so this is the API's own backend); a NUL, which PostgreSQL
    refuses in text, becomes U+FFFD and so matches nothing instead of answering 500."""

    def get_filterset_kwargs(self, request, queryset, view) -> dict:
        kwargs = super().get_filterset_kwargs(request, queryset, view)
        data = kwargs["data"].copy()
        for key in data:
            data.setlist(key, [value.replace("\x00", "\ufffd") for value in data.getlist(key)])
        kwargs["data"] = data
        filterset_class = self.get_filterset_class(view, queryset)
        if filterset_class is not None:
            _refuse_loose_values(filterset_class.base_filters, data)
        return kwargs


def _refuse_loose_values(filters: dict, data) -> None:
    errors: dict[str, list[str]] = {}
    for name, filter_ in filters.items():
        if isinstance(filter_, filters_module.CharFilter):
            continue
        keys = [f"{name}_after", f"{name}_before"] if isinstance(filter_, filters_module.DateFromToRangeFilter) else [name]
        for key in keys:
            values = data.getlist(key)
            if isinstance(filter_, filters_module.BooleanFilter):
                if any(value not in ("true", "false") for value in values):
                    errors[key] = ["true or false."]
            elif any(value == "" for value in values):
                errors[key] = ["Leave the parameter out rather than send it empty."]
    if errors:
        raise ValidationError(errors)


class ExpiringTokenAuthentication(TokenAuthentication):
    """DRF's token, valid for ``BRIEFWIKI_API_TOKEN_DAYS`` from its creation (0: forever); the
    account page replaces it with a new one."""

    def authenticate_credentials(self, key):
        user, token = super().authenticate_credentials(key)
        expires = token_expiry(token.created)
        if expires is not None and expires <= timezone.now():
            raise AuthenticationFailed("Token expired: create a new one under Account › API token.")
        return user, token


def token_expiry(created: datetime) -> datetime | None:
    """When a token created at ``created`` stops working, or None when tokens do not expire."""
    days = getattr(settings, "BRIEFWIKI_API_TOKEN_DAYS", 0)
    return created + timedelta(days=days) if days else None


class StrictBooleanField(serializers.BooleanField):
    """A JSON boolean and nothing else: the schema says ``boolean``, so 0, 1 and "yes" (which
    DRF's BooleanField takes) are refused with a 400."""

    def to_internal_value(self, data):
        if isinstance(data, bool):
            return data
        self.fail("invalid", input=data)
