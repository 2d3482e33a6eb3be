"""Every page type is valid HTML by the Nu HTML checker (vnu, the W3C validator's engine).

The pages are rendered with the Django test client from the demo city - both languages, elder
mode, signed in and out, the apply flow (deleting a draft, a submitted application's flow page),
tracking (a field error too), answering a request, the account pages (sign-up sent and confirmed,
password change and reset), the error pages (the CSRF 403 in both languages, 500) and the officers'
admin pages - written to files, and checked in one run of the checker (its JVM is slow to start).
Every page template under templates/ must be rendered by one of these pages, so a new page cannot
be left out. The checker is the
`vnu-jar` npm package, pinned, installed into .venv/vnu by `make vnu` (which `make test` runs);
VNU_JAR points elsewhere. Without Java or the jar the test is skipped with the reason (a failure
under CI=true: tests/conftest.py skip_or_fail)."""

import io
import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from django.core import signing
from django.core.management import call_command
from django.test import Client, RequestFactory, override_settings

from portal.views import server_error
from services.accounts.emails import contact_change_token, signup_token
from services.accounts.models import PendingContactChange, PendingSignup
from services.applications.models import Application, Status
from services.catalogue.models import Department, LifeEvent, Service
from services.offline.models import ServiceCentre
from tests.conftest import skip_or_fail

ROOT = Path(__file__).resolve().parent.parent
VNU_JAR = Path(os.environ.get("VNU_JAR", ROOT / ".venv/vnu/node_modules/vnu-jar/build/dist/vnu.jar"))

pytestmark = pytest.mark.django_db


def vnu_command():
    java = shutil.which("java")
    if java is None:
        skip_or_fail("Java not installed: the Nu HTML checker needs it (apt-get install default-jre-headless)")
    if not VNU_JAR.exists():
        skip_or_fail(f"Nu HTML checker not installed at {VNU_JAR}: run `make vnu`")
    return [java, "-Xss4m", "-jar", str(VNU_JAR), "--errors-only", "--format", "json", "--exit-zero-always"]


def citizen_client():
    from services.accounts.models import User

    client = Client()
    client.force_login(User.objects.get(email="citizen@example.com"))
    return client


def fetched(wanted):
    """(name, response) for each (name, client, url, status) in `wanted`, each asserted to have
    its status (the page meant)."""
    for name, client, url, status in wanted:
        response = client.get(url)
        assert response.status_code == status, (name, url, response.status_code)
        yield name, response


def life_pages(guest, elder):
    """The digital-life pages: the landing page, each area (filtered, open now, elder mode,
    htmx-free), and an entry of each area that has one in the demo."""
    from services.life.models import AREA_SEGMENTS, Entry

    wanted = [
        ("life", guest, "/zh-hans/life/", 200),
        ("life-health", guest, "/en/life/health/?open=1&insurance=1", 200),
        ("life-education", guest, "/zh-hans/life/education/?stage=primary&subject=nowhere", 200),
        ("life-elderly-elder", elder, "/zh-hans/life/elderly-care/?kind=nursing_home", 200),
        ("life-culture", guest, "/en/life/culture/?access=step_free&access=audio_guide&q=%E9%A6%86", 200),
    ]
    for area, segment in AREA_SEGMENTS.items():
        entry = Entry.objects.published().filter(area=area).first()
        if entry is not None:
            wanted.append((f"life-{segment}-entry", guest, f"/en/life/{segment}/{entry.slug}/", 200))
            wanted.append((f"life-{segment}-entry-elder", elder, f"/zh-hans/life/{segment}/{entry.slug}/", 200))
    return wanted


