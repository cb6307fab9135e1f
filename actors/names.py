"""Name normalisation shared by aliases, linking and the extractor (pure Python, no Django)."""
import re
import unicodedata
from functools import lru_cache

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
