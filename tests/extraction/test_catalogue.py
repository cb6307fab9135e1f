from sources.extraction.catalogue import Catalogue, CatalogueEntry


def test_exact_lookup_uses_normalised_names(catalogue):
    assert [e.id for e in catalogue.lookup_exact("massud  barzani")] == [1]
    assert [e.id for e in catalogue.lookup_exact("The Associated Press")] == [4]


def test_fuzzy_lookup_stays_within_the_kind_and_a_high_cutoff(catalogue):
    assert catalogue.lookup_fuzzy("Nuri al-Maliki", kinds={"person"}).id == 6
    assert catalogue.lookup_fuzzy("Nuri al-Maliki", kinds={"armed_group"}) is None
    # WRatio alone would match these; ratio and token-sort ratio do not.
    assert catalogue.lookup_fuzzy("Islamic State in Iraq and al-Sham", kinds={"person"}) is None


def test_patterns_match_short_capitals_exactly():
    catalogue = Catalogue([CatalogueEntry("actor", 1, "state", "United States", ("US",))])
    attrs = {p["pattern"]: p["attr"] for p in catalogue.patterns()}
    assert attrs == {"United States": "LOWER", "US": "ORTH"}


def test_catalogue_from_seed_files_reads_actors_and_regions():
    from pathlib import Path

    seeds = Path(__file__).resolve().parents[2] / "seeds"
    catalogue = Catalogue.from_seed_files(seeds)
    assert catalogue.lookup_exact("ISIL")[0].id == "isis"
    assert {e.target for e in catalogue.lookup_exact("Kirkuk")} == {"region"}