def pages(tmp_path):
    """(name, response) for every page type, each asserted to be the page meant (its status)."""
    guest, citizen = Client(), citizen_client()
    service = Service.objects.published().filter(offers_online=True, form_pages__isnull=False).first()
    by_post = Service.objects.published().filter(offers_post=True, form_pages__isnull=False).first()
    department = Department.objects.first()
    event = LifeEvent.objects.first()
    centre = ServiceCentre.objects.first()
    mine = Application.objects.filter(owner__email="citizen@example.com")
    draft = mine.filter(status=Status.DRAFT).first()
    submitted = mine.filter(status=Status.SUBMITTED).first()
    elder = Client()
    elder.cookies["elder"] = "1"
    apply = f"/en/apply/{draft.public_id}"
    asked = Application.objects.filter(status=Status.INFO_REQUESTED).first()  # answered by whoever tracked it
    asker = Client()
    found = asker.post("/en/track/", {"reference": asked.reference, "tracking_code": asked.tracking_code})
    assert found.status_code == 200
    pending = PendingSignup.objects.create(email="new@example.com", full_name="Wang Fang", password="!")
    wanted = [
        ("home-zh", guest, "/zh-hans/", 200),
        ("home-en", guest, "/en/", 200),
        ("home-business", guest, "/en/?audience=business", 200),
        ("home-elder", elder, "/zh-hans/", 200),
        ("services", guest, "/en/services/", 200),
        ("search-results", guest, "/zh-hans/services/?q=%E8%AF%81", 200),
        ("search-none", guest, "/en/services/?q=zzzzzz&district=nowhere", 200),
        ("guide-zh", guest, f"/zh-hans/services/{service.slug}/", 200),
        ("guide-en", guest, f"/en/services/{service.slug}/", 200),
        ("guide-elder", elder, f"/en/services/{service.slug}/", 200),
        ("how-to-apply", guest, f"/en/services/{service.slug}/how-to-apply/counter/", 200),
        ("apply-by-post", guest, f"/zh-hans/services/{by_post.slug}/apply-by-post/", 200),
        ("print-form-zh", guest, f"/zh-hans/services/{by_post.slug}/apply-by-post/form/", 200),
        ("print-form-en", guest, f"/en/services/{by_post.slug}/apply-by-post/form/", 200),
        ("departments", guest, "/en/departments/", 200),
        ("department", guest, f"/en/departments/{department.slug}/", 200),
        ("performance", guest, "/zh-hans/performance/", 200),
        ("performance-department", guest, f"/en/performance/{department.slug}/", 200),
        ("performance-service", elder, f"/en/performance/service/{service.slug}/", 200),
        ("open-data", guest, "/en/open-data/", 200),
        ("open-data-bad-days", elder, "/zh-hans/open-data/?from=2026-13-01&to=2026-11-01&format=csv", 400),
        ("life-events", guest, "/zh-hans/life-events/", 200),
        ("life-event", guest, f"/en/life-events/{event.slug}/", 200),
        ("centres", guest, "/en/centres/", 200),
        ("centre", guest, f"/zh-hans/centres/{centre.slug}/", 200),
        ("apply-start", guest, f"/en/services/{service.slug}/apply/", 200),
        ("apply-applicant", citizen, f"{apply}/applicant/", 200),
        ("apply-question", citizen, f"{apply}/page/1/", 200),
        ("apply-documents", citizen, f"{apply}/documents/", 200),
        ("apply-check", citizen, f"{apply}/check/", 200),
        ("apply-delete", citizen, f"{apply}/delete/", 200),
        ("apply-delete-zh", citizen, f"/zh-hans/apply/{draft.public_id}/delete/", 200),
        ("apply-submitted", citizen, f"/en/apply/{submitted.public_id}/check/", 200),
        ("answer", asker, f"/zh-hans/applications/{asked.reference}/answer/", 200),
        ("confirmation", citizen, f"/en/applications/{submitted.reference}/submitted/", 200),
        ("application", citizen, f"/zh-hans/applications/{submitted.reference}/", 200),
        ("my-applications", citizen, "/en/applications/", 200),
        ("withdraw", citizen, f"/en/applications/{submitted.reference}/withdraw/", 200),
        ("track", guest, "/en/track/", 200),
        ("sign-in", guest, "/en/account/login/", 200),
        ("sign-up", guest, "/zh-hans/account/signup/", 200),
        ("sign-up-sent", guest, "/zh-hans/account/signup/sent/", 200),
        ("sign-up-confirm", guest, f"/en/account/signup/confirm/{signup_token(pending)}/", 200),
        ("sign-up-confirm-expired", guest, "/zh-hans/account/signup/confirm/no-such-link/", 404),
        ("reset", guest, "/en/account/password-reset/", 200),
        ("profile", citizen, "/en/account/profile/", 200),
        ("profile-edit", citizen, "/zh-hans/account/profile/edit/", 200),
        ("elder-mode", guest, "/prefs/elder/?next=/en/", 200),
        ("404", guest, "/en/no-such-page/", 404),
        ("414", guest, "/en/services/?q=" + "x" * 5000, 414),
    ]
    yield from fetched(wanted)
    yield from fetched(life_pages(guest, elder))
    # States after a POST: error summaries, the tracking result, the error pages.
    yield "apply-question-errors", citizen.post(f"{apply}/page/1/", {})
    yield "sign-in-errors", guest.post("/en/account/login/", {"username": "nobody@example.com", "password": "x"})
    yield "sign-up-errors", guest.post("/en/account/signup/", {})
    yield "track-errors", guest.post("/zh-hans/track/", {"reference": "HP00000000000", "tracking_code": "x"})
    # A reference that cannot be one: a field error at once, in both languages.
    posted = [
        ("track-field-error", guest, "/en/track/", {"reference": "HP12", "tracking_code": "ABCD2345"}, 400),
        ("track-field-error-zh", guest, "/zh-hans/track/", {"reference": "x" * 60, "tracking_code": ""}, 400),
        ("apply-submitted-resent", citizen, f"/en/apply/{submitted.public_id}/check/", {}, 409),
        ("answer-errors", asker, f"/en/applications/{asked.reference}/answer/", {"answer": ""}, 400),
    ]
    for name, client, url, data, status in posted:
        response = client.post(url, data)
        assert response.status_code == status, (name, url, response.status_code)
        yield name, response
    tracked = guest.post("/en/track/", {"reference": submitted.reference, "tracking_code": submitted.tracking_code})
    assert tracked.status_code == 200
    yield "track-result", tracked
    csrf = Client(enforce_csrf_checks=True).post("/en/track/", {})
    assert csrf.status_code == 403
    yield "403-csrf", csrf
    stale = Client(enforce_csrf_checks=True)
    stale.cookies["csrftoken"] = "a" * 32  # a cookie, but not the form's token: an expired form
    csrf_zh = stale.post("/zh-hans/account/login/", {"csrfmiddlewaretoken": "b" * 32})
    assert csrf_zh.status_code == 403
    yield "403-csrf-zh", csrf_zh
    yield from account_pages()
    yield from admin_pages()
    yield from life_admin_pages()
    yield from booking_pages()
    yield from bundle_pages()
    yield from rating_pages()
    with override_settings(MAX_REQUEST_MB=0):
        yield "413", guest.post("/en/track/", {"reference": "x"})
    yield "400", guest.get("/en/services/", {"page": "1"}, headers={"Host": "bad host"})


