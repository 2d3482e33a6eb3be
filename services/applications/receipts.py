"""The counter receipt: one printed page for every counter or postal application, handed over
at the counter or posted to the applicant, with the reference, the tracking code, what was
received and checked, the expected acceptance date, the centre and the clerk, and a QR code
that opens the tracking page.

The QR code carries the tracking page's address with the reference only (…/track/?ref=HP…);
the tracking code is printed beside it and typed. An address is written into every access log,
proxy log and browser history it passes through, and a receipt is photographed and shared; the
reference alone opens nothing (tracking needs both, and wrong guesses are throttled), so the
code never travels in an address. A signed token in the address would have to live as long as
the case (weeks), which makes it the tracking code under another name.
"""

from urllib.parse import urlencode

from django.conf import settings
from django.http import Http404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from services.catalogue.models import Channel
from services.lib.qr import qr_svg

from . import access
from .models import AccessLog, MaterialCheck

OFFLINE_CHANNELS = (Channel.COUNTER, Channel.POST)


def tracking_url(application):
    """The tracking page, in the applicant's language, with the reference filled in: the
    address the QR code opens (never with the tracking code: see the module's docstring)."""
    with translation.override(application.language or settings.LANGUAGE_CODE):
        page = reverse("applications:track")
    return f"{settings.SITE_URL}{page}?{urlencode({'ref': application.reference})}"


def receipt_context(application):
    """What the receipt shows, read in the applicant's language by the template."""
    checks = {
        c.material_id: c for c in MaterialCheck.objects.filter(application=application).select_related("checked_by")
    }
    materials = [(m, checks.get(m.pk)) for m in application.service.materials.all()]
    url = tracking_url(application)
    return {
        "app": application,
        "materials": materials,
        "tracking_url": url,
        "qr": qr_svg(url, _("QR code: opens the tracking page with the reference number filled in")),
        "clerk": application.registered_by,
        "centre": application.centre,
    }


def receipt(request, pk):
    """The printable receipt of an offline application, for staff who may see it (404 for
    anyone else and for online applications: those get their confirmation page and email)."""
    application = access.application_for_staff(request, pk)
    if application.channel not in OFFLINE_CHANNELS or not application.reference:
        raise Http404
    AccessLog.objects.create(
        user=request.user, action=AccessLog.Action.VIEW, application=application, detail=_("Printed the receipt")
    )
    with translation.override(application.language or settings.LANGUAGE_CODE):
        context = {
            **receipt_context(application),
            "back_url": reverse("admin:applications_application_change", args=[application.pk]),
        }
        return TemplateResponse(request, "applications/receipt.html", context).render()
