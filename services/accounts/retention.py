"""Sign-ups and email or mobile changes that wait for their confirmation link hold a name, an
email address, a mobile number and a password hash. Their link works for
PASSWORD_RESET_TIMEOUT; once it has expired nobody can use them, so the daily purge
(services.applications.retention.purge, README "Data retention") removes them. They were
already removed when the next sign-up or change was sent, but with none coming they stayed."""

from datetime import timedelta

from django.conf import settings

from .models import PendingContactChange, PendingSignup


def _cutoff(now):
    return now - timedelta(seconds=settings.PASSWORD_RESET_TIMEOUT)


def expired_signups(now):
    return PendingSignup.objects.filter(created__lt=_cutoff(now))


def expired_contact_changes(now):
    return PendingContactChange.objects.filter(created__lt=_cutoff(now))


def purge_pending(now, dry_run=False):
    """{"pending_signups": n, "contact_changes": n} removed (or, with dry_run, that would be)."""
    counts = {}
    for key, rows in (("pending_signups", expired_signups(now)), ("contact_changes", expired_contact_changes(now))):
        counts[key] = rows.count() if dry_run else rows.delete()[0]
    return counts
