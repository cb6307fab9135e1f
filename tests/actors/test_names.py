import pytest

from actors.names import normalise_name


@pytest.mark.parametrize(
    "name, key",
    [
        ("The Associated Press", "associated press"),
        ("Nouri al-Mālikī", "nouri al maliki"),
        ("U.S.", "us"),
        ("Asa’ib Ahl al-Haq", "asaib ahl al haq"),
        ("  ISIS\n", "isis"),
        ("Theodore", "theodore"),
    ],
)
def test_normalise_name_folds_case_accents_punctuation_and_leading_the(name, key):
    assert normalise_name(name) == key
