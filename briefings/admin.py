from django.contrib import admin

from .models import (
    Briefing,
    Citation,
    Claim,
    ClaimRelation,
    ClaimStatusChange,
    DigestDelivery,
    Link,
    Revision,
    Subscription,
    Suggestion,
)


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


@admin.register(Claim)
class ClaimAdmin(admin.ModelAdmin):
    list_display = ["__str__", "speaker", "relayed_by", "status", "event_date", "origin", "created_at"]
    list_filter = ["status", "origin", "relayed_by", "event_date_precision"]
    search_fields = ["text", "speaker__name", "speaker_text", "citations__quote"]
    date_hierarchy = "event_date"
    list_select_related = ["speaker", "relayed_by"]
    autocomplete_fields = ["speaker", "actors", "regions"]
    inlines = [CitationInline, StatusChangeInline]


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


class RevisionInline(admin.TabularInline):
    model = Revision
    fk_name = "briefing"
    fields = ["number", "author", "note", "created_at"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request, obj=None):
        return False  # revisions are written through briefing_revise, never by hand


class SuggestionInline(admin.TabularInline):
    model = Suggestion
    fields = ["claim", "text", "state", "reason", "reviewed_by"]
    readonly_fields = ["claim"]
    extra = 0


@admin.register(Briefing)
class BriefingAdmin(admin.ModelAdmin):
    list_display = ["title", "published_revision", "draft_revision", "published_at", "updated_at"]
    search_fields = ["title", "slug", "summary"]
    list_filter = ["subject_actors__kind"]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["subject_actors", "subject_regions"]
    readonly_fields = ["published_revision", "draft_revision", "published_at"]
    inlines = [RevisionInline, SuggestionInline]


@admin.register(Revision)
class RevisionAdmin(admin.ModelAdmin):
    list_display = ["__str__", "author", "note", "created_at"]
    list_filter = ["briefing"]
    search_fields = ["briefing__title", "note", "body"]
    list_select_related = ["briefing", "author"]

    def has_change_permission(self, request, obj=None):
        return False  # immutable

    def has_add_permission(self, request):
        return False


@admin.register(Suggestion)
class SuggestionAdmin(admin.ModelAdmin):
    list_display = ["__str__", "briefing", "state", "reviewed_by", "created_at"]
    list_filter = ["state", "briefing"]
    search_fields = ["text", "reason", "claim__text"]
    raw_id_fields = ["claim", "accepted_revision"]
    list_select_related = ["briefing", "reviewed_by"]


@admin.register(Link)
class LinkAdmin(admin.ModelAdmin):
    list_display = ["source", "target_title", "target"]
    search_fields = ["target_title", "source__title"]
    list_select_related = ["source", "target"]


@admin.register(Subscription)
class SubscriptionAdmin(admin.ModelAdmin):
    list_display = ["user", "briefing", "actor", "region", "frequency", "created_at"]
    list_filter = ["frequency"]
    search_fields = ["user__username", "user__email", "briefing__title", "actor__name", "region__name"]
    raw_id_fields = ["user", "briefing", "actor", "region"]


@admin.register(DigestDelivery)
class DigestDeliveryAdmin(admin.ModelAdmin):
    list_display = ["user", "period", "status", "attempts", "briefing_count", "claimed_at", "sent_at"]
    list_filter = ["status"]
    search_fields = ["user__username", "user__email", "period", "error"]
    raw_id_fields = ["user"]
