import pytest
from django.core.management import CommandError, call_command

from actors.models import Actor, Alias, Region
from briefings.models import Briefing, Link, Revision
from briefings.seeding import SeedError, seed_load
from sources.models import Outlet

pytestmark = pytest.mark.django_db


def snapshot():
    return {
        "actors": list(Actor.objects.order_by("pk").values_list("pk", "name", "updated_at")),
        "regions": list(Region.objects.order_by("pk").values_list("pk", "name", "parent_id", "updated_at")),
        "aliases": list(Alias.objects.order_by("pk").values_list("pk", "normalised")),
        "outlets": list(Outlet.objects.order_by("pk").values_list("pk", "name")),
        "briefings": list(Briefing.objects.order_by("pk").values_list("pk", "published_revision_id", "updated_at")),
        "revisions": Revision.objects.count(),
        "links": list(Link.objects.order_by("pk").values_list("pk", "target_id")),
    }


def test_seed_twice_changes_nothing():
    call_command("seed")
    first = snapshot()
    call_command("seed")
    assert snapshot() == first


def test_seed_keeps_what_editors_changed():
    seed_load()
    Actor.objects.filter(slug="peshmerga").update(description="Edited by an editor.")
    seed_load()
    assert Actor.objects.get(slug="peshmerga").description == "Edited by an editor."


def test_seed_nests_regions_and_ties_states_to_their_country():
    seed_load()
    kirkuk = Region.objects.get(slug="kirkuk")
    assert [kirkuk.parent.slug, kirkuk.parent.parent.slug] == ["kirkuk-governorate", "iraq"]
    assert Actor.objects.get(slug="iran").territory == Region.objects.get(slug="iran")
    assert kirkuk in Region.objects.descendants_of(Region.objects.get(slug="iraq"))


@pytest.mark.parametrize(
    "name, slug",
    [("ISIL", "isis"), ("Islamic State of Iraq and Syria", "isis"), ("Suleimani", "qassem-soleimani"),
     ("Ghasem Soleimani", "qassem-soleimani"), ("Massud Barzani", "masoud-barzani"), ("HRW", "human-rights-watch"),
     ("The Associated Press", "associated-press"), ("Sistani", "ali-al-sistani")],
)
def test_seed_aliases_name_the_right_actor(name, slug):
    from actors.names import normalise_name

    seed_load()
    assert list(Actor.objects.with_alias(normalise_name(name)).values_list("slug", flat=True)) == [slug]


def test_every_person_organisation_and_place_of_the_seed_article_is_in_the_catalogue():
    """The people, groups and places a reader expects from the seed article (shared/seeds/README)."""
    from actors.names import normalise_name

    seed_load()
    expected = {
        Actor: ["Barack Obama", "Caitlin Hayden", "Bashar al-Assad", "Nouri al-Maliki", "Hassan Rouhani",
                "Ali Khamenei", "Ghasem Soleimani", "Ali al-Sistani", "Massud Barzani", "William Hague",
                "Peter Bouckaert", "John Beck", "ISIS", "al Qaeda", "Congress", "National Security Council",
                "Human Rights Watch", "Associated Press", "AFP", "Reuters", "VICE News", "peshmerga"],
        Region: ["Iraq", "Syria", "Iran", "Tehran", "Baghdad", "Kirkuk", "Tikrit", "Baquba", "Karbala",
                 "Iraqi Kurdistan"],
    }
    for model, names in expected.items():
        missing = [n for n in names if not model.objects.with_alias(normalise_name(n)).exists()]
        assert not missing, f"{model.__name__}: {missing}"


def test_seed_publishes_both_briefings_with_subjects_and_mutual_links():
    seed_load()
    kirkuk = Briefing.objects.get(slug="kirkuk-control")
    iran = Briefing.objects.get(slug="irans-stance-on-maliki")
    assert kirkuk.published_revision and iran.published_revision
    assert set(kirkuk.subject_regions.values_list("slug", flat=True)) == {"kirkuk", "kirkuk-governorate", "iraqi-kurdistan"}
    assert "nouri-al-maliki" in set(iran.subject_actors.values_list("slug", flat=True))
    assert kirkuk.backlinks.get().source == iran and iran.backlinks.get().source == kirkuk


def test_outlets_resolve_to_their_media_actor():
    seed_load()
    assert Outlet.objects.get(slug="reuters").actor.kind == "media_outlet"


def test_inconsistent_seed_files_load_nothing(tmp_path):
    (tmp_path / "regions.toml").write_text('[[region]]\nslug = "kirkuk"\nname = "Kirkuk"\nkind = "city"\nparent = "nowhere"\n')
    with pytest.raises(SeedError, match="unknown region 'nowhere'"):
        seed_load(tmp_path)
    with pytest.raises(CommandError, match="Seeds not loaded"):
        call_command("seed", "--folder", str(tmp_path))
    assert Region.objects.count() == 0
