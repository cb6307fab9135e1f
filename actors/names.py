"""Name normalisation shared by aliases, linking and the extractor (pure Python, no Django),
and the look-alike checks that flag a candidate disguised as a catalogue name."""
import re
import unicodedata
from functools import lru_cache

from confusable_homoglyphs import confusables

_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u02bc": "'", "`": "'", "\u00b4": "'",
                         "\u201c": '"', "\u201d": '"'})
_DASHES = re.compile(r"[\u2010-\u2015\u2212-]+")
_SPACE = re.compile(r"\s+")
_LEADING_THE = re.compile(r"^the\s+")


@lru_cache(maxsize=50_000)  # news repeats its names: each article's are mostly seen before
def normalise_name(name: str) -> str:
    """The comparison key of a name: casefolded, without diacritics, apostrophes, dots or a
    leading "the", hyphens and runs of space folded to one space.

    "The Associated Press" -> "associated press"; "Nouri al-Mālikī" -> "nouri al maliki";
    "U.S." -> "us"; "Asa'ib Ahl al-Haq" -> "asaib ahl al haq".
    """
    text = unicodedata.normalize("NFKD", name.translate(_QUOTES))
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = text.casefold().replace("'", "").replace(".", "")
    text = _DASHES.sub(" ", text)
    text = _SPACE.sub(" ", text).strip()
    return _LEADING_THE.sub("", text)


def is_mixed_script(name: str) -> bool:
    """Whether a name mixes letters of several scripts ("Мasоud" with a Cyrillic М and о):
    how a look-alike of a catalogue name is usually made."""
    return confusables.is_mixed_script(name)


@lru_cache(maxsize=10_000)
def name_skeleton(name: str) -> str:
    """``normalise_name`` after letters that look like Latin ones became them (Unicode's
    confusables, via confusable-homoglyphs): two names a reader cannot tell apart share it, so
    "Мasоud Barzani" and "Masoud Barzani" both give "masoud barzani"."""
    return normalise_name("".join(_latin_lookalike(ch) for ch in name))


def _latin_lookalike(ch: str) -> str:
    if ch.isascii() or not ch.isalpha():
        return ch
    for homoglyph in confusables.confusables_data.get(ch, ()):
        if homoglyph["n"].startswith("LATIN ") and len(homoglyph["c"]) == 1:
            return homoglyph["c"]
    return ch
