"""How much one visitor may store: drafts started per hour, and the files one draft may hold
and one address may send in a day (README, "Uploads" and "Data retention"). Scanners once made
312 drafts in 25 minutes and one guest stored 36 MB in one draft."""

import hashlib

from django.conf import settings
from django.core.cache import caches
from django.core.exceptions import ValidationError
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from services.lib.clientip import client_ip
from services.lib.throttle import Rule, Throttle, minutes

MB = 1024 * 1024


def draft_throttle(request):
    """Signed-in citizens count per account (many share an office or school address); guests
    per client address."""
    if request.user.is_authenticated:
        rule = Rule("draft-start-account", limit=settings.DRAFTS_PER_ACCOUNT_PER_HOUR, window=3600)
        return Throttle(rule, request.user.pk)
    rule = Rule("draft-start-address", limit=settings.DRAFTS_PER_ADDRESS_PER_HOUR, window=3600)
    return Throttle(rule, client_ip(request))


def draft_refusal(wait):
    count = minutes(wait)
    return ngettext(
        "Too many applications have been started from this connection in the last hour. Nothing has been "
        "lost: try again in %(minutes)d minute.",
        "Too many applications have been started from this connection in the last hour. Nothing has been "
        "lost: try again in %(minutes)d minutes.",
        count,
    ) % {"minutes": count}


# --- upload volume ---------------------------------------------------------------------------
def _volume_key(request, now):
    address = hashlib.sha256(client_ip(request).encode()).hexdigest()[:40]
    return f"upload-volume:{address}:{timezone.localtime(now).date().isoformat()}"


def address_volume(request, now=None):
    """Bytes stored from this address today (local date)."""
    return caches["shared"].get(_volume_key(request, now or timezone.now()), 0)


def check_volume(request, app, key, checked, now=None):
    """Raise ValidationError when storing `checked` for `key` (it replaces any earlier file for
    that key) would take the draft past its number of files or megabytes, or this address past
    its megabytes for the day."""
    others = app.attachments.exclude(field_key=key)
    count = others.count() + 1
    if count > settings.UPLOAD_MAX_FILES_PER_APPLICATION:
        raise ValidationError(
            _(
                "This application already holds %(max)d files, the most one application may have. Replace a file "
                "you uploaded earlier instead."
            )
            % {"max": settings.UPLOAD_MAX_FILES_PER_APPLICATION},
            code="too_many_files",
        )
    total = (others.aggregate(total=Sum("size"))["total"] or 0) + checked.size
    if total > settings.UPLOAD_MAX_MB_PER_APPLICATION * MB:
        raise ValidationError(
            _(
                "The files of one application may take %(max)d MB together; with this one they would take "
                "%(total).1f MB. Send smaller scans (for example in black and white, or at 150 dpi)."
            )
            % {"max": settings.UPLOAD_MAX_MB_PER_APPLICATION, "total": total / MB},
            code="application_volume",
        )
    if address_volume(request, now) + checked.size > settings.UPLOAD_MAX_MB_PER_ADDRESS_PER_DAY * MB:
        raise ValidationError(
            _(
                "Too many files have been uploaded from this connection today (the limit is %(max)d MB a day). "
                "Your answers are kept: upload the file tomorrow, or bring it to a service centre."
            )
            % {"max": settings.UPLOAD_MAX_MB_PER_ADDRESS_PER_DAY},
            code="address_volume",
        )


def count_volume(request, checked, now=None):
    """Add a stored file to this address's volume for the day. Get-then-set: two uploads at the
    same instant may both be counted from the same total (see services/lib/throttle.py)."""
    now = now or timezone.now()
    key = _volume_key(request, now)
    cache = caches["shared"]
    cache.set(key, cache.get(key, 0) + checked.size, 2 * 86400)
