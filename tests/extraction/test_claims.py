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
                                                           "that Kurdish forces would stay in Kirkuk")
    assert c.speaker.id == 1 and [r.id for r in c.regions] == [11]
    assert c.event_date == date(2014, 6, 26) and c.event_date_precision == "day"


def test_event_dates_come_from_spacys_date_entities_resolved_by_dateparser(extractor):
    # "last week" was beyond the hand-written patterns; dateparser resolves it against the
    # publication date (a Friday, 27 June 2014).
    (c,) = claims(extractor, "Police said that twelve people were arrested in Kirkuk last week.")
    assert c.event_date == date(2014, 6, 20) and c.event_date_precision == "day"
    (c,) = claims(extractor, "The army said that it took the town in March.")
    assert c.event_date == date(2014, 3, 1) and c.event_date_precision == "month"


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
    assert c.content_text == "that all 69 prisoners had been shot"
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
    assert c.content_text == "that Iran was not choosing Iraq's next prime minister"


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
    assert c.source is None and c.content_text == "that the militants had posted photographs online"


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
    assert {"cue", "source", "content"} <= set(out["claims"][0])  # and what attribution.py resolved


def test_a_cue_inside_a_quotation_is_part_of_the_quote(extractor):
    text = '"I think the bridge will reopen soon, and I believe the road too," the governor said.'
    (c,) = claims(extractor, text)
    assert c.cue_text == "said" and c.source_text == "the governor"
    assert c.content_text == "I think the bridge will reopen soon, and I believe the road too"


def test_the_quotation_goes_on_after_the_cue(extractor):
    text = ('"The convoy was hit twice," the commander said. "Nobody was hurt."\n\n'
            "The army gave no further details.")
    (c,) = claims(extractor, text)
    assert c.content_text.startswith("The convoy was hit twice") and c.content_text.endswith("Nobody was hurt")


def test_a_quotation_over_several_sentences_after_the_cue(extractor):
    text = 'The minister said: "The talks are over. We will not return to them. Nobody asked us."'
    (c,) = claims(extractor, text)
    assert c.content_text == "The talks are over. We will not return to them. Nobody asked us"


def test_a_question_then_its_speaker(extractor):
    text = '"Why was the border closed without warning?" the senator demanded.'
    (c,) = claims(extractor, text)
    assert c.cue_text == "demanded" and c.source_text == "the senator"
    assert c.content_text == "Why was the border closed without warning?"


def test_a_colon_ending_the_paragraph_introduces_the_next(extractor):
    text = "The governor added:\n\nThe water supply is safe and the schools will open on Monday.\n"
    (c,) = claims(extractor, text)
    assert c.cue_text == "added" and c.content_text == "The water supply is safe and the schools will open on Monday"


def test_a_participle_takes_the_subject_of_its_verb(extractor):
    text = "The mayor closed the bridge on Friday, saying that its cables had rusted."
    (c,) = claims(extractor, text)
    assert c.cue_text == "saying" and c.source_text == "The mayor"
    assert c.content_text == "that its cables had rusted"


def test_a_clause_after_the_cue_wins_over_the_quote_before_it(extractor):
    text = '"We are ready," the mayor said, adding that the shelters would open at noon.'
    found = {c.cue_text: c for c in claims(extractor, text)}
    assert found["said"].content_text == "We are ready"
    assert found["adding"].source_text == "the mayor"
    assert found["adding"].content_text == "that the shelters would open at noon"


@pytest.mark.parametrize("sentence, cue, content", [
    ("The senator criticized the new tax on fuel.", "criticized", "the new tax on fuel"),
    ("The union called for a higher minimum wage.", "called for", "a higher minimum wage"),
    ("The mayor described the flood as a disaster for the valley.", "described",
     "the flood as a disaster for the valley"),
    ("The council called the proposal a waste of money.", "called", "the proposal a waste of money"),
    ("The governor rejected the request for more troops.", "rejected", "the request for more troops"),
])
def test_a_stance_on_an_object(extractor, sentence, cue, content):
    (c,) = claims(extractor, sentence)
    assert c.cue_text == cue and c.content_text == content


def test_called_on_someone_to_act_keeps_who(extractor):
    text = "The senator called on the ministry to publish the report."
    (c,) = claims(extractor, text)
    assert c.content_text == "the ministry to publish the report"


@pytest.mark.parametrize("verb", ["plans", "intends", "declined"])
def test_an_intention_to_act(extractor, verb):
    text = f"The ministry {verb} to publish the full report next week."
    (c,) = claims(extractor, text)
    assert c.cue_text == verb and c.source_text == "The ministry"
    assert c.content_text == "to publish the full report next week"


