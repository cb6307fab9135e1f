"""Typed relations (sources.extraction.relations): one test per rule, on sentences written for them."""
from datetime import date

import pytest

from sources.extraction.catalogue import Catalogue, CatalogueEntry
from sources.extraction.pipeline import load_nlp


@pytest.fixture(scope="module")
def extractor():
    entries = [
        CatalogueEntry("actor", "isis", "armed_group", "Islamic State of Iraq and Syria", ("ISIS", "ISIL", "Daesh")),
        CatalogueEntry("actor", "peshmerga", "armed_group", "Peshmerga", ("Kurdish fighters", "peshmerga forces")),
        CatalogueEntry("actor", "krg", "organisation", "Kurdistan Regional Government", ("KRG",)),
        CatalogueEntry("actor", "nato", "organisation", "NATO", ()),
        CatalogueEntry("actor", "maliki", "person", "Nouri al-Maliki", ("Maliki",)),
        CatalogueEntry("actor", "rouhani", "person", "Hassan Rouhani", ("Rouhani",)),
        CatalogueEntry("actor", "khamenei", "person", "Ali Khamenei", ("Khamenei", "Ayatollah Ali Khamenei")),
        CatalogueEntry("actor", "barzani", "person", "Masoud Barzani", ("Barzani",)),
        CatalogueEntry("actor", "france", "state", "France", ()),
        CatalogueEntry("actor", "germany", "state", "Germany", ()),
        CatalogueEntry("region", "iraq", "country", "Iraq", ()),
        CatalogueEntry("region", "iran", "country", "Iran", ()),
        CatalogueEntry("region", "kirkuk", "city", "Kirkuk", ()),
        CatalogueEntry("region", "tikrit", "city", "Tikrit", ()),
        CatalogueEntry("region", "mosul", "city", "Mosul", ()),
        CatalogueEntry("region", "syria", "country", "Syria", ()),
    ]
    return load_nlp(Catalogue(entries))


def relations(extractor, text, published=None, *, all_polarities=False):
    found = extractor.extract(text, published=published).relations
    return {(r.type, r.source_text, r.target_text) for r in found if all_polarities or r.polarity == "asserted"}


def stance(extractor, text):
    """Stance is undirected in use: each found pair, sorted."""
    return {(kind, *sorted((a, b))) for kind, a, b in relations(extractor, text) if kind in ("supports", "opposes")}


@pytest.mark.parametrize("text, expected", [
    ("France strongly condemns ISIS.", ("opposes", "France", "ISIS")),
    ("Germany supports Iraq.", ("supports", "Germany", "Iraq")),
    ("Iraq is backed by Germany.", ("supports", "Germany", "Iraq")),
    ("France condemned ISIS's latest attacks.", ("opposes", "France", "ISIS")),  # the possessor of the object
    ("Germany stands shoulder to shoulder with Iraq.", ("supports", "Germany", "Iraq")),  # an idiom's preposition
    ("The Kurdish fighters united against ISIS.", ("opposes", "ISIS", "Kurdish fighters")),  # any verb "against"
    ("Germany liberated the town from ISIS.", ("opposes", "Germany", "ISIS")),
])
def test_a_verb_and_its_arguments_carry_stance(extractor, text, expected):
    kind, a, b = expected
    assert (kind, *sorted((a, b))) in stance(extractor, text)


def test_a_negated_verb_carries_no_stance(extractor):
    assert stance(extractor, "France does not support ISIS.") == set()


def test_a_passive_without_agent_has_no_holder(extractor):
    assert stance(extractor, "Hundreds of civilians in Mosul were killed.") == set()


@pytest.mark.parametrize("text, expected", [
    ("France reiterated its support for Iraq.", ("supports", "France", "Iraq")),  # "its": the clause's subject
    ("NATO support for Iraq has grown.", ("supports", "NATO", "Iraq")),
    ("The EU is united in its condemnation of Maliki's policies.", ("opposes", "EU", "Maliki")),
    ("France backed the campaign against ISIS.", ("opposes", "France", "ISIS")),
])
def test_a_noun_and_its_preposition_carry_stance(extractor, text, expected):
    kind, a, b = expected
    assert (kind, *sorted((a, b))) in stance(extractor, text)


def test_the_party_supported_is_the_one_fighting(extractor):
    found = relations(extractor, "Germany reaffirmed its support for Iraq in its fight against ISIS.")
    assert ("supports", "Germany", "Iraq") in found
    assert ("opposes", "Iraq", "ISIS") in found
    assert ("opposes", "Germany", "ISIS") not in found


def test_support_that_is_wavering_is_not_support(extractor):
    assert stance(extractor, "Support for Maliki from Iran is wavering.") == set()


