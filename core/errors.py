"""The base of every error a service raises on purpose, with the HTTP status it means.

The API's error handler (``core.api_errors``) knows only this base: a service names its own
status (400 bad input, 409 a state conflict, 412 a stale precondition) and may add fields to
the error body, so no layer below the API has to know about it and the handler never imports
an app.
"""
from django.core.exceptions import ValidationError


class ServiceError(Exception):
    """A refusal with a message for people; ``status`` is what the API answers."""

    status = 400
    code = "invalid"

    def body(self) -> dict:
        """Extra fields for the API's error body (beside ``message`` and ``errors``)."""
        return {}

    def headers(self) -> dict[str, str]:
        """Extra response headers for the API (e.g. the current ETag)."""
        return {}


class StateConflict(ServiceError, ValidationError):
    """The thing is no longer in the state the request expects (a suggestion already accepted,
    a candidate already reviewed): 409 for the API. Also a Django ``ValidationError``, so a page
    that shows a refused form's messages shows this one too."""

    status = 409
    code = "conflict"

    def __init__(self, message: str):
        ValidationError.__init__(self, message)

    def __str__(self) -> str:
        return self.message