def test_continued_needs_a_quotation(extractor):
    assert claims(extractor, "Fighting continued to rage around the airport on Sunday.") == []


@pytest.mark.parametrize("sentence, cue", [
    ("The governor has also said that the bridge will reopen.", "has also said"),
    ("The ministry did not deny that the talks had failed.", "did not deny"),
    ("The mayor is warning residents that the river may flood.", "is warning"),
])
def test_the_cue_keeps_its_auxiliaries_and_adverbs(extractor, sentence, cue):
    (c,) = claims(extractor, sentence)
    assert c.cue_text == cue


def test_the_cue_leaves_a_question_word_to_its_clause(extractor):
    text = "Nobody knew the cost when the mayor announced that the bridge would close."
    (c,) = [c for c in claims(extractor, text) if "announced" in c.cue_text]
    assert c.cue_text == "announced"


def test_a_quoted_phrase_inside_the_clause_keeps_the_whole_clause(extractor):
    text = 'The mayor said it was "a serious mistake" to close the bridge in winter.'
    (c,) = claims(extractor, text)
    assert c.content_text == 'it was "a serious mistake" to close the bridge in winter'


def test_a_cue_set_off_by_commas_reports_the_whole_sentence(extractor):
    text = "The new bridge, the engineer said, would carry twice as many trucks."
    (c,) = claims(extractor, text)
    assert (c.cue_text, c.source_text) == ("said", "the engineer")
    assert c.content_text == text.rstrip(".")


def test_a_clause_wrapping_round_the_cue_is_kept_whole(extractor):
    text = "Whenever the river rises, she said, the lower town must be evacuated first."
    (c,) = claims(extractor, text)
    assert c.content_text == text.rstrip(".")


def test_a_quotation_split_by_its_cue_is_one_content(extractor):
    text = '"The bridge," the engineer said, "will carry twice as many trucks next spring."'
    (c,) = claims(extractor, text)
    assert c.source_text == "the engineer"
    assert c.content_text == 'The bridge," the engineer said, "will carry twice as many trucks next spring'


def test_a_question_keeps_its_question_mark(extractor):
    text = '"Who will pay for the new bridge?" the senator asked.'
    (c,) = claims(extractor, text)
    assert c.content_text == "Who will pay for the new bridge?"


@pytest.mark.parametrize("sentence, cue, content", [
    ("The governor mentioned the flood damage twice.", "mentioned", "the flood damage"),
    ("The report noted the delays at the border crossing.", "noted", "the delays at the border crossing"),
    ("The senator attacked the plan for the new dam.", "attacked", "the plan for the new dam"),
    ("The mayor expressed concern about the water supply.", "expressed", "concern about the water supply"),
])
def test_naming_or_attacking_something_is_a_stance_on_it(extractor, sentence, cue, content):
    (c,) = claims(extractor, sentence)
    assert c.cue_text == cue and c.content_text == content


def test_a_verb_of_finding_reports_its_that_clause(extractor):
    text = "The audit found that the agency had lost track of the funds."
    (c,) = claims(extractor, text)
    assert (c.cue_text, c.source_text) == ("found", "The audit")
    assert c.content_text == "that the agency had lost track of the funds"


@pytest.mark.parametrize("sentence", ["Police found the car near the river.", "She knows the city well.",
                                      "They decided to leave early."])
def test_a_verb_of_finding_without_a_clause_reports_nothing(extractor, sentence):
    assert claims(extractor, sentence) == []


def test_a_quoted_phrase_after_the_cue_does_not_replace_its_object(extractor):
    text = 'The senator blasted the agency for its "slow and careless" response to the floods.'
    (c,) = claims(extractor, text)
    assert c.content_text == 'the agency for its "slow and careless" response to the floods'


@pytest.mark.parametrize("sentence, content", [
    ("The mayor blamed the floods on years of neglect.", "the floods on years of neglect"),
    ("The governor accused the company of hiding the spill.", "the company of hiding the spill"),
    ("The senator praised the rescuers for their courage.", "the rescuers for their courage"),
])
def test_an_object_keeps_what_it_is_blamed_for_or_accused_of(extractor, sentence, content):
    (c,) = claims(extractor, sentence)
    assert c.content_text == content


