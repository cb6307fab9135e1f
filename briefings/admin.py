from django.contrib import admin

from .models import Briefing, Link, Revision, Subscription, Suggestion


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