def rating_pages():
    """Ratings (issue 13): the rate page from the tracking page (its error state, its form, a
    tracked rating with its follow-up), an expired emailed link, the officer's follow-up page
    (and a step refused) and the clerk's counter pages."""
    from services.applications import lifecycle
    from services.applications.notifications import RATING_LINK_SALT
    from services.catalogue.models import Channel
    from services.insights.ratings import rate
    from tests.makers import make_staff, make_submitted

    service = Service.objects.published().filter(offers_online=True, offers_counter=True, centres__isnull=False).first()
    centre = service.centres.first()
    officer = make_staff("vnu-rating-officer", "Case officer", service.department)
    clerk = make_staff("vnu-rating-clerk", "Counter clerk", service.department, centre=centre)

    def decided(app):
        for step in ("accept", "start_review", "approve", "complete"):
            app = lifecycle.act(app, step, officer)
        return app

    app, rated = decided(make_submitted(service)), decided(make_submitted(service))
    follow_up = rate(rated, 1, "Slow").follow_up
    at_counter = Application.objects.create(
        service=service, department=service.department, channel=Channel.COUNTER, centre=centre, applicant_name="Li"
    )
    at_counter = decided(lifecycle.act(at_counter, "submit", clerk))
    guest, staff, desk = Client(), Client(), Client()
    staff.force_login(officer)
    desk.force_login(clerk)
    token = signing.dumps(app.reference, salt=RATING_LINK_SALT, key=None)
    counter = "/admin/insights/rating/counter/"
    followup = f"/admin/insights/followup/{follow_up.pk}/"
    with override_settings(RATING_LINK_DAYS=-1):
        expired = guest.get(f"/en/rate-link/{token}/")
    wanted = [
        ("rate-errors", guest, "post", f"/zh-hans/rate/{app.reference}/", {"tracking_code": app.tracking_code}, 400),
        ("rate", guest, "get", f"/en/rate/{app.reference}/", {}, 200),
        (
            "track-rated",
            guest,
            "post",
            "/en/track/",
            {"reference": rated.reference, "tracking_code": rated.tracking_code},
            200,
        ),
        ("admin-followups", staff, "get", "/admin/insights/followup/?late=today", {}, 200),
        ("admin-followup", staff, "get", followup + "change/", {}, 200),
        ("admin-followup-errors", staff, "post", followup + "act/not_resolved/", {"not_resolved-version": 0}, 400),
        ("admin-counter-rating", desk, "get", counter, {}, 200),
        ("admin-counter-rating-errors", desk, "post", counter, {"reference": "HP00"}, 400),
        ("admin-counter-rate-errors", desk, "post", f"{counter}{at_counter.reference}/", {"comment": "x"}, 400),
    ]
    assert expired.status_code == 410
    yield "rate-link-expired", expired
    for name, client, method, url, data, status in wanted:
        response = getattr(client, method)(url, data)
        assert response.status_code == status, (name, url, response.status_code)
        yield name, response


