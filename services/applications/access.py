"""Every lookup of an application from a request goes through here: the owner's account, the
guest's own session, the reference plus tracking code, or staff of the owning department.
Anything else is a 404 - never a hint that the record exists.

The rules about who may do what with an application live here too (may_answer for the
applicant's side; sees_every_department, may_process, may_check_materials... for staff): the
lifecycle, the admin, the panel and the templates ask these instead of checking permissions of
their own."""

import hmac

from django.core.exceptions import ObjectDoesNotExist
from django.db.models import Q
from django.http import Http404

from services.catalogue.models import Channel, Service

from .models import Application, ApplicationEvent, Attachment, Status
from .references import normalise_reference, normalise_tracking_code

GUEST_SESSION_KEY = "guest_applications"
TRACKED_SESSION_KEY = "tracked_applications"


def remember_guest(request, application):
    ids = request.session.get(GUEST_SESSION_KEY, [])
    if str(application.public_id) not in ids:
        request.session[GUEST_SESSION_KEY] = [*ids, str(application.public_id)][-20:]


def guest_application_for_resume_link(request, public_id):
    """The guest application a signed resume link names (the signature proves the link was
    ours); this browser may then continue it. 404 for an account's application or none."""
    app = Application.objects.filter(public_id=public_id, owner__isnull=True).first()
    if app is None:
        raise Http404
    remember_guest(request, app)
    return app


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
    if app is None or not may_answer(request, app):
        raise Http404
    return app


def may_answer(request, app):
    """The rule behind application_for_answer, for pages that offer the answer link."""
    tracked = app.owner_id is None and str(app.public_id) in request.session.get(TRACKED_SESSION_KEY, [])
    return _may_see(request, app) or tracked


# --- ratings: who may rate an application --------------------------------------------------

RATEABLE = frozenset({Status.COMPLETED, Status.REJECTED, Status.NOT_ACCEPTED})
"""A final decision has been made: the application may be rated (once)."""
RATING_SESSION_KEY = "rateable_applications"


def remember_rater(request, application):
    """This browser showed it holds the application's reference and tracking code, or came by
    the signed link of its final email: it may rate the application (and see its rating)."""
    ids = request.session.get(RATING_SESSION_KEY, [])
    if str(application.public_id) not in ids:
        request.session[RATING_SESSION_KEY] = [*ids, str(application.public_id)][-20:]


def may_rate(request, app):
    """The one rule for rating: a final decision has been made (RATEABLE), nobody rated it yet,
    and the requester is the applicant (its owner, the guest's own browser, or a browser that
    tracked it with its code or followed the final email's signed link), or a clerk recording
    the rating given at the counter (may_record_rating)."""
    if app.status not in RATEABLE or has_rating(app):
        return False
    return is_rater(request, app) or may_record_rating(request.user, app)


def is_rater(request, app):
    """The requester speaks for the applicant (the rating part of may_rate, whatever the status):
    pages show a given rating and its follow-up to them."""
    return _may_see(request, app) or str(app.public_id) in request.session.get(RATING_SESSION_KEY, [])


def may_record_rating(user, app):
    """A clerk records a rating for a counter or postal application registered at their centre
    (superusers: any centre's)."""
    if app.channel not in (Channel.COUNTER, Channel.POST) or not registers_applications(user):
        return False
    return user.is_superuser or (app.centre_id is not None and app.centre_id == user.centre_id)


def has_rating(app):
    """Whether the application was rated (through the reverse relation: applications never import
    the insights app)."""
    try:
        return app.rating is not None
    except ObjectDoesNotExist:
        return False


def application_for_rating(request, reference):
    """A submitted application by its reference for a page about its rating: the applicant's
    (may_rate's applicant part) or a counter clerk's; 404 for anyone else."""
    app = _submitted(reference)
    if app is None or not (is_rater(request, app) or may_record_rating(request.user, app)):
        raise Http404
    return app


def _may_see(request, app):
    if app.owner_id is not None:
        return request.user.is_authenticated and request.user.pk == app.owner_id
    return str(app.public_id) in request.session.get(GUEST_SESSION_KEY, [])


def application_for_applicant(request, public_id, with_service=True):
    """The requester's own application (any status), by its public id; with its service and
    department unless the caller shows neither (`with_service=False`: the submission)."""
    found = Application.objects.select_related("service__department") if with_service else Application.objects
    app = _one(found.filter(public_id=public_id))
    if app is None or not _may_see(request, app):
        raise Http404
    return app


def _one(queryset):
    """The row of a lookup by a unique key, or None (without the ORDER BY of .first())."""
    return next(iter(queryset[:1]), None)


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


