"""The user admin, with one rule Django's lacks: only a superuser makes or changes a superuser.

Staff with the admin role manage users (``change_user``), and Django's ``UserAdmin`` would let
them tick "superuser status" on their own row, or change a superuser's password and sign in as
them. Here that box is read-only for them, and a superuser's row is theirs to see, not change.
"""
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin

User = get_user_model()


class GuardedUserAdmin(UserAdmin):
    def get_readonly_fields(self, request, obj=None):
        fields = tuple(super().get_readonly_fields(request, obj))
        return fields if request.user.is_superuser else (*fields, "is_superuser")

    def has_change_permission(self, request, obj=None) -> bool:
        if obj is not None and obj.is_superuser and not request.user.is_superuser:
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None) -> bool:
        if obj is not None and obj.is_superuser and not request.user.is_superuser:
            return False
        return super().has_delete_permission(request, obj)


admin.site.unregister(User)
admin.site.register(User, GuardedUserAdmin)
