"""Forms for reviewing the extractor's candidate actors and regions."""
from django import forms
from django.db.models import Q

from .models import Actor, Region


class CandidateReviewForm(forms.Form):
    """Accept, reject, or merge a candidate into an accepted entry named by slug or name."""

    ACCEPT, MERGE, REJECT = "accept", "merge", "reject"

    action = forms.ChoiceField(choices=[(ACCEPT, "Accept"), (MERGE, "Merge into"), (REJECT, "Reject")])
    into = forms.CharField(required=False, max_length=200, label="Merge into (slug or name)")

    def __init__(self, *args, model: type[Actor] | type[Region], **kwargs):
        super().__init__(*args, **kwargs)
        self.model = model

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
