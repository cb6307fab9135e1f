from django.contrib import admin

from .models import Citation, Claim, ClaimCorrection, ClaimRelation, ClaimStatusChange


class CitationInline(admin.TabularInline):
    model = Citation
    fields = ["article", "start", "end", "quote", "cue"]
    raw_id_fields = ["article"]
    extra = 0


class StatusChangeInline(admin.TabularInline):
    model = ClaimStatusChange
    fields = ["old_status", "new_status", "reason", "changed_by", "created_at"]
    readonly_fields = fields
    extra = 0
    can_delete = False


class CorrectionInline(admin.TabularInline):
    """Read-only: corrections are made on the claim page or through the API (claims.services)."""

    model = ClaimCorrection
    fields = ["field", "old_value", "new_value", "reason", "editor", "created_at"]
    readonly_fields = fields
    extra = 0
    can_delete = False


@admin.register(Claim)
class ClaimAdmin(admin.ModelAdmin):
    list_display = ["__str__", "speaker", "relayed_by", "status", "event_date", "origin", "created_at"]
    list_filter = ["status", "origin", "polarity", "quoted", "hidden", "relayed_by", "event_date_precision"]
    search_fields = ["text", "speaker__name", "speaker_text", "citations__quote"]
    date_hierarchy = "event_date"
    list_select_related = ["speaker", "relayed_by"]
    autocomplete_fields = ["speaker", "actors", "regions"]
    raw_id_fields = ["merged_into", "holder"]
    inlines = [CitationInline, StatusChangeInline, CorrectionInline]


@admin.register(Citation)
class CitationAdmin(admin.ModelAdmin):
    list_display = ["__str__", "claim", "article", "cue"]
    search_fields = ["quote", "cue"]
    raw_id_fields = ["claim", "article"]
    list_select_related = ["claim", "article"]


@admin.register(ClaimRelation)
class ClaimRelationAdmin(admin.ModelAdmin):
    list_display = ["from_claim", "kind", "to_claim", "origin", "created_at"]
    list_filter = ["kind", "origin"]
    search_fields = ["from_claim__text", "to_claim__text", "note"]
    raw_id_fields = ["from_claim", "to_claim"]


@admin.register(ClaimStatusChange)
class ClaimStatusChangeAdmin(admin.ModelAdmin):
    list_display = ["claim", "old_status", "new_status", "changed_by", "created_at"]
    list_filter = ["new_status"]
    search_fields = ["reason", "claim__text"]
    raw_id_fields = ["claim"]
