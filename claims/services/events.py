"""Whether two claims with casualty figures can be about the same event, so that figures that
disagree are a dispute and not two events: the same kind of figure (deaths, wounded, detained,
displaced), the same place or one inside the other, dates that overlap, and compatible victims
(a count of militants killed is no count of the men they executed)."""
import re
from datetime import date, timedelta

FIGURE_KINDS = {
    "deaths": r"kill\w*|dead|died|die|deaths?|death toll|execut\w*|exterminat\w*|massacr\w*|slain|murder\w*|"
              r"slaughter\w*|bodies",
    "wounded": r"wounded|injur\w*",
    "detained": r"detain\w*|arrest\w*|captured|abduct\w*|kidnapp\w*",
    "displaced": r"displaced|fled|refugees",
}
_KIND_RE = {kind: re.compile(rf"\b({words})\b", re.IGNORECASE) for kind, words in FIGURE_KINDS.items()}

# Who a figure counts, by the noun after the number: militants, security forces, civilians; a
# generic noun may be any of them, "men" or "prisoners" anyone but the militants themselves.
MILITANT, SECURITY, CIVILIAN = "militant", "security", "civilian"
VICTIMS = {
    **dict.fromkeys("militant militants fighter fighters insurgent insurgents jihadist jihadists gunman gunmen "
                    "extremist extremists rebel rebels terrorist terrorists".split(), {MILITANT}),
    **dict.fromkeys("soldier soldiers troops policeman policemen police officers recruits cadets guards "
                    "peshmerga".split(), {SECURITY}),
    **dict.fromkeys("civilian civilians residents villagers women children worshippers pilgrims "
                    "students".split(), {CIVILIAN}),
    **dict.fromkeys("men prisoners detainees captives hostages".split(), {SECURITY, CIVILIAN}),
}
_COUNTED = re.compile(
    r"\b\d[\d,.]*(?:\s*(?:-|–|to|and)\s*\d[\d,.]*)?\s+((?:[A-Za-z'-]+\s+){0,2}?)(" + "|".join(VICTIMS) + r")\b",
    re.IGNORECASE,
)


def figure_kinds(text: str) -> set[str]:
    return {kind for kind, pattern in _KIND_RE.items() if pattern.search(text)}


def victims(text: str) -> set[str] | None:
    """Whom the claim's figures count (None: it does not say)."""
    found = [VICTIMS[m.group(2).lower()] for m in _COUNTED.finditer(text)]
    return set().union(*found) if found else None


def _around(region_ids: set[int], parents: dict[int, int | None]) -> set[int]:
    """The regions and every region they sit in."""
    out = set()
    for rid in region_ids:
        while rid and rid not in out:
            out.add(rid)
            rid = parents.get(rid)
    return out


def same_place(a: set[int], b: set[int], parents: dict[int, int | None]) -> bool:
    """One of the places is the other, or inside it; a claim that names none may be anywhere."""
    if not a or not b:
        return True
    return bool(_around(a, parents) & b or _around(b, parents) & a)


# Two reports of one event that both name its day: an overnight attack is told on either day.
SAME_DAY_SLACK = timedelta(days=1)


def same_time(a: date | None, b: date | None, window: timedelta, *, both_days: bool = False) -> bool:
    """Dates that may be one event's: within ``window`` of each other, or (``both_days``: each
    claim names the day itself) a day apart at most."""
    return a is None or b is None or abs(a - b) <= (SAME_DAY_SLACK if both_days else window)


def same_event(a_text: str, b_text: str) -> bool:
    """The words of two claims allow one event: the same kind of figure, compatible victims."""
    kinds_a, kinds_b = figure_kinds(a_text), figure_kinds(b_text)
    if kinds_a and kinds_b and not kinds_a & kinds_b:
        return False
    victims_a, victims_b = victims(a_text), victims(b_text)
    return victims_a is None or victims_b is None or bool(victims_a & victims_b)
