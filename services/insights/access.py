"""Who may see and act on ratings and follow-ups in the back office - the insights app's access
rules, in the shape of services.applications.access: officers of a department see and act on
their department's follow-ups; staff who read every department's applications (supervisors,
superusers) read every department's; anyone else sees none (a lookup is a 404). Who may rate
an application is access.may_rate in the applications app (the one rule)."""

from django.http import Http404

from services.applications.access import sees_every_department

from .models import FollowUp, Rating


def _granted(user, codename):
    return bool(user and user.is_authenticated and user.is_staff) and (
        user.is_superuser or user.has_perm(f"insights.{codename}")
    )


def follow_ups_for(user):
    """The follow-ups `user` may read: their department's, or every one for supervisors."""
    if not _granted(user, "view_followup"):
        return FollowUp.objects.none()
    if sees_every_department(user):
        return FollowUp.objects.all()
    return FollowUp.objects.filter(department_id=user.department_id) if user.department_id else FollowUp.objects.none()


def ratings_for(user):
    if not _granted(user, "view_rating"):
        return Rating.objects.none()
    if sees_every_department(user):
        return Rating.objects.all()
    return Rating.objects.filter(department_id=user.department_id) if user.department_id else Rating.objects.none()


def may_act(user, follow_up):
    """Officers of the follow-up's department with the permission to change follow-ups
    (superusers too); supervisors read every department's but act on none but their own."""
    if not _granted(user, "change_followup"):
        return False
    return user.is_superuser or (user.department_id is not None and user.department_id == follow_up.department_id)


def follow_up_for_staff(request, pk):
    found = follow_ups_for(request.user).filter(pk=pk).first()
    if found is None:
        raise Http404
    return found
