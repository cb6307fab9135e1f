"""Bench-only Django wiring for bench/api.py: the project's URLs plus a bare DRF endpoint.

The bare endpoint answers the same JSON as the claims list from memory, with the same
authentication, permissions, throttles and renderer, so the ratio between the two measures
only what the real endpoint adds: queries, filtering and serialisation.
"""
import json
import os

from django.urls import path
from rest_framework.response import Response
from rest_framework.views import APIView

from config.urls import urlpatterns as project_urls

_page: dict | None = None


class BareClaims(APIView):
    """The claims list's JSON, computed once per worker process and then served from memory."""

    def get(self, request):
        global _page
        if _page is None:
            from django.test import RequestFactory
            from rest_framework.test import force_authenticate

            from claims.api.views import ClaimViewSet

            inner = RequestFactory().get("/api/claims/", {"region": os.environ["BENCH_REGION"], "page_size": 50},
                                       HTTP_HOST=request.get_host())
            force_authenticate(inner, user=request.user)
            response = ClaimViewSet.as_view({"get": "list"})(inner)
            response.render() if hasattr(response, "render") else None
            _page = json.loads(response.content)
        return Response(_page)


urlpatterns = [path("bench/bare/", BareClaims.as_view()), *project_urls]
