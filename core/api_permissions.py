"""Who may call what. Reads are scoped by the ``visible_to`` querysets (an invisible row is a
404); these classes refuse writes early with 403, before any lookup, so a 403 never says
whether a given row exists."""
from django.conf import settings
from rest_framework import permissions

from .roles import can_edit, can_publish


class MembersOrPublicRead(permissions.BasePermission):
    """Signed-in members; anonymous callers may only read, and only where
    ``BRIEFWIKI_PUBLIC_BRIEFINGS`` makes published briefings public."""

    def has_permission(self, request, view) -> bool:
        if request.user and request.user.is_authenticated:
            return True
        return request.method in permissions.SAFE_METHODS and settings.BRIEFWIKI_PUBLIC_BRIEFINGS


class CanEdit(permissions.BasePermission):
    message = "Only editors may do this."

    def has_permission(self, request, view) -> bool:
        return can_edit(request.user)


class CanPublish(permissions.BasePermission):
    message = "Only reviewers may publish briefings."

    def has_permission(self, request, view) -> bool:
        return can_publish(request.user)


class HasPerm(permissions.BasePermission):
    """``HasPerm.of("claims.change_claim")``: a single Django permission, so an admin may grant
    one ability to one user."""

    perm = ""

    @classmethod
    def of(cls, perm: str) -> type["HasPerm"]:
        return type(f"HasPerm_{perm.replace('.', '_')}", (cls,), {"perm": perm, "message": "Your role does not allow this."})

    def has_permission(self, request, view) -> bool:
        return bool(request.user and request.user.is_authenticated and request.user.has_perm(self.perm))
