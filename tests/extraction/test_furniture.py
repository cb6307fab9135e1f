"""Page furniture: photo credits, site notices and Title Case headlines (no spaCy here)."""
import pytest

from sources.extraction.furniture import furniture_spans, in_spans, is_headline


def furniture(text: str) -> list[str]:
    return [text[s:e] for s, e in furniture_spans(text)]


@pytest.mark.parametrize("line", [
    "Image via AP/Bram Janssen",
    "Photo by Jane Moreau for The Daily Example",
    "Photograph: Ahmad al-Rubaye/AFP/Getty Images",
    "(Photo credit: Safin Hamed/AFP)",
    "Credit: Example News Agency",
    "© Example Wire 2017",
    "This story is over 5 years old",
    "This article is more than 2 years old",
    "Advertisement",
    "Last modified on Wed 27 Jun 2018 10.12 BST",
    "Published: 27 June 2018",
    "Related: Baghdad moves troops north",
    "Baghdad Rejects Kurdish Vote As Tensions Rise Over Oil City",
    "Iraqi Kurds vote in referendum | World news | The Daily Example",
])
def test_a_furniture_line_is_furniture_whole(line):
    text = f"Officials in Kirkuk said the curfew would end.\n{line}\nThe governor agreed."
    found = furniture(text)
    assert found and line.endswith(found[0]) and len(found[0]) >= len(line) - 14
    assert "Officials" not in "".join(found) and "governor" not in "".join(found)


def test_a_caption_keeps_its_sentence_and_loses_its_credit():
    text = "Peshmerga fighters near Kirkuk on Monday. Photograph: Ahmad al-Rubaye/AFP/Getty Images"
    assert furniture(text) == ["Photograph: Ahmad al-Rubaye/AFP/Getty Images"]


@pytest.mark.parametrize("text", [
    "Kurdish President Masoud Barzani said the vote would go ahead.",
    "In a video by Islamic State released on Monday, fighters paraded through Mosul and Hawija.",
    "A photo shared by the ministry showed troops entering the town, residents said on Tuesday.",
    "Iraq's Kurds vote in independence referendum despite pressure from Baghdad",
    "Published figures from the United Nations put the number of displaced at 30,000 people.",
    "Masoud Barzani",
    "The Iraqi Prime Minister Haider al-Abadi Ordered Troops To Kirkuk.",
])
def test_prose_and_sentence_case_headlines_are_not_furniture(text):
    assert furniture(text) == []


def test_headlines_need_title_case_and_no_sentence_ending():
    assert is_headline("Iraqi Forces Take Kirkuk From Kurdish Peshmerga")
    assert not is_headline("Iraqi forces take Kirkuk from Kurdish Peshmerga")
    assert not is_headline("Iraqi Forces Take Kirkuk.")


def test_in_spans_is_overlap():
    assert in_spans([(10, 20)], 15, 25) and in_spans([(10, 20)], 5, 11)
    assert not in_spans([(10, 20)], 20, 25) and not in_spans([], 0, 5)
