import pytest

from sources.extraction.catalogue import Catalogue, CatalogueEntry
from sources.extraction.pipeline import load_nlp


@pytest.fixture(scope="session")
def catalogue():
    entries = [
        CatalogueEntry("actor", 1, "person", "Masoud Barzani", ("Barzani", "Massud Barzani")),
        CatalogueEntry("actor", 2, "armed_group", "Islamic State of Iraq and Syria", ("ISIS", "ISIL", "Daesh")),
        CatalogueEntry("actor", 3, "media_outlet", "Reuters", ()),
        CatalogueEntry("actor", 4, "media_outlet", "Associated Press", ("AP", "The Associated Press")),
        CatalogueEntry("actor", 5, "state", "Iran", ("Islamic Republic of Iran",)),
        CatalogueEntry("actor", 6, "person", "Nouri al-Maliki", ("Maliki",)),
        CatalogueEntry("actor", 7, "organisation", "Human Rights Watch", ("HRW",)),
        CatalogueEntry("actor", 8, "person", "Hassan Rouhani", ("Rouhani",)),
        CatalogueEntry("region", 10, "country", "Iraq", ()),
        CatalogueEntry("region", 11, "city", "Kirkuk", ()),
        CatalogueEntry("region", 12, "country", "Iran", ()),
        CatalogueEntry("region", 13, "city", "Tikrit", ()),
    ]
    return Catalogue(entries)


@pytest.fixture(scope="session")
def extractor(catalogue):
    return load_nlp(catalogue)
