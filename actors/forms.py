"""Forms for reviewing the extractor's candidate actors and regions, and the fields other apps'
forms use to name catalogue entries."""
from django import forms
from django.db.models import Q

from .models import Actor, Region
from .names import normalise_name


def catalogue_entry(model: type[Actor] | type[Region], name: str) -> Actor | Region | None:
    """The accepted entry called ``name`` (its name, slug or an alias), if the catalogue has one."""
    name = name.strip()
    if not name:
        return None
    return (
        model.objects.catalogue()
        .filter(Q(name__iexact=name) | Q(slug=name) | Q(aliases__normalised=normalise_name(name)))
        .order_by("pk")
        .first()
    )


class CatalogueEntryField(forms.CharField):
    """One accepted actor or region, typed by name (a datalist offers the catalogue)."""

    def __init__(self, model: type[Actor] | type[Region], **kwargs):
        self.model = model
        kwargs.setdefault("max_length", 200)
        super().__init__(**kwargs)

    def clean(self, value):
        name = super().clean(value)
        if not name:
            return None
        entry = catalogue_entry(self.model, name)
        if entry is None:
            raise forms.ValidationError(f"Not in the catalogue: {name}.")
        return entry


class CatalogueEntriesField(forms.CharField):
    """Accepted actors or regions typed as comma-separated names; every unknown name is named
    in the error."""

    def __init__(self, model: type[Actor] | type[Region], **kwargs):
        self.model = model
        super().__init__(**kwargs)

    def clean(self, value):
        names = list(dict.fromkeys(n.strip() for n in (super().clean(value) or "").split(",") if n.strip()))
        found = {name: catalogue_entry(self.model, name) for name in names}
        missing = [name for name, entry in found.items() if entry is None]
        if missing:
            raise forms.ValidationError(f"Not in the catalogue: {', '.join(missing)}.")
        return list(dict.fromkeys(found.values()))


class CandidateReviewForm(forms.Form):
    """Accept (with its kind and parent), reject, or merge a candidate into an accepted entry
    named by slug or name."""

    ACCEPT, MERGE, REJECT = "accept", "merge", "reject"

    action = forms.ChoiceField(choices=[(ACCEPT, "Accept"), (MERGE, "Merge into"), (REJECT, "Reject")])
    into = forms.CharField(required=False, max_length=200, label="Merge into (slug or name)")

    def __init__(self, *args, model: type[Actor] | type[Region], **kwargs):
        super().__init__(*args, **kwargs)
        self.model = model
        # Left empty, the candidate keeps the kind the extractor guessed and has no parent.
        self.fields["kind"] = forms.TypedChoiceField(
            choices=[("", "as proposed"), *model.Kind.choices], required=False, empty_value=None
        )
        self.fields["parent"] = CatalogueEntryField(model, required=False, label="Inside" if model is Region else "Part of")

    def clean(self):
        data = super().clean()
        if data.get("action") != self.MERGE:
            return data
        into = (data.get("into") or "").strip()
        if not into:
            raise forms.ValidationError("Choose the entry to merge the candidate into.")
        target = self.model.objects.catalogue().filter(Q(slug=into) | Q(name__iexact=into)).order_by("pk").first()
        if target is None:
            noun = "actor" if self.model is Actor else "region"
            raise forms.ValidationError(f"No accepted {noun} is called “{into}”.")
        data["target"] = target
        return data
