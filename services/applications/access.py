"""Every lookup of an application from a request goes through here: the owner's account, the
guest's own session, the reference plus tracking code, or (later) staff of the owning
department. Anything else is a 404 - never a hint that the record exists."""

import hmac

from django.http import Http404

from .models import Application, Attachment, Status
from .references import normalise_reference, normalise_tracking_code

GUEST_SESSION_KEY = "guest_applications"
TRACKED_SESSION_KEY = "tracked_applications"


def remember_guest(request, application):
    ids = request.session.get(GUEST_SESSION_KEY, [])
    if str(application.public_id) not in ids:
        request.session[GUEST_SESSION_KEY] = [*ids, str(application.public_id)][-20:]


def remember_tracked(request, application):
    """After a correct reference + tracking code for a guest's application, this browser may
    answer its requests for information - but still not read its personal data."""
    ids = request.session.get(TRACKED_SESSION_KEY, [])
    if application.owner_id is None and str(application.public_id) not in ids:
        request.session[TRACKED_SESSION_KEY] = [*ids, str(application.public_id)][-20:]


def may_see(request, app):
    return _may_see(request, app)


def application_for_answer(request, reference):
    """For answering a request for information: the applicant, or whoever tracked a guest's
    application with its reference and tracking code in this browser."""
    app = _submitted(reference)
    if app is None:
        raise Http404
    tracked = app.owner_id is None and str(app.public_id) in request.session.get(TRACKED_SESSION_KEY, [])
    if not (_may_see(request, app) or tracked):
        raise Http404
    return app


def _may_see(request, app):
    if app.owner_id is not None:
        return request.user.is_authenticated and request.user.pk == app.owner_id
    return str(app.public_id) in request.session.get(GUEST_SESSION_KEY, [])


def application_for_applicant(request, public_id):
    """The requester's own application (any status), by its public id."""
    app = Application.objects.select_related("service__department").filter(public_id=public_id).first()
    if app is None or not _may_see(request, app):
        raise Http404
    return app


def draft_for_applicant(request, public_id):
    app = application_for_applicant(request, public_id)
    if app.status != Status.DRAFT:
        raise Http404
    return app


def _submitted(reference):
    """A submitted application by its reference as typed (any case, spaces, dashes), or None."""
    return (
        Application.objects.select_related("service__department")
        .exclude(status=Status.DRAFT)
        .filter(reference=normalise_reference(reference))
        .first()
    )


def submitted_for_applicant(request, reference):
    app = _submitted(reference)
    if app is None or not _may_see(request, app):
        raise Http404
    return app


TRACKING_FIELDS = (
    "public_id",
    "reference",
    "tracking_code",
    "status",
    "owner_id",
    "submitted_at",
    "acceptance_due",
    "decision_due",
    "service__slug",
    "service__name_zh",
    "service__name_en",
)


def application_for_tracking(reference, tracking_code):
    """By reference and tracking code, for anyone who has both; None when they do not match.
    Loads only what the tracking page shows: it is the busiest lookup and shows no personal data."""
    app = (
        Application.objects.select_related("service")
        .only(*TRACKING_FIELDS)
        .exclude(status=Status.DRAFT)
        .filter(reference=normalise_reference(reference))
        .first()
    )
    code = normalise_tracking_code(tracking_code)
    if app is None or not hmac.compare_digest(app.tracking_code.encode(), code.encode()):
        return None
    return app


def attachment_for_applicant(request, public_id, attachment_id):
    app = application_for_applicant(request, public_id)
    attachment = Attachment.objects.filter(application=app, pk=attachment_id).first()
    if attachment is None:
        raise Http404
    return attachment


def staff_queryset(user):
    """Applications a member of staff may see: their own department's; every department's for
    superusers and supervisors (read-only there - see lifecycle.may_process). Never drafts."""
    qs = Application.objects.exclude(status=Status.DRAFT)
    if user.is_superuser or user.has_perm("applications.view_all_departments"):
        return qs
    if not user.department_id or not user.has_perm("applications.view_application"):
        return qs.none()
    return qs.filter(department_id=user.department_id)


def application_for_staff(request, pk):
    app = staff_queryset(request.user).select_related("service", "department", "assignee").filter(pk=pk).first()
    if app is None:
        raise Http404
    return app


def attachment_for_staff(request, pk, attachment_id):
    app = application_for_staff(request, pk)
    attachment = Attachment.objects.filter(application=app, pk=attachment_id).first()
    if attachment is None:
        raise Http404
    return attachment
