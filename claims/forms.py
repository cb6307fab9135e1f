"""Forms for an editor's corrections of a claim (the claim page and the review cards)."""
from django import forms
from django.db.models import Q

from actors.models import Actor, Region
from actors.names import normalise_name
from sources.models import Outlet

from .models import Claim, ClaimRelation
from .wording import speaker_label


def catalogue_actor(name: str) -> Actor | None:
    """The accepted actor with this name or alias, if the catalogue has one."""
    name = name.strip()
    if not name:
        return None
    return (Actor.objects.catalogue().filter(Q(name__iexact=name) | Q(aliases__normalised=normalise_name(name)))
            .distinct().first())


def _names(value: str) -> list[str]:
    return [n.strip() for n in value.split(",") if n.strip()]


class ClaimCorrectForm(forms.Form):
    """What the claim should say; only what differs from the claim becomes a correction."""

    speaker = forms.CharField(max_length=300, required=False,
                              help_text="An actor of the catalogue, or a description (a senior adviser to ...).")
    relayed_by = forms.CharField(max_length=200, required=False, help_text="The outlet relaying it, if any.")
    text = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), required=False)
    polarity = forms.ChoiceField(choices=Claim.Polarity.choices, required=False)
    quoted = forms.ChoiceField(choices=[("reported", "Reported speech"), ("quoted", "Verbatim quote")], required=False)
    actors = forms.CharField(required=False, help_text="Actors it is about, comma-separated.")
    regions = forms.CharField(required=False, help_text="Regions it is about, comma-separated.")
    event_date = forms.DateField(required=False)
    event_date_precision = forms.ChoiceField(choices=Claim.Precision.choices, required=False)
    reason = forms.CharField(max_length=2000, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, claim: Claim, **kwargs):
        self.claim = claim
        super().__init__(*args, **kwargs)

    @staticmethod
    def initial_for(claim: Claim) -> dict:
        return {
            "speaker": speaker_label(claim) if claim.speaker_id or claim.speaker_text else "",
            "relayed_by": claim.relayed_by.name if claim.relayed_by_id else "",
            "text": claim.text,
            "polarity": claim.polarity,
            "quoted": "quoted" if claim.quoted else "reported",
            "actors": ", ".join(a.name for a in claim.actors.all()),
            "regions": ", ".join(r.name for r in claim.regions.all()),
            "event_date": claim.event_date,
            "event_date_precision": claim.event_date_precision,
        }

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        claim, changes = self.claim, {}
        current = self.initial_for(claim)
        speaker = data.get("speaker", "").strip()
        if "speaker" in self.data and speaker != current["speaker"]:
            actor = catalogue_actor(speaker)
            changes.update({"speaker": actor, "speaker_text": "" if actor else speaker})
        relay = data.get("relayed_by", "").strip()
        if "relayed_by" in self.data and relay != current["relayed_by"]:
            outlet = Outlet.objects.filter(Q(name__iexact=relay) | Q(slug=relay)).first() if relay else None
            if relay and outlet is None:
                self.add_error("relayed_by", f"No outlet called {relay!r}.")
            changes["relayed_by"] = outlet
        if "text" in self.data and data.get("text", "").strip() != claim.text.strip():
            changes["text"] = data["text"]
        if data.get("polarity") and data["polarity"] != claim.polarity:
            changes["polarity"] = data["polarity"]
        if data.get("quoted") and (data["quoted"] == "quoted") != claim.quoted:
            changes["quoted"] = data["quoted"] == "quoted"
        for name, model in (("actors", Actor), ("regions", Region)):
            if name not in self.data or _names(data.get(name, "")) == _names(current[name]):
                continue
            wanted = _names(data[name])
            found = {o.name.casefold(): o for o in model.objects.filter(review_state="accepted").filter(
                Q(*[Q(name__iexact=n) for n in wanted], _connector=Q.OR))} if wanted else {}
            missing = [n for n in wanted if n.casefold() not in found]
            if missing:
                self.add_error(name, f"Not in the catalogue: {', '.join(missing)}.")
            changes[name] = [found[n.casefold()] for n in wanted if n.casefold() in found]
        if "event_date" in self.data:
            when, precision = data.get("event_date"), data.get("event_date_precision") or ""
            if when is None:
                precision = Claim.Precision.UNKNOWN
            elif precision in ("", Claim.Precision.UNKNOWN):
                precision = Claim.Precision.DAY
            if (when, precision) != (claim.event_date, claim.event_date_precision):
                changes.update({"event_date": when, "event_date_precision": precision})
        self.changes = changes
        return data


class ClaimMergeForm(forms.Form):
    target = forms.IntegerField(min_value=1, help_text="The id of the claim this one is the same as (kept).")
    reason = forms.CharField(max_length=2000)


class ClaimRelateForm(forms.Form):
    other = forms.IntegerField(min_value=1)
    kind = forms.ChoiceField(choices=[(ClaimRelation.Kind.DISPUTES, "Disputes"),
                                      (ClaimRelation.Kind.CORROBORATES, "Corroborates")])
    note = forms.CharField(max_length=2000)


class ReasonForm(forms.Form):
    reason = forms.CharField(max_length=2000)
