"""Forms of the briefing pages: editing a draft, creating a briefing, its question, reviewing
suggestions."""
from django import forms

from actors.forms import CatalogueEntriesField, CatalogueEntryField
from actors.models import Actor, Region

from .merge import has_conflict_markers, normalise_newlines
from .models import Briefing, Revision


class BriefingEditForm(forms.Form):
    """A draft edit: the new Markdown, a note, and the revision the editor started from."""

    body = forms.CharField(
        label="Text (Markdown)",
        required=False,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 16, "class": "markdown-editor", "spellcheck": "true"}),
        help_text="Cite a claim with [^c123]; link another briefing with [[Its title]].",
    )
    note = forms.CharField(label="Edit note", max_length=300, required=False, help_text="What changed, in a few words.")
    # The draft the editor saw; empty for a briefing without a draft yet.
    base_revision = forms.IntegerField(required=False, widget=forms.HiddenInput)
    # Set when the text holds a merge's conflict markers the editor must resolve.
    resolving = forms.BooleanField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, briefing, **kwargs):
        self.briefing = briefing
        super().__init__(*args, **kwargs)

    def clean_body(self) -> str:
        body = normalise_newlines(self.cleaned_data["body"])
        if has_conflict_markers(body):
            raise forms.ValidationError(
                "The text still holds conflict markers (<<<<<<<, =======, >>>>>>>): "
                "keep the lines you want and remove the markers."
            )
        return body

    def clean_base_revision(self) -> Revision | None:
        pk = self.cleaned_data["base_revision"]
        if pk is None:
            return None
        revision = Revision.objects.filter(pk=pk, briefing=self.briefing).first()
        if revision is None:
            raise forms.ValidationError("The revision this edit started from is not one of this briefing's.")
        return revision


class BriefingCreateForm(forms.Form):
    title = forms.CharField(max_length=200)
    summary = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 2}))
    body = forms.CharField(
        label="Text (Markdown)",
        required=False,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 16, "class": "markdown-editor"}),
    )

    def clean_body(self) -> str:
        return normalise_newlines(self.cleaned_data["body"])


class PreviewForm(forms.Form):
    body = forms.CharField(required=False, strip=False)


class SuggestionAcceptForm(forms.Form):
    """Accept as suggested, or with the editor's edited text."""

    text = forms.CharField(required=False, strip=False, widget=forms.Textarea(attrs={"rows": 3}))


class SuggestionRejectForm(forms.Form):
    reason = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": "Say why the suggestion is rejected."},
    )


class PublishForm(forms.Form):
    # The draft the reviewer looked at: publishing another one would publish unseen text.
    revision = forms.IntegerField(widget=forms.HiddenInput)


class RevertForm(forms.Form):
    base_revision = forms.IntegerField(required=False, widget=forms.HiddenInput)


def _pks(value: str) -> list[int]:
    try:
        return [int(pk) for pk in value.replace(",", " ").split()]
    except ValueError:
        raise forms.ValidationError("Not a list of suggestion ids.") from None


class ReviewDecideForm(forms.Form):
    """Accept or reject many suggestions: those ticked (each card's ids, restatements together)
    or every one the page's filters match."""

    action = forms.ChoiceField(choices=[("reject", "Reject"), ("accept", "Accept")])
    scope = forms.ChoiceField(choices=[("selected", "selected"), ("matching", "matching")], initial="selected")
    reason = forms.CharField(required=False, widget=forms.TextInput(attrs={"size": 40}))
    query = forms.CharField(required=False, widget=forms.HiddenInput)

    def clean(self):
        data = super().clean()
        data["pks"] = [pk for value in self.data.getlist("ids") for pk in _pks(value)]
        if data.get("scope") == "selected" and not data["pks"]:
            raise forms.ValidationError("Tick the suggestions to decide first.")
        if data.get("action") == "reject" and not data.get("reason", "").strip():
            self.add_error("reason", "Say why the suggestions are rejected.")
        return data


class BriefingQuestionForm(forms.Form):
    """What the briefing asks and whom and where it is about, names typed from the catalogue."""

    question = forms.ChoiceField(choices=Briefing.Question.choices, widget=forms.RadioSelect)
    question_region = CatalogueEntryField(Region, required=False, label="Place",
                                          widget=forms.TextInput(attrs={"list": "region-names"}),
                                          help_text="For a control question: the place (its sub-places count too).")
    question_target = CatalogueEntryField(Actor, required=False, label="Target",
                                          widget=forms.TextInput(attrs={"list": "actor-names"}),
                                          help_text="For a stance question: whom the parties take a stance on.")
    actors = CatalogueEntriesField(Actor, required=False, label="Actors",
                                   widget=forms.Textarea(attrs={"rows": 2}),
                                   help_text="Comma-separated. For a stance question: the parties it follows.")
    regions = CatalogueEntriesField(Region, required=False, label="Regions", widget=forms.Textarea(attrs={"rows": 2}),
                                    help_text="Comma-separated.")

    @staticmethod
    def initial_for(briefing: Briefing) -> dict:
        return {
            "question": briefing.question,
            "question_region": briefing.question_region.name if briefing.question_region_id else "",
            "question_target": briefing.question_target.name if briefing.question_target_id else "",
            "actors": ", ".join(a.name for a in briefing.subject_actors.all()),
            "regions": ", ".join(r.name for r in briefing.subject_regions.all()),
        }

    def clean(self):
        data = super().clean()
        if data.get("question") == Briefing.Question.CONTROL and not data.get("question_region"):
            self.add_error("question_region", "Name the place whose control the briefing follows.")
        if data.get("question") == Briefing.Question.STANCE and not data.get("question_target"):
            self.add_error("question_target", "Name whom the parties take a stance on.")
        return data


class ClaimPickerForm(forms.Form):
    """The editor's search for a claim to cite: words of the claim, its speaker or outlet, among
    the claims about the briefing or all of them, and how many to list."""

    MAX_WORDS = 8  # each word is a condition on five fields: enough to find a claim, not a query to stall

    q = forms.CharField(label="Find a claim", max_length=200, required=False)
    scope = forms.ChoiceField(
        choices=[("briefing", "About this briefing"), ("all", "All claims")], required=False,
        widget=forms.RadioSelect,
    )
    limit = forms.IntegerField(min_value=1, max_value=50, required=False)

    def clean_q(self) -> list[str]:
        words = self.cleaned_data["q"].split()
        if len(words) > self.MAX_WORDS:
            raise forms.ValidationError(f"Search with at most {self.MAX_WORDS} words.")
        return words
