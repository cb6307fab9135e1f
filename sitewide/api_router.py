"""The API's one router: every resource's ViewSet, URL names namespaced "api:<basename>-<action>"."""
from django.http import JsonResponse
from django.urls import re_path
from django.views.decorators.csrf import csrf_exempt
from rest_framework.routers import DefaultRouter

from actors.api.views import ActorViewSet, RegionViewSet
from briefings.api.answers import BriefingAnswerView, RegionControlView
from briefings.api.views import BriefingViewSet, RevisionViewSet, SubscriptionViewSet, SuggestionViewSet
from claims.api.views import ClaimViewSet, FactViewSet
from sources.api.views import ArticleViewSet

router = DefaultRouter()
router.register("briefings", BriefingViewSet, basename="briefing")
router.register(r"briefings/(?P<briefing_slug>[-a-zA-Z0-9_]+)/revisions", RevisionViewSet, basename="revision")
router.register("suggestions", SuggestionViewSet, basename="suggestion")
router.register("claims", ClaimViewSet, basename="claim")
router.register("facts", FactViewSet, basename="fact")
router.register("actors", ActorViewSet, basename="actor")
router.register("regions", RegionViewSet, basename="region")
router.register("articles", ArticleViewSet, basename="article")
router.register("subscriptions", SubscriptionViewSet, basename="subscription")



@csrf_exempt  # a 404 whatever the method, not a CSRF page
def api_not_found(request, *args, **kwargs) -> JsonResponse:
    """Any other address under /api/: a JSON 404 like the rest of the API, not an HTML page."""
    return JsonResponse({"message": "Not found.", "errors": {}}, status=404)


SLUG = r"(?P<slug>[-a-zA-Z0-9_]+)"
urlpatterns = [
    re_path(rf"^briefings/{SLUG}/answer/$", BriefingAnswerView.as_view(), name="briefing-answer"),
    re_path(rf"^regions/{SLUG}/control/$", RegionControlView.as_view(), name="region-control"),
    *router.urls,
    re_path(r"^[\s\S]*$", api_not_found),
]