@pytest.mark.parametrize("text, expected", [
    ('Barzani said: "The vile organisation ISIS will be defeated."', ("opposes", "Barzani", "ISIS")),
    ("Rouhani spoke of ISIS's savagery.", ("opposes", "ISIS", "Rouhani")),
    ("Germany will not deal with the brutal regime of Maliki.", ("opposes", "Germany", "Maliki")),
])
def test_a_word_that_judges_a_party_is_its_users_opposition(extractor, text, expected):
    assert expected[:1] + tuple(sorted(expected[1:])) in stance(extractor, text)


def test_a_state_of_mind_towards_a_party_is_stance(extractor):
    assert ("opposes", "Barzani", "ISIS") in stance(extractor, "Barzani was appalled by ISIS's attacks.")


def test_a_harm_done_to_a_party_is_opposition(extractor):
    assert ("opposes", "ISIS", "Kirkuk") in relations(extractor, "ISIS's attacks on Kirkuk continued for a week.")


@pytest.mark.parametrize("text, expected", [
    ("Rouhani thinks Maliki should step down.", ("opposes", "Rouhani", "Maliki")),
    ("Khamenei would like to see Maliki remain in his post.", ("supports", "Khamenei", "Maliki")),
    ("France urged Maliki to resign.", ("opposes", "France", "Maliki")),
    # "him" is the last person named other than the one who wants it
    ("Rouhani met Maliki on Monday, and Khamenei would like to see him stay.", ("supports", "Khamenei", "Maliki")),
])
def test_what_a_holder_wants_to_become_of_a_party_is_stance(extractor, text, expected):
    assert expected in relations(extractor, text)


def test_two_parties_at_war_oppose_each_other(extractor):
    assert stance(extractor, "He fought in the Iran-Iraq War as a young man.") == {("opposes", "Iran", "Iraq")}


@pytest.mark.parametrize("text, expected", [
    ("ISIS seized Tikrit last month.", ("controls", "ISIS", "Tikrit")),
    ("Mosul was taken by ISIS.", ("controls", "ISIS", "Mosul")),
    ("Kirkuk, which is held and defended by Kurdish fighters, is calm.", ("controls", "Kurdish fighters", "Kirkuk")),
    ("ISIS killed dozens in Tikrit after seizing the city.", ("controls", "ISIS", "Tikrit")),  # "the city": Tikrit
    ("The Kurds would not relinquish power over Kirkuk.", ("controls", "Kurds", "Kirkuk")),
    ("The fall of Mosul to ISIS shocked Baghdad.", ("controls", "ISIS", "Mosul")),
    ("ISIS's control of Mosul is complete.", ("controls", "ISIS", "Mosul")),
    ("Convoys left ISIS-held Mosul.", ("controls", "ISIS", "Mosul")),
])
def test_control_of_a_place(extractor, text, expected):
    assert expected in relations(extractor, text)


def test_control_lost_is_kept_as_ended_and_not_reported_as_held(extractor):
    text = "ISIS lost control of Tikrit."
    assert ("controls", "ISIS", "Tikrit") not in relations(extractor, text)
    assert ("controls", "ISIS", "Tikrit") in relations(extractor, text, all_polarities=True)


def test_a_place_freed_from_a_party_is_not_held_by_it(extractor):
    found = relations(extractor, "The Peshmerga liberated Mosul from ISIS control.")
    assert ("controls", "ISIS", "Mosul") not in found


def test_a_participle_takes_its_noun_as_subject(extractor):
    found = relations(extractor, "France armed rebels fighting the militants controlling parts of Syria.")
    assert not any(kind == "controls" for kind, _, _ in found)


@pytest.mark.parametrize("text, expected", [
    ("Barzani, the leader of the KRG, spoke in Erbil.", ("leads", "Barzani", "KRG")),
    ("Iran's supreme leader, Ayatollah Ali Khamenei, spoke on Friday.", ("leads", "Ayatollah Ali Khamenei", "Iran")),
    ("The KRG, led by Barzani, signed the deal.", ("leads", "Barzani", "KRG")),
])
def test_leading_an_organisation(extractor, text, expected):
    assert expected in relations(extractor, text)


@pytest.mark.parametrize("text, expected", [
    ("France, as part of NATO, sent aircraft.", ("member_of", "France", "NATO")),
    ("Germany joined NATO in 1955.", ("member_of", "Germany", "NATO")),
    ("Senior officials of NATO met on Monday.", ("member_of", "Senior officials", "NATO")),
])
def test_belonging_to_an_organisation(extractor, text, expected):
    assert expected in relations(extractor, text)