def bundle_pages():
    """A bundle (the demo's "retiring") from its page to tracking, as the demo citizen, with the
    error states of its combined form."""
    from services.applications.models import Bundle
    from tests.demo.test_demo_bundles import apply_for

    citizen, guest = citizen_client(), Client()
    bundle = Bundle.objects.get(slug="retiring")
    started = citizen.post(f"/en/bundles/{bundle.slug}/start/")
    assert started.status_code == 302
    base = started["Location"].rsplit("/applicant/", 1)[0]
    yield from fetched(
        [
            ("bundle", guest, f"/zh-hans/bundles/{bundle.slug}/", 200),
            ("bundle-applicant", citizen, f"{base}/applicant/", 200),
            ("bundle-question", citizen, f"{base}/page/1/", 200),
            ("bundle-documents", citizen, f"{base}/documents/", 200),
            ("bundle-check", citizen, f"{base}/check/", 200),
            ("bundle-track", guest, "/en/track/bundle/", 200),
        ]
    )
    yield "bundle-question-errors", citizen.post(f"{base}/page/1/", {})
    yield "bundle-documents-errors", citizen.post(f"{base}/documents/", {})
    sub, _plan, _asked = apply_for(citizen, bundle)
    yield from fetched(
        [
            ("bundle-confirmation", citizen, f"/zh-hans/applications/bundle/{sub.reference}/submitted/", 200),
            ("bundle-status", citizen, f"/en/applications/bundle/{sub.reference}/", 200),
        ]
    )
    tracked = guest.post("/zh-hans/track/bundle/", {"reference": sub.reference, "tracking_code": sub.tracking_code})
    assert tracked.status_code == 200
    yield "bundle-tracked", tracked
    yield "bundle-track-errors", guest.post("/en/track/bundle/", {"reference": "BD00", "tracking_code": ""})