# The tracking lookup is the busiest public lookup (anyone with a confirmation email, any number
# of times a day) and shows no personal data. It is written as two fixed statements through
# Model.objects.raw(): the same rows as the ORM query, with Django's value conversion, but
# without building the SQL on every request - that took about 85% of the lookup's time
# (0.8 ms of 0.95 ms per lookup on SQLite, measured in bench/).
_TRACKING_SQL = (
    "SELECT a.id, a.public_id, a.reference, a.tracking_code, a.status, a.channel, a.owner_id, a.service_id,"
    " a.submitted_at, a.acceptance_due, a.decision_due,"
    " s.slug AS service_slug, s.name_zh AS service_name_zh, s.name_en AS service_name_en"
    " FROM applications_application a JOIN catalogue_service s ON s.id = a.service_id"
    " WHERE a.reference = %s AND a.status <> %s"
)
_EVENTS_SQL = (
    "SELECT id, application_id, at, from_status, to_status, note"
    " FROM applications_applicationevent"
    " WHERE application_id = %s AND visible_to_citizen = %s ORDER BY at, id"
)


def application_for_tracking(reference, tracking_code):
    """By reference and tracking code, for anyone who has both; None when they do not match.
    Loads only what the tracking page shows (the service's slug and names with it)."""
    found = list(Application.objects.raw(_TRACKING_SQL, [normalise_reference(reference), Status.DRAFT]))
    code = normalise_tracking_code(tracking_code)
    if not found or not hmac.compare_digest(found[0].tracking_code.encode(), code.encode()):
        return None
    app = found[0]
    app.service = Service(
        pk=app.service_id, slug=app.service_slug, name_zh=app.service_name_zh, name_en=app.service_name_en
    )
    return app


def tracking_events(app):
    """The steps the tracking page lists: only what the citizen may see, oldest first."""
    return list(ApplicationEvent.objects.raw(_EVENTS_SQL, [app.pk, True]))


def _attachment_of(app, attachment_id):
    """One of the application's files, or 404."""
    attachment = Attachment.objects.filter(application=app, pk=attachment_id).first()
    if attachment is None:
        raise Http404
    return attachment


def attachment_for_applicant(request, public_id, attachment_id):
    return _attachment_of(application_for_applicant(request, public_id), attachment_id)


# --- staff: who may do what ---------------------------------------------------------------


def _granted(user, codename):
    """Whether `user` holds the applications permission `codename` (superusers hold them all)."""
    return bool(user and user.is_authenticated) and (user.is_superuser or user.has_perm(f"applications.{codename}"))


def sees_every_department(user):
    """Superusers and supervisors read every department's applications (and may process only
    their own department's: see may_process)."""
    return _granted(user, "view_all_departments")


def sees_applications(user):
    """Staff with applications to read in the back office: every department's, or their own's."""
    if not (user and user.is_authenticated and user.is_staff and _granted(user, "view_application")):
        return False
    return sees_every_department(user) or bool(user.department_id)


def processes_applications(user):
    """Holds the processing permission at all (which cases: may_process)."""
    return _granted(user, "process_application")


def may_process(user, application):
    """Staff of the owning department with the processing permission (superusers too)."""
    if not (user and user.is_authenticated and user.is_staff and processes_applications(user)):
        return False
    return user.is_superuser or user.department_id == application.department_id


def may_check_materials(user, application):
    """Counter clerks and officers of the owning department, and the clerks of the centre where
    it was registered (superusers too)."""
    if not _granted(user, "add_materialcheck"):
        return False
    at_counter = application.centre_id is not None and application.centre_id == user.centre_id
    return user.is_superuser or user.department_id == application.department_id or at_counter


def may_export(user):
    return _granted(user, "export_application")


def may_read_access_log(user):
    return _granted(user, "view_access_log")


def staff_queryset(user):
    """Applications a member of staff may see: their own department's, and for a counter clerk
    those registered at their centre too; every department's for superusers and supervisors
    (read-only there - see may_process). Never drafts."""
    qs = Application.objects.exclude(status=Status.DRAFT)
    if sees_every_department(user):
        return qs
    if not _granted(user, "view_application"):
        return qs.none()
    scope = Q(department_id=user.department_id) if user.department_id else Q()
    if registers_applications(user) and user.centre_id:
        # A clerk: their centre's, and their department's except those of another centre.
        mine = Q(centre_id=user.centre_id)
        scope = (scope & (Q(centre__isnull=True) | mine) if scope else scope) | mine
    return qs.filter(scope) if scope else qs.none()


def application_for_staff(request, pk):
    app = staff_queryset(request.user).select_related("service", "department", "assignee").filter(pk=pk).first()
    if app is None:
        raise Http404
    return app


def attachment_for_staff(request, pk, attachment_id):
    return _attachment_of(application_for_staff(request, pk), attachment_id)


# --- the counter: clerks of a service centre ------------------------------------------------
# A counter clerk (the "Counter clerk" group holds applications.add_application) belongs to one
# centre (User.centre). They register applications for the services their centre handles, see
# that centre's bookings and the applications registered there, and nothing of another centre:
# every lookup below is a 404 for anyone else.


def registers_applications(user):
    """Staff who register applications for citizens at a counter (superusers too)."""
    return bool(user and user.is_authenticated and user.is_active and user.is_staff) and _granted(
        user, "add_application"
    )


