"""schemathesis against the live OpenAPI schema: a real server on localhost, a reviewer's token,
seeded data; no endpoint answers 5xx and every response conforms to the schema.

Examples are bounded per operation so the run takes a few minutes on two cores. State-changing
operations are included: they run in the test database, with a reviewer's rights.
"""
import pytest
import schemathesis
from django.core.cache import cache
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis.errors import Unsatisfiable
from rest_framework.authtoken.models import Token
from schemathesis.checks import not_a_server_error
from schemathesis.generation import GenerationMode
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from actors.models import ReviewState
from briefings.services import briefing_publish
from claims.services import claims_relate
from core.roles import REVIEWER, role_grant, roles_sync
from tests.factories import (
    ActorFactory,
    AliasFactory,
    BriefingFactory,
    CitationFactory,
    MentionFactory,
    RegionFactory,
    SubscriptionFactory,
    SuggestionFactory,
    UserFactory,
)

pytestmark = [pytest.mark.slow, pytest.mark.usefixtures("roles_restored_after_flush")]
MAX_EXAMPLES = 20
CHECKS = [not_a_server_error, response_schema_conformance, status_code_conformance, content_type_conformance]



@pytest.fixture
def seeded(transactional_db, settings):
    """A reviewer with a token and a little of everything, under stable slugs and ids."""
    from django.apps import apps

    roles_sync(apps)  # transactional tests flush the groups the data migration made
    # Throttling is tested elsewhere; here it would only turn the run into 429s.
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": {"user": None, "anon": None}}
    cache.clear()
    rita = UserFactory(username="rita")
    role_grant(rita, REVIEWER)
    iraq = RegionFactory(slug="iraq", name="Iraq", kind="country")
    RegionFactory(slug="kirkuk", name="Kirkuk", parent=iraq)
    RegionFactory(slug="guessed-place", review_state=ReviewState.CANDIDATE)
    maliki = ActorFactory(slug="maliki", name="Nouri al-Maliki")
    AliasFactory(actor=maliki, name="Maliki")
    ActorFactory(slug="guess", review_state=ReviewState.CANDIDATE)
    briefing = BriefingFactory(title="Kirkuk control", body="Peshmerga hold Kirkuk. [^c1]", actors=[maliki],
                               regions=[iraq])
    briefing_publish(briefing=briefing, reviewer=rita)
    first, second = CitationFactory(), CitationFactory()
    first.claim.regions.add(iraq)
    claims_relate(a=first.claim, b=second.claim, kind="disputes")
    SuggestionFactory(briefing=briefing, claim=first.claim)
    MentionFactory(article=first.article, start=13, end=19, text="Kirkuk")
    SubscriptionFactory(user=rita, briefing=briefing)
    return {"token": Token.objects.create(user=rita).key}


@pytest.fixture
def api_schema(live_server, seeded):
    return schemathesis.openapi.from_url(f"{live_server.url}/api/schema/?format=json")


def test_api_conforms_to_its_schema(api_schema, seeded):
    """Every operation, MAX_EXAMPLES generated requests each; all failures reported together.

    Operations are driven with Hypothesis directly rather than ``schemathesis.pytest``'s lazy
    fixtures, whose node-id handling does not work with pytest 9."""
    headers = {"Authorization": f"Token {seeded['token']}"}
    failures = []
    operations = 0
    for result in api_schema.get_all_operations():
        operation = result.ok()
        operations += 1
        # Data that fits the schema, then data that does not (which must be refused with a 4xx).
        for mode, examples in ((GenerationMode.POSITIVE, MAX_EXAMPLES), (GenerationMode.NEGATIVE, MAX_EXAMPLES // 2)):

            @given(case=operation.as_strategy(mode))
            @hypothesis_settings(max_examples=examples, deadline=None, derandomize=True, database=None,
                                 suppress_health_check=list(HealthCheck))
            def run(case):
                case.call_and_validate(headers=headers, checks=CHECKS)

            try:
                run()
            except Unsatisfiable:
                assert mode == GenerationMode.NEGATIVE, operation.label  # nothing to break: no parameters
            except (Exception, BaseExceptionGroup) as exc:  # collect every operation's failure
                failures.append(f"{operation.label} ({mode}): {exc}"[:3000])
    assert operations >= 30
    assert not failures, "\n\n".join(failures)
