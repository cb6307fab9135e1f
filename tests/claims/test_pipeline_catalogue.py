"""The worker's extractor follows the editors' catalogue: its version moves with every accepted
name, and only with those, and the next task links a name accepted meanwhile."""
import pytest

from actors.services import actor_ensure, alias_add, candidate_accept, candidate_propose, region_ensure
from claims.pipeline.extract import catalogue_pinned, catalogue_version, get_extractor

pytestmark = pytest.mark.django_db

TEXT = "Kak Kosrat said the peshmerga would hold Kirkuk."


@pytest.fixture
def kirkuk():
    return region_ensure(slug="kirkuk", name="Kirkuk", kind="city")[0]


def test_the_version_moves_with_accepted_names_only(alice, kirkuk):
    first = catalogue_version()
    candidate, _ = candidate_propose(target="actor", name="Kak Kosrat", kind="person")
    assert catalogue_version() == first  # machine guesses do not rebuild the ruler

    candidate_accept(entry=candidate, editor=alice)
    accepted = catalogue_version()
    assert accepted != first

    alias_add(target=candidate, name="Kosrat Rasul")
    assert catalogue_version() != accepted

    before_region = catalogue_version()
    region_ensure(slug="iraq", name="Iraq", kind="country")
    assert catalogue_version() != before_region


def test_within_one_task_the_version_is_read_once(django_assert_num_queries, kirkuk):
    with catalogue_pinned():
        with django_assert_num_queries(1):  # actors and regions together
            version = catalogue_version()
        actor_ensure(slug="barzani", name="Masoud Barzani", kind="person")
        with django_assert_num_queries(0):
            assert catalogue_version() == version  # the task's own snapshot
    assert catalogue_version() != version


def test_the_next_extraction_links_a_name_accepted_meanwhile(alice, kirkuk):
    def speaker_link():
        with catalogue_pinned():
            [claim] = get_extractor().extract(TEXT).claims
            return claim.speaker

    assert speaker_link() is None
    kosrat, _ = candidate_propose(target="actor", name="Kak Kosrat", kind="person")
    assert speaker_link() is None  # still only a candidate
    candidate_accept(entry=kosrat, editor=alice)
    assert speaker_link().id == kosrat.pk
