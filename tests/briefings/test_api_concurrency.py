"""Two clients revise the same draft from the same base at the same moment: exactly one wins,
the other gets 412, and no revision is lost or duplicated."""
import threading

import pytest
from django.db import connection
from rest_framework.test import APIClient

from briefings.models import Revision
from tests.factories import BriefingFactory

pytestmark = pytest.mark.usefixtures("roles_restored_after_flush")


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("attempt", range(3))
def test_concurrent_revisions_from_the_same_base_one_wins_one_gets_412(roles, cast, attempt):
    briefing = BriefingFactory(title=f"Kirkuk control {attempt}", body="Base.")
    etag = f'"b{briefing.pk}-r1"'
    barrier = threading.Barrier(2)
    results: dict[str, tuple[int, dict]] = {}

    def revise(who: str) -> None:
        try:
            client = APIClient()
            client.force_authenticate(cast[who])
            barrier.wait(timeout=10)
            response = client.put(f"/api/briefings/{briefing.slug}/draft/", {"body": f"Edit by {who}."},
                                  format="json", HTTP_IF_MATCH=etag)
            results[who] = (response.status_code, response.json())
        finally:
            connection.close()  # each thread has its own connection; leave none open

    threads = [threading.Thread(target=revise, args=(who,)) for who in ("alice", "rita")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    statuses = sorted(code for code, _ in results.values())
    assert statuses == [200, 412], results
    winner = next(who for who, (code, _) in results.items() if code == 200)
    loser_body = next(body for code, body in results.values() if code == 412)
    revisions = list(Revision.objects.filter(briefing=briefing).order_by("number").values_list("number", "body"))
    assert revisions == [(1, "Base."), (2, f"Edit by {winner}.")]
    briefing.refresh_from_db()
    assert briefing.draft_revision.number == 2
    assert loser_body["current_etag"] == f'"b{briefing.pk}-r2"'
