def ents(extractor, text):
    return [(m.text, m.type, m.link.id if m.link else None) for m in extractor.extract(text).entities]


def test_catalogue_names_win_and_link(extractor):
    found = ents(extractor, "Fighters of Daesh moved towards Kirkuk while Massud Barzani met reporters.")
    assert ("Daesh", "organization", 2) in found
    assert ("Kirkuk", "location", 11) in found
    assert ("Massud Barzani", "person", 1) in found


def test_unknown_names_are_found_but_not_linked(extractor):
    found = ents(extractor, "The envoy Jonathan Pemberley-Smith arrived in Amman on Monday.")
    assert ("Jonathan Pemberley-Smith", "person", None) in found
    assert any(text == "Amman" and type_ == "location" for text, type_, _ in found)


def test_a_title_and_the_name_after_it_are_one_person(extractor):
    found = ents(extractor, "Foreign Secretary Gillian Marchbanks said the embassy would stay open.")
    assert [f for f in found if f[1] == "person"][0][0] == "Foreign Secretary Gillian Marchbanks"


def test_a_title_alone_stands_for_a_person(extractor):
    found = extractor.extract("The Prime Minister will visit the region next week.").entities
    assert [(m.text, m.type, m.mention) for m in found] == [("The Prime Minister", "person", "title")]


def test_a_people_acting_is_a_group_not_a_catalogue_name(extractor):
    found = extractor.extract("Syrians fled across the border as the Iraqi army withdrew.").entities
    assert {(m.text, m.type, m.mention) for m in found} >= {("Syrians", "organization", "group"),
                                                          ("Iraqi army", "organization", "group")}


def test_fuzzy_linking_catches_a_variant_spelling(extractor):
    found = ents(extractor, "Nuri al-Maliki spoke to parliament.")
    assert ("Nuri al-Maliki", "person", 6) in found