def test_a_name_and_a_colon_opening_a_paragraph_is_a_speaker_label(extractor):
    text = "Masoud Barzani: Kirkuk will stay with the Kurdish region.\n\nThe talks resume on Monday."
    (c,) = claims(extractor, text)
    assert (c.cue_text, c.source_text) == (":", "Masoud Barzani")
    assert c.content_text == "Kirkuk will stay with the Kurdish region"


def test_a_transcripts_capitals_labels_are_speakers(extractor):
    text = ("HOST: Welcome back to the program tonight.\n\nGUEST: Thank you for having me here.\n\n"
            "HOST: Let us start with the budget.")
    found = claims(extractor, text)
    assert [(c.source_text, c.content_text) for c in found] == [
        ("HOST", "Welcome back to the program tonight"), ("GUEST", "Thank you for having me here"),
        ("HOST", "Let us start with the budget")]


def test_a_lone_label_that_names_no_one_is_not_a_speaker(extractor):
    assert claims(extractor, "Correction: An earlier version of this story gave the wrong date.") == []


def test_a_quotation_signed_with_a_dash(extractor):
    text = "“We deserve leaders who listen to us.” ― Maria Lopez\n“Nobody asked the farmers.” ― Tom Baker."
    found = claims(extractor, text)
    assert [(c.cue_text, c.source_text, c.content_text) for c in found] == [
        ("―", "Maria Lopez", "We deserve leaders who listen to us"), ("―", "Tom Baker", "Nobody asked the farmers")]


@pytest.mark.parametrize("sentence, source", [
    ("The mayor, speaking to reporters on Friday, said that the bridge would reopen.", "The mayor"),
    ("Even the council said that the bridge would reopen.", "the council"),
    ("Jane Doe, a spokeswoman for the council, said that the bridge would reopen.",
     "Jane Doe, a spokeswoman for the council"),
])
def test_the_source_keeps_an_appositive_but_not_a_participle_or_leading_adverb(extractor, sentence, source):
    (c,) = claims(extractor, sentence)
    assert c.source_text == source


def test_words_of_the_quotation_are_not_taken_for_its_speaker(extractor):
    text = ('"He would be a fine senator. Not good, great. One of the brightest members of the entire '
            'Congress," Rep. Jane Doe said in a phone interview.')
    found = [c for c in claims(extractor, text) if c.cue_text == "said"]
    assert [c.source_text for c in found] == ["Rep. Jane Doe"]


@pytest.mark.parametrize("sentence, cue, content", [
    ("The farmers complained about the price of diesel.", "complained about", "the price of diesel"),
    ("The minister pointed to the new census figures.", "pointed to", "the new census figures"),
    ("The council has responded with a lawsuit against the firm.", "has responded",
     "with a lawsuit against the firm"),
])
def test_a_stance_through_a_preposition(extractor, sentence, cue, content):
    (c,) = claims(extractor, sentence)
    assert (c.cue_text, c.content_text) == (cue, content)


def test_speaking_at_a_place_is_no_stance(extractor):
    assert claims(extractor, "The governor spoke at the opening of the new school.") == []


def test_a_passive_with_an_agent_names_the_source_after_by(extractor):
    text = "The new dam was criticized by the farmers' union."
    (c,) = claims(extractor, text)
    assert (c.cue_text, c.source_text, c.content_text) == ("was criticized", "the farmers' union", "The new dam")


def test_a_passive_without_an_agent_reports_the_whole_clause(extractor):
    text = "The former mayor was accused of taking bribes from builders."
    (c,) = claims(extractor, text)
    assert c.source is None and c.cue_text == "was accused"
    assert c.content_text == "The former mayor was accused of taking bribes from builders"


def test_a_passive_physical_attack_is_no_stance(extractor):
    assert claims(extractor, "The convoy was attacked near the border crossing.") == []


def test_a_reporting_noun_with_its_that_clause(extractor):
    text = "Reporters checked the governor's claim that the river was clean."
    (c,) = claims(extractor, text)
    assert (c.cue_text, c.source_text) == ("claim", "the governor's")
    assert c.content_text == "that the river was clean"


def test_a_resolve_with_an_owner_reports_its_infinitive(extractor):
    text = "Nobody doubted her determination to finish the bridge before winter."
    (c,) = claims(extractor, text)
    assert (c.cue_text, c.source_text, c.content_text) == ("determination", "her", "to finish the bridge before winter")


def test_a_plan_without_a_clause_is_no_claim(extractor):
    assert claims(extractor, "The plan for the new bridge was approved on Monday.") == []