def booking_pages():
    """Booking a counter visit: centre, date and time (the page, its htmx fragment, a refused
    date), details (a time that cannot be read, with the nearest free ones), the confirmation, the booking
    page, move, cancel and find (a wrong pair)."""
    from services.offline import slots
    from services.offline.forms import at_value

    guest = Client()
    service, centre, free = next(
        (s, c, slots.nearest_free(c, s, limit=2))
        for s in Service.objects.published().filter(offers_counter=True).order_by("slug")
        for c in s.centres.filter(bookable=True).order_by("slug")
        if len(slots.nearest_free(c, s, limit=2)) == 2
    )
    book = f"/zh-hans/centres/book/{service.slug}/"
    at = [at_value(slot.starts_at) for slot in free]
    yield from fetched(
        [
            ("book-centre", guest, book, 200),
            ("book-time", guest, f"{book}{centre.slug}/", 200),
            ("book-time-bad-date", guest, f"/en/centres/book/{service.slug}/{centre.slug}/?date=2001-01-01", 400),
            ("book-details", guest, f"{book}{centre.slug}/details/?at={at[0]}", 200),
            ("booking-find", guest, "/en/centres/bookings/", 200),
        ]
    )
    details = f"/en/centres/book/{service.slug}/{centre.slug}/details/"
    booked = guest.post(details, {"at": at[0], "name": "张伟", "phone": "13812345678"})
    assert booked.status_code == 302, booked.status_code
    refused = Client().post(details, {"at": "not a time", "name": "李娜", "phone": "13912345678"})
    assert refused.status_code == 400, refused.status_code
    yield "book-refused", refused
    reference = booked["Location"].rstrip("/").split("/")[-2]
    yield from fetched(
        [
            ("booking-confirmation", guest, booked["Location"], 200),
            ("booking", guest, f"/zh-hans/centres/bookings/{reference}/", 200),
            ("booking-move", guest, f"/en/centres/bookings/{reference}/move/", 200),
            ("booking-cancel", guest, f"/zh-hans/centres/bookings/{reference}/cancel/", 200),
        ]
    )
    yield "booking-not-found", Client().post("/en/centres/bookings/", {"reference": reference, "phone": "13900000000"})
    # Find a centre: the whole page a plain GET gets without JavaScript (the guide loads its
    # fragment with htmx), with and without a district, in both languages.
    yield from fetched(
        [
            ("find-centre", guest, f"/zh-hans/centres/find/{service.slug}/", 200),
            ("find-centre-district", guest, f"/en/centres/find/{service.slug}/?district={centre.district.slug}", 200),
        ]
    )


def account_pages():
    """Changing and resetting a password (a working link and a used one), confirming a new email
    address (a working link and a used one), and a guest's expired link to continue a draft."""
    from django.contrib.auth.tokens import default_token_generator
    from django.utils.encoding import force_bytes
    from django.utils.http import urlsafe_base64_encode

    from services.accounts.models import User
    from services.applications.views import RESUME_SALT

    user = User.objects.get(email="citizen@example.com")
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    guest = Client()
    with override_settings(GUEST_RESUME_DAYS=-1):  # every link has expired
        expired = signing.dumps(str(Application.objects.first().public_id), salt=RESUME_SALT)
        wanted = [
            ("password-change", citizen_client(), "/en/account/password/", 200),
            ("reset-sent", guest, "/zh-hans/account/password-reset/sent/", 200),
            ("reset-used-link", guest, f"/en/account/reset/{uid}/not-a-token/", 200),
            ("reset-done", guest, "/en/account/reset/done/", 200),
            ("resume-expired", guest, f"/zh-hans/apply/continue/{expired}/", 410),
        ]
        yield from fetched(wanted)
    change = PendingContactChange.objects.create(user=user, kind=PendingContactChange.EMAIL, value="new@example.com")
    signed_in = citizen_client()
    yield from fetched(
        [
            ("contact-confirm", signed_in, f"/zh-hans/account/contact/confirm/{contact_change_token(change)}/", 200),
            ("contact-confirm-used-link", signed_in, "/en/account/contact/confirm/no-such-link/", 404),
        ]
    )
    # After the last sign-in: a reset token covers the time of the last login, so one made before
    # a sign-in in another second would be refused (a flaky failure seen in CI).
    user.refresh_from_db()
    token = default_token_generator.make_token(user)
    new_password = guest.get(f"/zh-hans/account/reset/{uid}/{token}/", follow=True)
    assert new_password.status_code == 200 and "new_password1" in new_password.text
    yield "reset-new-password", new_password


# Templates that are not pages of their own: layouts every page extends, parts, and the email
# bodies (templates/**/email/, the reset email), which mail programs read, not browsers.
NOT_PAGES = {"base.html", "shell.html", "admin/base_site.html", "admin/search_form.html"}


def page_templates():
    """Every page template under templates/: each must be among the pages checked, so that a new
    page (sign-up sent, delete a draft, ...) cannot be left out of this test."""
    root = ROOT / "templates"
    names = {path.relative_to(root).as_posix() for path in root.rglob("*.html")}
    return {
        name
        for name in names
        if name not in NOT_PAGES
        and not any(part.startswith("_") or part in {"includes", "email", "sms"} for part in name.split("/"))
        and not name.endswith("_email.html")
    }


