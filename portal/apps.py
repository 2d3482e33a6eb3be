from django.apps import AppConfig


class PortalConfig(AppConfig):
    """The project itself, installed only so that its deployment checks are registered when the
    apps are ready (no app imports `portal`: the import contracts in pyproject.toml)."""

    name = "portal"
    verbose_name = "Portal"

    def ready(self):
        from . import checks  # noqa: F401 - registers the deployment check of SITE_URL