def test_what_someone_called_it_is_reported_with_the_relative(extractor):
    text = "The council approved what the mayor called a reckless budget."
    (c,) = claims(extractor, text)
    assert (c.cue_text, c.source_text) == ("called", "the mayor")
    assert c.content_text == "what the mayor called a reckless budget"


def test_a_fragment_before_a_final_cue_is_what_it_reports(extractor):
    text = "Nothing like this before, the old farmer said."
    (c,) = claims(extractor, text)
    assert (c.source_text, c.content_text) == ("the old farmer", "Nothing like this before")


@pytest.mark.parametrize("sentence, cue", [
    ("The minister went on to explain that the border would stay closed.", "went on to explain"),
    ('"Nobody asked us," the farmer said bitterly.', "said bitterly"),
])
def test_the_cue_takes_in_a_leading_verb_chain_and_a_manner_adverb(extractor, sentence, cue):
    (c,) = claims(extractor, sentence)
    assert c.cue_text == cue


def test_two_apostrophes_mark_a_quotation(extractor):
    text = "''I think the dam will hold,'' the engineer said. ''We checked it twice.''"
    found = claims(extractor, text)
    assert [(c.cue_text, c.content_text) for c in found] == [
        ("said", "I think the dam will hold,'' the engineer said. ''We checked it twice")]


def test_a_connective_before_an_inverted_report_is_left_out(extractor):
    text = "However, the bridge will reopen in May, officials said."
    (c,) = claims(extractor, text)
    assert c.content_text == "the bridge will reopen in May"


def test_a_reporting_participle_after_the_clause_is_not_part_of_it(extractor):
    text = "The mayor said the bridge would reopen in May, citing the new inspection report."
    found = {c.cue_text: c for c in claims(extractor, text)}
    assert found["said"].content_text == "the bridge would reopen in May"


def test_as_someone_pointed_out_reports_the_main_clause(extractor):
    text = "As several engineers have pointed out, the bridge was never designed for trucks."
    (c,) = claims(extractor, text)
    assert (c.cue_text, c.source_text) == ("have pointed out", "several engineers")
    assert c.content_text == "the bridge was never designed for trucks"


def test_as_predicted_without_a_speaker_is_no_claim(extractor):
    assert claims(extractor, "The company failed as predicted.") == []


def test_a_wish_held_by_someone_is_a_stance(extractor):
    text = "The governor wants to double the size of the rescue service."
    (c,) = claims(extractor, text)
    assert (c.cue_text, c.source_text, c.content_text) == (
        "wants", "The governor", "to double the size of the rescue service")


def test_a_wish_of_a_thing_is_no_stance(extractor):
    assert claims(extractor, "The engine wants a new filter every spring.") == []


def test_evidence_shows_its_object(extractor):
    text = "New polls show a close race in the northern provinces."
    (c,) = claims(extractor, text)
    assert (c.cue_text, c.source_text, c.content_text) == ("show", "New polls", "a close race in the northern provinces")


@pytest.mark.parametrize("sentence, cue, content", [
    ("The minister made the case that the tax would pay for the bridge.", "made the case",
     "that the tax would pay for the bridge"),
    ("The council issued a condemnation of the attack on the clinic.", "issued a condemnation of",
     "the attack on the clinic"),
])
def test_a_light_verb_with_a_noun_of_speech(extractor, sentence, cue, content):
    (c,) = claims(extractor, sentence)
    assert (c.cue_text, c.content_text) == (cue, content)


def test_as_someone_put_it(extractor):
    text = "As one farmer put it, the river gives and the river takes."
    (c,) = claims(extractor, text)
    assert (c.cue_text, c.source_text, c.content_text) == ("put it", "one farmer", "the river gives and the river takes")


def test_a_light_verb_without_a_noun_of_speech_is_no_claim(extractor):
    assert claims(extractor, "The company made a profit and put the money in the bank.") == []


def test_a_second_report_joined_by_and_is_not_inside_the_first(extractor):
    text = "The minister said the talks had failed and warned the rebels against new attacks."
    found = {c.cue_text: c for c in claims(extractor, text)}
    assert found["said"].content_text == "the talks had failed"
    assert found["warned"].source_text == "The minister"


@pytest.mark.parametrize("sentence, source", [
    ("WASHINGTON -- President Jane Doe said on Monday that the bridge would reopen.", "President Jane Doe"),
    ("Sen. Jane Doe (D-Ore.) said on Monday that the bridge would reopen.", "Sen. Jane Doe (D-Ore.)"),
    ("Mr. Doe (a view shared by most engineers) said that the bridge would reopen.", "Mr. Doe"),
])
def test_the_source_leaves_out_a_dateline_and_a_parenthetical_remark(extractor, sentence, source):
    found = [c for c in claims(extractor, sentence) if c.cue_text == "said"]
    assert [c.source_text for c in found] == [source]