def life_admin_pages():
    """The digital-life admin: a provider's entry form with a change waiting for an editor, and
    the editor's change request page, with and without the missing reason for a rejection."""
    from services.accounts.models import User
    from services.life import approvals
    from services.life.models import ChangeRequest

    provider_user = User.objects.get(username="provider-elderly")
    entry = (
        approvals.area_model(provider_user.organisation.entries.first())
        .objects.filter(organisation=provider_user.organisation)
        .first()
    )
    approvals.propose(entry, {"name_en": "Renamed for the check"}, provider_user)
    change = ChangeRequest.objects.get(entry=entry, status=ChangeRequest.Status.PENDING)
    provider, editor = Client(), Client()
    provider.force_login(provider_user)
    editor.force_login(User.objects.get(username="editor"))
    base = f"/admin/life/changerequest/{change.pk}/"
    wanted = [
        ("admin-life-entry", provider, "get", f"/admin/life/{entry._meta.model_name}/{entry.pk}/change/", {}, 200),
        ("admin-life-change-request", editor, "get", base + "change/", {}, 200),
        ("admin-life-history", provider, "get", f"/admin/life/{entry._meta.model_name}/{entry.pk}/history/", {}, 200),
        ("admin-life-reject-errors", editor, "post", base + "reject/", {"reason": ""}, 400),
        ("admin-search-report", editor, "get", "/admin/catalogue/searchqueryday/", {}, 200),
    ]
    from services.catalogue import querylog  # the search report with rows (issue 12)

    querylog.record("开车的本子", "zh", 0)
    querylog.record("open a bakery", "en", 0)
    querylog.flush()
    for name, client, method, url, data, status in wanted:
        response = getattr(client, method)(url, data, headers={"accept-language": "en"})
        assert response.status_code == status, name
        yield name, response


def admin_pages():
    """The officers' pages in the admin: its sign-in (the one admin page anyone can open), the
    index, the queue, a case, the correct-answer page and a next-step form, with and without
    errors. Django's own admin markup passes the checker, so these are held to 0 errors too."""
    from tests.makers import make_staff

    guest = Client()
    case = Application.objects.filter(status=Status.SUBMITTED).first()
    officer = Client()
    officer.force_login(make_staff("vnu-officer", "Case officer", case.department))
    base = f"/admin/applications/application/{case.pk}/"
    wanted = [
        ("admin-sign-in", guest, "get", "/admin/login/", {}, 200),
        ("admin-sign-in-errors", guest, "post", "/admin/login/", {"username": "x", "password": "y"}, 200),
        ("admin-index", officer, "get", "/admin/", {}, 200),
        ("admin-queue", officer, "get", "/admin/applications/application/", {}, 200),
        ("admin-queue-search", officer, "get", "/admin/applications/application/", {"q": "138"}, 200),
        ("admin-case", officer, "get", base + "change/", {}, 200),
        ("admin-correct", officer, "get", base + "correct/", {}, 200),
        ("admin-accept", officer, "get", base + "act/accept/", {}, 200),
        ("admin-request-info-errors", officer, "post", base + "act/request_info/", {"version": case.version}, 400),
        *postal_pages(),
        *counter_pages(),
    ]
    for name, client, method, url, data, status in wanted:
        response = getattr(client, method)(url, data)
        assert response.status_code == status, (name, url, response.status_code)
        yield name, response