def registrable_services(centre, channel=Channel.COUNTER):
    """The services a clerk of `centre` may register by `channel` (a letter by post, anything
    else at the counter): published, applied for that way, and handled by the centre."""
    channel = Channel.POST if channel == Channel.POST else Channel.COUNTER
    return centre.services.published().with_channel(channel)


def may_register(user, centre, service, channel=Channel.COUNTER):
    """A clerk of `centre` (superusers: of any centre) may register an application for `service`
    there when it is one of the centre's registrable services for that channel."""
    if centre is None or service is None or not registers_applications(user):
        return False
    if not (user.is_superuser or user.centre_id == centre.pk):
        return False
    return registrable_services(centre, channel).filter(pk=service.pk).exists()


def may_submit_for(user, application):
    """The lifecycle's rule for a clerk submitting an application for its applicant: the
    application was opened at the clerk's centre, which handles its service by the
    application's channel (a letter by post, anything else at the counter)."""
    return application.centre_id is not None and may_register(
        user, application.centre, application.service, application.channel
    )


def counter_centre(user):
    """The centre whose counter this user works at; None for anyone else (a superuser without a
    centre sees every centre's bookings but registers nothing until given one)."""
    return user.centre if registers_applications(user) and user.centre_id else None


def centre_bookings_for(user):
    """Bookings a clerk may see: their centre's (every centre's for superusers)."""
    from services.offline.models import Booking

    if not registers_applications(user):
        return Booking.objects.none()
    if user.is_superuser and not user.centre_id:
        return Booking.objects.all()
    return Booking.objects.filter(centre_id=user.centre_id) if user.centre_id else Booking.objects.none()


def booking_for_clerk(request, pk):
    booking = centre_bookings_for(request.user).select_related("centre", "service").filter(pk=pk).first()
    if booking is None:
        raise Http404
    return booking


def counter_drafts_for(user):
    """Drafts a clerk is filling in with applicants at their centre (never anyone's online draft
    until the citizen gave its draft code and mobile number: see counter.open_draft)."""
    if not registers_applications(user):
        return Application.objects.none()
    drafts = Application.objects.filter(status=Status.DRAFT, centre__isnull=False)
    if user.is_superuser and not user.centre_id:
        return drafts
    return drafts.filter(centre_id=user.centre_id) if user.centre_id else drafts.none()


def counter_draft_for_clerk(request, pk):
    app = counter_drafts_for(request.user).select_related("service__department", "centre").filter(pk=pk).first()
    if app is None:
        raise Http404
    return app


def matching_account(application):
    """The citizen's account a counter or postal application joins, so that it shows in their
    "My applications": the account that booked the visit; else the one active citizen account
    whose mobile number is the applicant's. An account's mobile number is verified (it is set
    only by following a link sent to it: accounts.forms.create_account, contact_confirm); a
    number waiting for its link is not on the account and never matches. The ID number on an
    account is typed on the profile page and never checked, so it never joins anything on its
    own: it only stops a match when it differs from the ID number the clerk saw (a mobile number
    given up and reissued to someone else)."""
    from services.accounts.models import User

    if application.booking_id and application.booking.owner_id:
        return application.booking.owner
    if not application.contact_phone:
        return None
    found = list(User.objects.filter(phone=application.contact_phone, is_active=True, is_staff=False)[:2])
    if len(found) != 1:
        return None
    account, seen = found[0], application.applicant_id_number
    if seen and account.id_number and account.id_number.upper() != seen.upper():
        return None
    return account


# --- bundles ("one thing, done once", bundles.py) ---------------------------------------------
GUEST_BUNDLES_KEY = "guest_bundles"


def remember_guest_bundle(request, submission):
    """A guest's bundle application (and each of its parts) belongs to this browser."""
    ids = request.session.get(GUEST_BUNDLES_KEY, [])
    if str(submission.public_id) not in ids:
        request.session[GUEST_BUNDLES_KEY] = [*ids, str(submission.public_id)][-20:]
    for app in submission.applications.all():
        remember_guest(request, app)


def _may_see_bundle(request, submission):
    if submission.owner_id is not None:
        return request.user.is_authenticated and request.user.pk == submission.owner_id
    return str(submission.public_id) in request.session.get(GUEST_BUNDLES_KEY, [])


def bundle_for_applicant(request, public_id):
    """The requester's own bundle application (draft or submitted) by its public id, or 404
    (its bundle is bundles.kept_plan's)."""
    from .models import BundleSubmission

    submission = _one(BundleSubmission.objects.filter(public_id=public_id))
    if submission is None or not _may_see_bundle(request, submission):
        raise Http404
    return submission


def submitted_bundle_for_applicant(request, reference):
    """The requester's own submitted bundle application by its reference as typed, or 404."""
    from .bundles import normalise_reference
    from .models import BundleSubmission

    found = BundleSubmission.objects.select_related("bundle").filter(
        reference=normalise_reference(reference), submitted_at__isnull=False
    )
    submission = _one(found)
    if submission is None or not _may_see_bundle(request, submission):
        raise Http404
    return submission
