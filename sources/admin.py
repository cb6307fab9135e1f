from django.contrib import admin

from .models import Article, Feed, Mention, Outlet


@admin.register(Outlet)
class OutletAdmin(admin.ModelAdmin):
    list_display = ["name", "url", "actor"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["actor"]


class MentionInline(admin.TabularInline):
    model = Mention
    fields = ["start", "end", "text", "label", "actor", "region", "confidence"]
    readonly_fields = fields
    extra = 0
    can_delete = False


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    list_display = ["__str__", "outlet", "published_at", "status", "status_reason", "created_at"]
    list_filter = ["status", "outlet"]
    search_fields = ["title", "url", "byline", "text"]
    date_hierarchy = "published_at"
    list_select_related = ["outlet"]
    readonly_fields = ["content_hash", "status", "status_reason", "created_at", "updated_at", "processed_at"]
    autocomplete_fields = ["outlet"]
    inlines = [MentionInline]


@admin.register(Mention)
class MentionAdmin(admin.ModelAdmin):
    list_display = ["text", "label", "article", "actor", "region", "confidence"]
    list_filter = ["label"]
    search_fields = ["text"]
    list_select_related = ["article", "actor", "region"]
    raw_id_fields = ["article", "actor", "region"]


@admin.register(Feed)
class FeedAdmin(admin.ModelAdmin):
    list_display = ["__str__", "outlet", "interval_minutes", "active", "last_polled_at", "last_error"]
    list_filter = ["active", "outlet"]
    search_fields = ["url", "title"]
    readonly_fields = ["last_polled_at", "last_error", "etag", "modified"]
