"""Roles as Django groups, and the permission each one grants.

The groups are created by a data migration (core/0002_roles) from ROLE_PERMISSIONS; code asks
questions through the helpers below, never by group name, so an admin may grant a single
permission to a single user as well.
"""
from django.contrib.auth.management import create_permissions

READER, EDITOR, REVIEWER, ADMIN = "reader", "editor", "reviewer", "admin"
ROLES = (READER, EDITOR, REVIEWER, ADMIN)

_CATALOGUE = ["actor", "region", "alias", "outlet", "article", "mention", "feed"]
_CLAIMS = ["claim", "citation", "claimrelation", "claimstatuschange"]
_WIKI = ["briefing", "revision", "suggestion", "link"]
_VIEW = [f"view_{m}" for m in _CATALOGUE + _CLAIMS + _WIKI]

READER_PERMS = _VIEW + ["add_subscription", "view_subscription", "delete_subscription"]
EDITOR_PERMS = READER_PERMS + [
    "add_revision",          # save drafts
    "change_suggestion",     # accept / reject suggestions
    "add_article",           # submit articles for ingestion
    "add_claim", "change_claim", "add_citation", "add_claimrelation", "add_claimstatuschange",
    "add_briefing", "change_briefing",
    "change_actor", "change_region", "add_alias", "add_actor", "add_region",  # review candidates
]
# Reviewers see and lift sign-in lockouts (core/logins.py).
REVIEWER_PERMS = EDITOR_PERMS + ["publish_briefing", "view_accessattempt", "delete_accessattempt"]

ROLE_PERMISSIONS: dict[str, list[str]] = {
    READER: READER_PERMS,
    EDITOR: EDITOR_PERMS,
    REVIEWER: REVIEWER_PERMS,
    ADMIN: REVIEWER_PERMS + ["add_user", "change_user", "view_user", "delete_user", "change_group", "view_group",
                             "delete_briefing", "delete_claim", "delete_actor", "delete_region", "delete_article",
                             "add_outlet", "change_outlet", "add_feed", "change_feed", "delete_feed"],
}

# Which app each codename belongs to (codenames are unique across these apps).
APP_OF_MODEL = {
    **{m: "actors" for m in ["actor", "region", "alias"]},
    **{m: "sources" for m in ["outlet", "article", "mention", "feed"]},
    **{m: "claims" for m in _CLAIMS},
    **{m: "briefings" for m in _WIKI + ["subscription"]},
    "digestdelivery": "digests",
    "user": "auth",
    "group": "auth",
    "accessattempt": "axes",
}


def app_label_for(codename: str) -> str:
    if codename == "publish_briefing":
        return "briefings"
    return APP_OF_MODEL[codename.split("_", 1)[1]]


def can_edit(user) -> bool:
    """Editors (and above) edit drafts and review suggestions."""
    return user.is_authenticated and user.has_perm("briefings.add_revision")


def can_publish(user) -> bool:
    """Reviewers (and above) publish drafts."""
    return user.is_authenticated and user.has_perm("briefings.publish_briefing")


def roles_sync(apps, schema_editor=None) -> None:
    """Create the role groups and give each exactly its permissions (used by migrations)."""
    # Permissions are normally created after all migrations ran; make sure they exist now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, verbosity=0)
        app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for role, codenames in ROLE_PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=role)
        wanted = []
        for codename in dict.fromkeys(codenames):
            app_label, model = app_label_for(codename), codename.split("_", 1)[1]
            if not _model_known(apps, app_label, model):
                continue  # its app's migrations come later; a later roles migration grants it
            wanted.append(Permission.objects.get(content_type__app_label=app_label, codename=codename))
        group.permissions.set(wanted)


def _model_known(apps, app_label: str, model: str) -> bool:
    try:
        apps.get_model(app_label, model)
    except LookupError:
        return False
    return True


def role_grant(user, role: str) -> None:
    """Put ``user`` in the group of ``role`` (the groups exist from migration core/0002_roles)."""
    if role not in ROLES:
        raise ValueError(f"Unknown role {role!r}; roles are {', '.join(ROLES)}.")
    user.groups.add(user.groups.model.objects.get(name=role))
