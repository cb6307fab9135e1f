from django.contrib import admin

from .models import Actor, Alias, Region


class ActorAliasInline(admin.TabularInline):
    model = Alias
    fk_name = "actor"
    fields = ["name"]
    extra = 1


class RegionAliasInline(ActorAliasInline):
    fk_name = "region"


@admin.register(Actor)
class ActorAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "parent", "review_state", "updated_at"]
    list_filter = ["kind", "review_state"]
    search_fields = ["name", "slug", "aliases__name", "description"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["parent", "territory", "merged_into"]
    inlines = [ActorAliasInline]


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "parent", "review_state"]
    list_filter = ["kind", "review_state"]
    search_fields = ["name", "slug", "aliases__name"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["parent", "merged_into"]
    inlines = [RegionAliasInline]


@admin.register(Alias)
class AliasAdmin(admin.ModelAdmin):
    list_display = ["name", "normalised", "actor", "region"]
    search_fields = ["name", "normalised"]
    list_select_related = ["actor", "region"]
    autocomplete_fields = ["actor", "region"]
