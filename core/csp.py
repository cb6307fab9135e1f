"""Content-Security-Policy on every response: the pages load only the site's own scripts,
styles, images and fonts (WhiteNoise serves them; there is no CDN), run no inline script or
style, post forms only here and are framed by nobody. An injected ``<script>`` or ``style``
attribute, should one ever get past the sanitiser, does nothing.

The API's docs (Swagger UI, Redoc, from drf-spectacular's templates) set themselves up with an
inline script and style, so their two pages allow inline code, still from this site only.
"""
from django.conf import settings

STRICT = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self'",
    "img-src": "'self' data:",
    "font-src": "'self'",
    "connect-src": "'self'",
    "object-src": "'none'",
    "base-uri": "'none'",
    "form-action": "'self'",
    "frame-ancestors": "'none'",
}
# Swagger UI and Redoc: their inline set-up, Redoc's worker from a blob.
DOCS = {**STRICT, "script-src": "'self' 'unsafe-inline'", "style-src": "'self' 'unsafe-inline'",
        "worker-src": "'self' blob:"}


def _header(directives: dict[str, str]) -> str:
    return "; ".join(f"{name} {value}" for name, value in directives.items())


class ContentSecurityPolicyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.strict, self.docs = _header(STRICT), _header(DOCS)

    def __call__(self, request):
        response = self.get_response(request)
        if "Content-Security-Policy" not in response:
            docs = request.path in getattr(settings, "BRIEFWIKI_CSP_INLINE_PATHS", ())
            response["Content-Security-Policy"] = self.docs if docs else self.strict
        return response