def test_a_name_before_a_verb_tagged_as_a_noun_is_its_source(extractor):
    text = "Doe charges that the mayor lied about the budget."
    (c,) = claims(extractor, text)
    assert (c.cue_text, c.source_text, c.content_text) == ("charges", "Doe", "that the mayor lied about the budget")
    (c,) = claims(extractor, "But Doe claims that the mayor lied about the budget.")
    assert (c.cue_text, c.source_text) == ("claims", "Doe")


@pytest.mark.parametrize("sentence, content", [
    ("The new survey shows the mayor with a wide lead among older voters.", "the mayor with a wide lead among older voters"),
    ("The senator endorsed the plan in a speech on Monday.", "the plan"),
])
def test_an_object_keeps_what_the_verb_says_of_it_but_not_when_or_where(extractor, sentence, content):
    (c,) = claims(extractor, sentence)
    assert c.content_text == content


def test_an_infinitive_of_purpose_with_no_one_reporting_is_no_claim(extractor):
    assert claims(extractor, "There is now a simple way to report damaged roads.") == []


def test_a_participle_on_a_noun_takes_the_noun_as_source(extractor):
    text = "The council released a statement announcing that the bridge would close."
    found = {c.cue_text: c for c in claims(extractor, text)}
    assert found["announcing"].source_text == "a statement"


def test_a_relative_that_is_replaced_by_what_it_stands_for(extractor):
    text = "The city adopted new rules that promise to cut traffic in the old town."
    found = {c.cue_text: c for c in claims(extractor, text)}
    assert found["promise"].source_text == "new rules"


def test_a_verb_sharing_a_reporting_nouns_lemma_is_no_cue(extractor):
    assert claims(extractor, "The dispute concerns the water rights of three villages.") == []
    (c,) = claims(extractor, "The governor viewed the dam as a threat to the valley.")
    assert (c.cue_text, c.content_text) == ("viewed", "the dam as a threat to the valley")


def test_a_quoted_paragraph_without_a_cue_goes_on_from_the_last_speaker(extractor):
    text = '"The levee held," the engineer said.\n\n"We will still check every metre of it."\n\nRain is expected.'
    (c,) = claims(extractor, text)
    assert c.content_text == 'The levee held," the engineer said.\n\n"We will still check every metre of it'


@pytest.mark.parametrize("sentence, cue, content", [
    ("Most farmers support the new water tax.", "support", "the new water tax"),
    ("The union backed the dock workers' strike.", "backed", "the dock workers' strike"),
    ("The governor encouraged residents to leave the coast.", "encouraged", "residents to leave the coast"),
    ("The commission detailed the abuses of the guards.", "detailed", "the abuses of the guards"),
    ("Critics linked the outbreak to the broken pipes.", "linked", "the outbreak to the broken pipes"),
])
def test_backing_or_setting_out_a_position_is_a_stance_on_its_object(extractor, sentence, cue, content):
    (c,) = claims(extractor, sentence)
    assert (c.cue_text, c.content_text) == (cue, content)


def test_seeing_something_as_something_is_a_stance_seeing_alone_is_not(extractor):
    (c,) = claims(extractor, "Many farmers see the water tax as a punishment.")
    assert (c.cue_text, c.source_text) == ("see", "Many farmers")
    assert c.content_text == "the water tax as a punishment"
    assert claims(extractor, "Many farmers saw the parade on Sunday.") == []


@pytest.mark.parametrize("sentence, cue, source, content", [
    ("Many teachers are afraid that the school will close.", "are afraid", "Many teachers",
     "that the school will close"),
    ("The mayor was sure the bridge would reopen.", "was sure", "The mayor", "the bridge would reopen"),
    ("The senator has been critical of the plan since May.", "has been critical of", "The senator", "the plan"),
    ("The mayor is also determined to reopen the bridge.", "is also determined", "The mayor",
     "to reopen the bridge"),
    ("Farmers weren't too worried about the drought.", "weren't too worried about", "Farmers", "the drought"),
    ("It is clear that the talks have failed.", "It is clear", None, "that the talks have failed"),
])
def test_an_adjective_of_stance_reports_what_it_is_about(extractor, sentence, cue, source, content):
    (c,) = claims(extractor, sentence)
    assert (c.cue_text, c.source_text, c.content_text) == (cue, source, content)


