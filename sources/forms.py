from django import forms

from .intake import IngestError
from .services import article_submit


class ArticleSubmitForm(forms.Form):
    """Paste an article's text or HTML, or give its URL; the details are optional."""

    content = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 14, "placeholder": "Paste the article's text or its HTML"}),
        help_text="Plain text or a whole HTML page: the article text is found in the HTML.",
    )
    url = forms.URLField(required=False, assume_scheme="https", help_text="Fetched by a worker if nothing is pasted.")
    title = forms.CharField(required=False, max_length=500)
    outlet = forms.CharField(required=False, max_length=200, help_text="e.g. Reuters, AP, VICE News")
    byline = forms.CharField(required=False, max_length=300)
    published = forms.DateField(required=False, widget=forms.DateInput(attrs={"type": "date"}))

    def clean(self):
        data = super().clean()
        if not (data.get("content", "").strip() or data.get("url")):
            raise forms.ValidationError("Paste the article's text or HTML, or give its URL.")
        return data

    def submit(self, user):
        """Submit through the intake service; bad input becomes a form error, not a crash."""
        data = self.cleaned_data
        content = data["content"].strip()
        looks_html = content[:1] == "<" and ("</" in content or "/>" in content)
        try:
            return article_submit(
                text="" if looks_html else content,
                html=content if looks_html else "",
                url=data.get("url") or "",
                title=data["title"],
                byline=data["byline"],
                outlet=data["outlet"] or None,
                published_at=data.get("published"),
                submitted_by=user,
            )
        except IngestError as exc:
            self.add_error(None, str(exc))
            return None
