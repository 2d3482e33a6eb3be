from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InsightsConfig(AppConfig):
    name = "services.insights"
    label = "insights"
    verbose_name = _("Ratings and performance")

    def ready(self):
        # The follow-ups of bad ratings join the officers' morning reminder (the applications app
        # never imports insights: it keeps a registry of sections that others fill).
        from services.applications.reminders import register_section

        from .reminders import SECTION

        register_section(SECTION)