@pytest.mark.parametrize("sentence", [
    "The mayor was angry on Friday.",          # nothing it is about
    "The river is clear after the rain.",      # no stance
])
def test_an_adjective_without_what_it_is_about_is_no_claim(extractor, sentence):
    found = [c for c in claims(extractor, sentence) if c.cue_text.endswith(("angry", "clear"))]
    assert found == []


def test_a_headline_opening_with_a_name_and_a_colon_is_a_label(extractor):
    text = "Poll: Farmers Turn Against the Water Tax\n\nThe survey was taken in May."
    (c,) = (c for c in claims(extractor, text) if c.cue_text == ":")
    assert (c.source_text, c.content_text) == ("Poll", "Farmers Turn Against the Water Tax")
    assert claims(extractor, "The Latest: Farmers Turn Against the Water Tax\n\nMore soon.") == []
    assert claims(extractor, "Update: Farmers Turn Against the Water Tax\n\nMore soon.") == []


@pytest.mark.parametrize("sentence, source, content", [
    ("In the latest poll, the mayor leads her rival by four points.", "the latest poll",
     "the mayor leads her rival by four points"),
    ("The mayor fared well in two surveys of likely voters.", "two surveys of likely voters", "The mayor fared well"),
])
def test_in_a_poll_reports_what_the_poll_found(extractor, sentence, source, content):
    (c,) = claims(extractor, sentence)
    assert (c.cue_text.lower(), c.source_text, c.content_text) == ("in", source, content)


def test_in_a_poll_beside_a_reporting_verb_is_not_a_second_claim(extractor):
    (c,) = claims(extractor, "In a new survey, most farmers said the tax was too high.")
    assert c.cue_text == "said"


@pytest.mark.parametrize("sentence, cue, content", [
    ("The mayor hoped the bridge would reopen in May.", "hoped", "the bridge would reopen in May"),
    ("The mayor is hoping that the bridge will reopen.", "is hoping", "that the bridge will reopen"),
    ("The watchdog rated the claim as false.", "rated", "the claim as false"),
])
def test_verbs_the_lemmatizer_takes_for_other_words_are_cues(extractor, sentence, cue, content):
    (c,) = claims(extractor, sentence)
    assert (c.cue_text, c.content_text) == (cue, content)


def test_voting_against_is_a_stance_voting_for_someone_is_not(extractor):
    (c,) = claims(extractor, "The senator voted against the water tax.")
    assert (c.cue_text, c.content_text) == ("voted against", "the water tax")
    assert claims(extractor, "So they should vote for him.") == []


@pytest.mark.parametrize("sentence, cue, source, content", [
    ("Many farmers have doubts about the water tax.", "have doubts about", "Many farmers", "the water tax"),
    ("The mayor made it clear the bridge would stay shut.", "made it clear", "The mayor",
     "the bridge would stay shut"),
])
def test_a_view_held_or_made_clear_reports_what_it_is_about(extractor, sentence, cue, source, content):
    (c,) = claims(extractor, sentence)
    assert (c.cue_text, c.source_text, c.content_text) == (cue, source, content)


def test_having_a_thing_is_no_view(extractor):
    assert claims(extractor, "Many farmers have tractors from the co-operative.") == []


@pytest.mark.parametrize("sentence, content", [
    ("The mayor offered no proof that the bridge was unsafe.", "no proof that the bridge was unsafe"),
    ("The senator offered some advice to the new governor.", "some advice to the new governor"),
])
def test_offering_a_word_reports_what_is_offered(extractor, sentence, content):
    (c,) = claims(extractor, sentence)
    assert (c.cue_text, c.content_text) == ("offered", content)


def test_offering_a_thing_is_no_claim(extractor):
    assert claims(extractor, "The bank offered loans to the farmers.") == []


@pytest.mark.parametrize("sentence", [
    "The new grant will support the village councils.",
    "Officials want an economy that supports small farms.",
])
def test_backing_by_a_thing_is_no_stance(extractor, sentence):
    assert not [c for c in claims(extractor, sentence) if c.cue_text.endswith(("support", "supports"))]


def test_a_headline_label_is_one_or_two_plain_words(extractor):
    text = "Jane Doe(Arabic: name), also known as Umm Ali, is a general.\n\nShe lives in Basra."
    assert [c for c in claims(extractor, text) if c.cue_text == ":"] == []
