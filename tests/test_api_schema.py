"""schemathesis against the live OpenAPI schema, as its CLI runs it: `schemathesis run
<server>/api/schema/ --checks all` with an editor's token, on a real server on localhost with
seeded data. Every check is on: no 5xx, responses match the schema, schema-valid requests are
accepted and schema-violating ones refused, and so on.

The CLI runs in its own process against pytest-django's live server (a thread of this one, on the
test database), with a fixed seed and a bounded number of examples so the run is repeatable and
takes a few minutes on two cores. State-changing operations are included: they run in the test
database, with an editor's rights.
"""
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.cache import cache
from rest_framework.authtoken.models import Token

from actors.models import ReviewState
from briefings.services import briefing_publish
from claims.services import claims_relate
from core.roles import EDITOR, REVIEWER, role_grant, roles_sync
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
MAX_EXAMPLES = int(os.environ.get("BRIEFWIKI_SCHEMATHESIS_EXAMPLES", "20"))
SEED = 19
CONFIG = Path(__file__).resolve().parent.parent / "schemathesis.toml"  # what the schema cannot say


@pytest.fixture
def seeded(transactional_db, settings):
    """An editor with a token and a little of everything, under stable slugs and ids."""
    from django.apps import apps

    roles_sync(apps)  # transactional tests flush the groups the data migration made
    # Throttling is tested elsewhere; here it would only turn the run into 429s.
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": {"user": None, "anon": None}}
    cache.clear()
    rita = UserFactory(username="rita")
    role_grant(rita, REVIEWER)
    alice = UserFactory(username="alice")
    role_grant(alice, EDITOR)
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
    SubscriptionFactory(user=alice, briefing=briefing)
    return {"token": Token.objects.create(user=alice).key}


def test_schemathesis_run_with_every_check_reports_no_failures(live_server, seeded, tmp_path):
    """`schemathesis run --checks all` with an editor's token exits 0; its report is the message."""
    cli = Path(sys.executable).with_name("schemathesis")
    command = [
        str(cli), "--config-file", str(CONFIG), "run", f"{live_server.url}/api/schema/?format=json",
        "--checks", "all",
        "-H", f"Authorization: Token {seeded['token']}",
        "--max-examples", str(MAX_EXAMPLES),
        "--seed", str(SEED),
        "--workers", "1",
        "--request-timeout", "30",
        "--no-color",
        "--output-truncate", "false",
        "--report-dir", str(tmp_path / "report"),
    ]
    run = subprocess.run(command, check=False, cwd=tmp_path, capture_output=True, text=True, timeout=1200,
                         env={**os.environ, "SCHEMATHESIS_HOOKS": ""})
    print(run.stdout[-1200:])  # the summary, shown with `pytest -rP`
    assert run.returncode == 0, run.stdout + run.stderr
