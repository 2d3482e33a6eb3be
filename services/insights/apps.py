from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InsightsConfig(AppConfig):
    name = "services.insights"
    label = "insights"
    verbose_name = _("Ratings and performance")
    # The follow-ups of bad ratings join the officers' morning reminder: the applications app
    # never imports insights, its reminder reads the sections the apps name here.
    digest_sections = ["services.insights.reminders.SECTION"]
