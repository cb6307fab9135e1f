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


def test_a_name_mixing_scripts_is_flagged_and_its_skeleton_is_the_latin_lookalike():
    from actors.names import is_mixed_script, name_skeleton

    disguised = "\u041cas\u043eud Barzani"  # Cyrillic capital Em and small o
    assert is_mixed_script(disguised) and not is_mixed_script("Masoud Barzani")
    assert not is_mixed_script("\u041c\u0430\u0441\u0443\u0434 \u0411\u0430\u0440\u0437\u0430\u043d\u0438")  # all Cyrillic
    assert name_skeleton(disguised) == name_skeleton("Masoud Barzani") == "masoud barzani"
    assert name_skeleton("Nouri al-Mālikī") == "nouri al maliki"