def counter_pages():
    """A clerk at the counter: today's list (and its errors), a walk-in's applicant, question,
    documents and check pages (with errors), and the registered page."""
    from services.applications import lifecycle
    from services.catalogue.models import Channel
    from tests.makers import make_staff

    service = Service.objects.published().filter(offers_counter=True, form_pages__isnull=False, centres__isnull=False)
    service = service.distinct().first()
    centre = service.centres.first()
    clerk = make_staff("vnu-counter", "Counter clerk", service.department, centre=centre)
    client = Client()
    client.force_login(clerk)
    counter = "/admin/applications/application/counter/"
    assert client.post(counter + "walk-in/", {"service": service.pk}).status_code == 302
    draft = Application.objects.filter(centre=centre, status=Status.DRAFT).latest("created_at")
    done = Application.objects.create(
        service=service,
        department=service.department,
        channel=Channel.COUNTER,
        centre=centre,
        applicant_name="Li Lei",
        contact_phone="13900001111",
    )
    done = lifecycle.act(done, "submit", clerk)
    base = f"{counter}{draft.pk}/"
    return [
        ("admin-counter", client, "get", counter, {}, 200),
        ("admin-counter-errors", client, "post", counter + "draft/", {"code": "x"}, 400),
        ("admin-counter-applicant", client, "get", base + "applicant/", {}, 200),
        ("admin-counter-applicant-errors", client, "post", base + "applicant/", {"id_number": "1"}, 400),
        ("admin-counter-page-errors", client, "post", base + "page/1/", {}, 400),
        ("admin-counter-materials", client, "get", base + "materials/", {}, 200),
        ("admin-counter-check-errors", client, "post", base + "check/", {}, 400),
        ("admin-counter-registered", client, "get", f"{counter}{done.pk}/registered/", {}, 200),
    ]


def postal_pages():
    """A clerk logging a letter (with and without errors) and printing the receipt."""
    import datetime

    from services.applications.models import FieldKind
    from services.applications.postal import log_postal_application
    from services.applications.workdays import today
    from tests.makers import make_staff

    # A form with radio buttons and an identity document question (a select and a number): the
    # question groups the checker must see with their fieldsets and legends.
    service = (
        Service.objects.published()
        .filter(offers_post=True, centres__isnull=False, form_pages__fields__kind=FieldKind.ID_NUMBER)
        .filter(form_pages__fields__kind__in=[FieldKind.YESNO, FieldKind.CHOICE])
        .distinct()
        .first()
    )
    centre = service.centres.first()
    clerk = make_staff("vnu-clerk", "Counter clerk", service.department, centre=centre)
    letter = log_postal_application(
        service=service,
        centre=centre,
        clerk=clerk,
        applicant={
            "received_on": today() - datetime.timedelta(days=1),
            "applicant_name": "Li Lei",
            "contact_phone": "13900001111",
            "contact_email": "",
            "postal_address": "12 Fuxing Road",
            "language": "en",
        },
        answers={},
        form_version="",
        checks=[(m, "copy_ok", "") for m in service.materials.all()],
    )
    client = Client()
    client.force_login(clerk)
    postal = f"/admin/applications/application/postal/{service.pk}/"
    return [
        ("admin-postal-choose", client, "get", "/admin/applications/application/postal/", {}, 200),
        ("admin-postal", client, "get", postal, {}, 200),
        ("admin-postal-errors", client, "post", postal, {"letter-received_on": "2999-01-01"}, 400),
        ("admin-receipt", client, "get", f"/admin/applications/application/{letter.pk}/receipt/", {}, 200),
    ]


def test_every_page_type_is_valid_html(tmp_path):
    command = vnu_command()
    call_command("load_demo", stdout=io.StringIO())
    files = {}
    # The 500 page as its handler renders it, without the request's context (the database may be
    # down); not through the test client, so its template is counted here.
    error = server_error(RequestFactory().get("/en/"))
    assert error.status_code == 500
    rendered = {"500.html"}
    for name, response in [*pages(tmp_path), ("500", error)]:
        assert "text/html" in response["Content-Type"], name
        rendered.update(t.name for t in getattr(response, "templates", []) if t.name)
        path = tmp_path / f"{name}.html"
        path.write_bytes(response.content)
        files[path.as_uri()] = name
    result = subprocess.run([*command, *map(str, sorted(tmp_path.glob("*.html")))], capture_output=True, timeout=300)
    report = json.loads(result.stderr or b"{}")
    errors = [
        f"{files.get(m.get('url'), m.get('url'))}:{m.get('lastLine')}: {m.get('message')} [{m.get('extract', '')}]"
        for m in report.get("messages", [])
        if m.get("type") == "error" or m.get("subType") == "fatal"
    ]
    assert len(files) >= 40
    unchecked = sorted(page_templates() - rendered)
    assert not unchecked, f"page templates no page of this test renders (add a page that does): {unchecked}"
    assert not errors, f"{len(errors)} HTML errors:\n" + "\n".join(errors)
