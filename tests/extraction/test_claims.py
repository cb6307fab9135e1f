"""Each reported-speech form, in sentences written for these tests."""
from datetime import date

import pytest


def claims(extractor, text, published=date(2014, 6, 27)):
    return extractor.extract(text, published=published).claims


def span(text, part):
    start = text.index(part)
    return (start, start + len(part))


def test_that_clause(extractor):
    text = "Masoud Barzani said on Thursday that Kurdish forces would stay in Kirkuk."
    (c,) = claims(extractor, text)
    assert (c.cue_text, c.source_text, c.content_text) == ("said", "Masoud Barzani",
                                                           "Kurdish forces would stay in Kirkuk")
    assert c.speaker.id == 1 and [r.id for r in c.regions] == [11]
    assert c.event_date == date(2014, 6, 26) and c.event_date_precision == "day"


def test_direct_quote_before_the_cue(extractor):
    text = '"We will not hand the city back," Barzani said.'
    (c,) = claims(extractor, text)
    assert c.content_text == "We will not hand the city back" and c.speaker.id == 1
    assert c.content == span(text, "We will not hand the city back")


def test_direct_quote_after_the_cue(extractor):
    text = 'Barzani said: "The matter of the disputed areas is closed."'
    (c,) = claims(extractor, text)
    assert c.content_text == "The matter of the disputed areas is closed" and c.speaker.id == 1


def test_told_an_outlet_relays_through_it(extractor):
    text = "Police sources told Reuters that all 69 prisoners had been shot."
    (c,) = claims(extractor, text)
    assert c.source_text == "Police sources" and c.speaker is None and c.relayed_by.id == 3
    assert c.content_text == "all 69 prisoners had been shot"
    assert c.numbers == [{"text": "69 prisoners", "value": 69, "unit": "prisoners"}]


def test_according_to(extractor):
    text = "According to Human Rights Watch, the gunmen killed at least 160 men in Tikrit."
    (c,) = claims(extractor, text)
    assert c.cue_text == "According to" and c.source_text == "Human Rights Watch" and c.speaker.id == 7
    assert c.content_text == "the gunmen killed at least 160 men in Tikrit"


def test_according_to_at_the_end(extractor):
    text = "The convoy was attacked near the capital, according to officials."
    (c,) = claims(extractor, text)
    assert c.source_text == "officials" and c.content_text == "The convoy was attacked near the capital"


@pytest.mark.parametrize("verb", ["warned", "claimed", "insisted", "added", "denied"])
def test_other_cue_verbs(extractor, verb):
    text = f"Hassan Rouhani {verb} that Iran was not choosing Iraq's next prime minister."
    (c,) = claims(extractor, text)
    assert c.cue_text == verb and c.speaker.id == 8
    assert c.content_text == "Iran was not choosing Iraq's next prime minister"


def test_urged_keeps_who_was_urged(extractor):
    text = "The cleric urged the political blocs to agree on a new government."
    (c,) = claims(extractor, text)
    assert c.cue_text == "urged" and c.content_text == "the political blocs to agree on a new government"


def test_inverted_report_by_an_outlet(extractor):
    text = "Support for Maliki in Tehran is wavering, The Associated Press reported."
    (c,) = claims(extractor, text)
    assert c.cue_text == "reported" and c.speaker.id == 4 and c.relayed_by.id == 4
    assert c.content_text == "Support for Maliki in Tehran is wavering"


def test_inverted_said_after_the_clause(extractor):
    text = "The road to the airport has reopened, officials said on Friday."
    (c,) = claims(extractor, text)
    assert c.source_text == "officials" and c.content_text == "The road to the airport has reopened"


def test_passive_it_was_reported(extractor):
    text = "It was reported that the militants had posted photographs online."
    (c,) = claims(extractor, text)
    assert c.source is None and c.content_text == "the militants had posted photographs online"


def test_pronoun_speaker_is_the_last_person_named(extractor):
    text = "Hassan Rouhani met the envoy. He said that talks would continue next month."
    (c,) = claims(extractor, text)
    assert c.source_text == "He" and c.speaker.id == 8


def test_a_state_named_as_a_place_is_the_speaker(extractor):
    text = "Iran said that its advisers had left Baghdad."
    (c,) = claims(extractor, text)
    assert c.speaker is not None and c.speaker.id in (5, 12)


def test_every_span_points_at_its_words(extractor):
    text = ('Officials said militants attacked the convoy. However, sources told Reuters that all 69 were '
            'killed by police. "It was a massacre," one witness said, according to the AP.')
    for c in claims(extractor, text):
        assert text[c.cue[0]:c.cue[1]] == c.cue_text
        assert text[c.content[0]:c.content[1]] == c.content_text
        if c.source:
            assert text[c.source[0]:c.source[1]] == c.source_text


def test_protocol_output_has_the_scorers_shape(extractor):
    out = extractor.extract("Barzani said Kurds would keep Kirkuk.").to_protocol("doc-1")
    assert out["id"] == "doc-1" and {"start", "end", "text", "type"} <= set(out["entities"][0])
    assert set(out["claims"][0]) == {"cue", "source", "content"}
