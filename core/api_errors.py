"""API errors as JSON: ``{"message": "...", "errors": {"field": ["..."]}}``, every time.

Services raise Django's ``PermissionDenied`` / ``ValidationError`` or a ``ServiceError`` that
names its own status (intake's 400, a stale draft's 412); this handler turns each into the
answer an API caller expects, so views never translate by hand and this module imports no app.
"""
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import RequestDataTooBig
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler

from .errors import ServiceError


class PreconditionRequired(exceptions.APIException):
    status_code = 428
    default_detail = "Send If-Match with the ETag of the draft you started from."
    default_code = "precondition_required"


class PreconditionFailed(exceptions.APIException):
    """The resource moved on since the caller's precondition; ``etag`` is the current one."""

    status_code = status.HTTP_412_PRECONDITION_FAILED
    default_detail = "The resource changed since the version you started from."
    default_code = "precondition_failed"

    def __init__(self, detail: str | None = None, *, etag: str = ""):
        super().__init__(detail)
        self.etag = etag
        self.extra_body = {"current_etag": etag}
        self.extra_headers = {"ETag": etag} if etag else {}


class MergeConflict(exceptions.APIException):
    """An edit merged with the current draft overlaps it: ``merged`` holds both, between conflict
    markers, for the caller to resolve and send again with the current ETag."""

    status_code = status.HTTP_409_CONFLICT
    default_detail = "Your edit overlaps changes saved meanwhile; resolve the conflict markers in `merged`."
    default_code = "merge_conflict"

    def __init__(self, detail: str | None = None, *, merged: str, etag: str):
        super().__init__(detail)
        self.extra_body = {"merged": merged, "current_etag": etag}
        self.extra_headers = {"ETag": etag}


class ServiceRefusal(exceptions.APIException):
    """A ``ServiceError`` on its way out: its status, message, extra body fields and headers."""

    def __init__(self, error: ServiceError):
        self.status_code = error.status
        super().__init__({"non_field_errors": [str(error)]} if error.status == 400 else str(error), error.code)
        self.extra_body, self.extra_headers = error.body(), error.headers()


def _field_errors(detail) -> dict[str, list[str]]:
    if isinstance(detail, dict):
        return {str(k): [str(m) for m in (v if isinstance(v, list) else [v])] for k, v in detail.items()}
    return {}


def _first_message(detail) -> str:
    if isinstance(detail, dict):
        for key, value in detail.items():
            first = _first_message(value)
            return first if key in ("non_field_errors", "__all__", "detail") else f"{key}: {first}"
    if isinstance(detail, list):
        return _first_message(detail[0]) if detail else "Invalid input."
    return str(detail)


def _from_django(exc: Exception) -> Exception:
    if isinstance(exc, ServiceError):
        return ServiceRefusal(exc)
    if isinstance(exc, DjangoValidationError):
        if hasattr(exc, "error_dict"):
            return exceptions.ValidationError(
                {("non_field_errors" if k == "__all__" else k): v for k, v in exc.message_dict.items()}
            )
        return exceptions.ValidationError({"non_field_errors": exc.messages})
    if isinstance(exc, DjangoPermissionDenied):
        return exceptions.PermissionDenied(str(exc) or None)
    if isinstance(exc, Http404):
        return exceptions.NotFound()
    if isinstance(exc, RequestDataTooBig):
        return exceptions.ParseError("Request body too large.")
    return exc


def api_exception_handler(exc: Exception, context: dict) -> Response | None:
    """DRF's handler (headers such as Retry-After and WWW-Authenticate) with our body shape."""
    exc = _from_django(exc)
    response = exception_handler(exc, context)
    if response is None:
        return None  # a real bug: let Django answer 500 and log it
    detail = getattr(exc, "detail", response.data)
    errors = _field_errors(detail)
    if isinstance(exc, (exceptions.ValidationError, ServiceRefusal)) and isinstance(detail, dict):
        message = _first_message(detail) if detail else "Invalid input."
    else:
        message = str(detail)
    body: dict = {"message": message, "errors": errors}
    # Refusals that carry more than a message (the current ETag, a merge to resolve) name it.
    body.update(getattr(exc, "extra_body", {}))
    for header, value in getattr(exc, "extra_headers", {}).items():
        response[header] = value
    if isinstance(exc, exceptions.Throttled) and exc.wait is not None:
        body["retry_after"] = int(exc.wait) + 1
    response.data = body
    return response


# --- OpenAPI ----------------------------------------------------------------------------------

ERROR_SCHEMA = {
    "type": "object",
    "description": "Every error: a message for people, and per-field messages for forms.",
    "properties": {
        "message": {"type": "string"},
        "errors": {"type": "object", "additionalProperties": {"type": "array", "items": {"type": "string"}}},
        "current_etag": {"type": "string", "description": "412 only: the ETag of the current draft."},
        "retry_after": {"type": "integer", "description": "429 only: seconds to wait."},
    },
    "required": ["message", "errors"],
}

_COMMON = {
    "400": "Bad input (a filter, a cursor or a field); `errors` names the fields.",
    "401": "No or invalid credentials.",
    "403": "Signed in, but the role does not allow this.",
    "429": "Too many requests; wait `Retry-After` seconds.",
}


def document_error_responses(result: dict, generator, request, public) -> dict:
    """drf-spectacular hook: every operation documents the error statuses it can answer, with
    the shared Error body, unless the view documented that status itself."""
    components = result.setdefault("components", {}).setdefault("schemas", {})
    components["Error"] = ERROR_SCHEMA
    ref = {"$ref": "#/components/schemas/Error"}
    for path, operations in result.get("paths", {}).items():
        for method, operation in operations.items():
            if not isinstance(operation, dict) or "responses" not in operation:
                continue
            responses = operation["responses"]
            wanted = dict(_COMMON)
            if "{" in path or method in ("put", "patch", "post", "delete"):
                wanted["404"] = "Not found, or not visible to the caller."
            if method in ("put", "patch", "post", "delete"):
                wanted["409"] = "The thing is no longer in a state this applies to (already accepted, merged...)."
            if any(p.get("name") == "cursor" for p in operation.get("parameters", [])):
                wanted["404"] = "The cursor names no page."
            for code, text in wanted.items():
                responses.setdefault(code, {"description": text, "content": {"application/json": {"schema": ref}}})
            for code, response in responses.items():
                # Error statuses a view documented by description only (412, 428) share the body too.
                if code >= "400" and "content" not in response:
                    response["content"] = {"application/json": {"schema": ref}}
    return result
