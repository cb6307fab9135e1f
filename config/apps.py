from django.apps import AppConfig


class ConfigConfig(AppConfig):
    """The project package as an app, so its system checks register on startup."""

    name = "config"
    label = "briefwiki"
    verbose_name = "Briefwiki"

    def ready(self) -> None:
        from . import checks  # noqa: F401