def test_a_relation_is_dated_by_its_clause_else_as_of_publication_when_in_the_present(extractor):
    published = date(2014, 6, 27)
    seized = extractor.extract("ISIS seized Tikrit on June 11.", published=published).relations
    assert [(r.type, r.holds_on) for r in seized] == [("controls", date(2014, 6, 11))]
    held = extractor.extract("Kurdish fighters currently hold Kirkuk.", published=published).relations
    assert [(r.type, r.holds_on) for r in held] == [("controls", published)]
    past = extractor.extract("Kurdish fighters held Kirkuk.", published=published).relations
    assert [(r.type, r.holds_on) for r in past] == [("controls", None)]


def test_the_protocol_lists_relations_with_names_and_dates(extractor):
    out = extractor.extract("ISIS seized Tikrit on June 11. ISIS lost control of Mosul.",
                            published=date(2014, 6, 27)).to_protocol("d1")
    assert [(r["type"], r["source_name"], r["target_name"], r["date"]) for r in out["relations"]] == [
        ("controls", "Islamic State of Iraq and Syria", "Tikrit", "2014-06-11")]
    text = "ISIS seized Tikrit on June 11."
    assert text[slice(*out["relations"][0]["source"])] == "ISIS"


def test_control_planned_or_possible_is_intended_not_held(extractor):
    for text in ("The Peshmerga plan to recapture Mosul.", "ISIS would seize Kirkuk if it could."):
        assert not any(kind == "controls" for kind, _, _ in relations(extractor, text)), text


def test_supporting_a_liberation_does_not_make_the_supporter_hold_the_place(extractor):
    found = relations(extractor, "France supported the liberation of Tikrit.")
    assert ("controls", "France", "Tikrit") not in found


def test_a_captured_name_no_entity_covers_is_a_place(extractor):
    assert ("controls", "ISIS", "Haditha Dam") in relations(extractor, "The Haditha Dam was captured by ISIS.")


def test_a_place_includes_what_it_names_after_including(extractor):
    found = relations(extractor, "ISIS seized large parts of the north, including Mosul and Tikrit.")
    assert {("controls", "ISIS", "Mosul"), ("controls", "ISIS", "Tikrit")} <= found


def test_a_former_leader_no_longer_leads(extractor):
    text = "Barzani, the former leader of the KRG, spoke in Erbil."
    assert ("leads", "Barzani", "KRG") not in relations(extractor, text)
    assert ("leads", "Barzani", "KRG") in relations(extractor, text, all_polarities=True)


def test_who_represents_an_organisation_belongs_to_it(extractor):
    assert ("member_of", "Barzani", "KRG") in relations(extractor, "The KRG, represented by Barzani, signed the deal.")


def test_a_verbless_sentence_has_its_root_as_clause(extractor):
    # A headline without a verb ends at its root: the walk up the parse must stop there.
    import threading

    from sources.extraction.relations import _clause
    doc = extractor.nlp("Kurdish support for NATO.")
    found = []
    walker = threading.Thread(target=lambda: found.append(_clause(doc[3])), daemon=True)  # from "NATO"
    walker.start()
    walker.join(5)
    assert [t.text for t in found] == ["support"]


def test_asking_someone_to_stop_is_not_the_askers_stance(extractor):
    found = stance(extractor, "Rouhani called on Maliki to stop attacking the Kurdish fighters.")
    assert ("opposes", "Kurdish fighters", "Rouhani") not in found
    assert ("opposes", "Kurdish fighters", "Maliki") not in found  # stopping it, not doing it


def test_the_object_of_urged_does_what_it_is_urged_to(extractor):
    assert ("opposes", "ISIS", "Maliki") in stance(extractor, "France urged Maliki to fight ISIS.")


def test_support_of_a_party_is_theirs_unless_owned(extractor):
    assert stance(extractor, "Maliki won the support of Iran.") == set()  # Iran supports Maliki: not said so
    assert ("supports", "Germany", "Iraq") in stance(extractor, "Germany stands firmly in support of Iraq.")
    assert ("supports", "France", "Iraq") in stance(extractor, "France reaffirmed its support of Iraq.")


def test_a_supporter_or_a_critic_of_a_party(extractor):
    assert ("supports", "Barzani", "NATO") in stance(extractor, "Barzani, a longtime supporter of NATO, spoke.")
    assert ("opposes", "Maliki", "Rouhani") in stance(extractor, "Rouhani has become a critic of Maliki.")
    assert not any(kind == "member_of" for kind, _, _ in relations(extractor, "Barzani, a supporter of NATO, spoke."))


def test_what_one_says_of_himself_is_not_read_as_stance_on_another(extractor):
    assert stance(extractor, "Maliki met Barzani, and Rouhani said he would remain in office.") == set()


def test_representing_people_is_not_belonging_to_them(extractor):
    assert relations(extractor, "The KRG represents millions of Kurds.") == set()
