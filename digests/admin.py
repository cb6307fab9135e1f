from django.contrib import admin

from .models import DigestDelivery


@admin.register(DigestDelivery)
class DigestDeliveryAdmin(admin.ModelAdmin):
    list_display = ["user", "period", "status", "attempts", "briefing_count", "claimed_at", "sent_at"]
    list_filter = ["status"]
    search_fields = ["user__username", "user__email", "period", "error"]
    raw_id_fields = ["user"]
