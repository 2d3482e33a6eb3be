from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApplicationsConfig(AppConfig):
    name = "services.applications"
    label = "applications"
    verbose_name = _("Applications")

    def ready(self):
        from services.lib import cache
        from services.lib.forms import quiet_choice_messages

        quiet_choice_messages()

        from .models import CalendarDay, FormField, FormPage

        # Form definitions and the working-day calendar are kept per process (see
        # definitions.py and workdays.py); edits to them renew what is kept.
        cache.watch(FormPage, FormField, CalendarDay)
        # Bundles are listed on the (cached) life-event pages.
        from .models import Bundle, BundlePart

        cache.watch(Bundle, BundlePart)
