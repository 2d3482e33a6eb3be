"""The insights app's public pages. Ratings: the rate page (the form the tracking page, "My
applications" and the final email's signed link lead to, and where a given rating and its
follow-up are shown), and the signed link itself."""

from django.conf import settings
from django.contrib import messages
from django.core import signing
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from services.applications import access
from services.applications.forms import TRACK_INPUT_MAX
from services.applications.models import Application, Status
from services.applications.notifications import RATING_LINK_SALT
from services.applications.references import normalise_reference
from services.lib.clientip import client_ip
from services.lib.shell import render_in_shell
from services.lib.throttle import Rule, Throttle

from . import ratings
from .forms import RatingForm
from .models import Rating

VIA_LINK_SESSION_KEY = "rating_links"


def _source(request, app):
    if access.is_rater(request, app):
        links = request.session.get(VIA_LINK_SESSION_KEY, [])
        return Rating.Source.LINK if str(app.public_id) in links else Rating.Source.ONLINE
    return Rating.Source.COUNTER


def _back(request, app):
    """Where the citizen came from: their application's page, or the tracking page."""
    if access.may_see(request, app):
        return reverse("applications:detail", args=[app.reference]), _("Back to your application")
    return reverse("applications:track") + f"?ref={app.reference}", _("Track this application")


@never_cache
def rate(request, reference):
    """GET: the form (or the rating given, with its follow-up); POST: give the rating. Anyone but
    the applicant's browser or a clerk of the centre gets a 404 (access.application_for_rating)."""
    if request.method == "POST" and request.POST.get("tracking_code"):
        blocked = _by_tracking_code(request, reference)
        if blocked:
            return blocked
    app = access.application_for_rating(request, reference)
    form = RatingForm(request.POST if request.method == "POST" else None)
    status = 200
    if request.method == "POST":
        if form.is_valid() and access.may_rate(request, app):
            source = _source(request, app)
            # The applicant's browser rates for the applicant (even signed in to another account,
            # the tracking code or the emailed link is what speaks for them); a clerk is recorded.
            owner = request.user.is_authenticated and request.user.pk == app.owner_id
            actor = request.user if owner or source == Rating.Source.COUNTER else None
            try:
                ratings.rate(app, form.cleaned_data["score"], form.cleaned_data["comment"], actor=actor, source=source)
            except ratings.RatingError as error:
                form.add_error(None, error.message)
            else:
                messages.success(request, _("Thank you for your rating."))
                return redirect("insights:rate", app.reference)
        elif form.is_valid():
            problem = ratings.refusal(app, actor=None, source=Rating.Source.ONLINE)
            form.add_error(None, problem or _("Only the applicant may rate this application."))
        status = 400
    app = Application.objects.select_related("service", "rating__follow_up").get(pk=app.pk)
    back_url, back_label = _back(request, app)
    title = _("Rate this service")
    return render(
        request,
        "insights/rate.html",
        {
            "app": app,
            "form": form,
            "may_rate": access.may_rate(request, app),
            "back_url": back_url,
            "back_label": back_label,
            "title": f"{_('Error:')} {title}" if form.errors else title,
            "crumbs": [(app.service.name, app.service.get_absolute_url()), (title, None)],
        },
        status=status,
    )


def _tracking_throttle(request):
    # The tracking page's own rule and counter: a wrong code sent here counts as one sent there.
    return Throttle(Rule("tracking", settings.TRACKING_ATTEMPTS_PER_HOUR, 3600), client_ip(request))


def _by_tracking_code(request, reference):
    """The tracking page's form sends the code it was given: a right one lets this browser rate
    the application (remembered in the session only now, when someone rates); a wrong one counts
    against the tracking page's limit and leads to the 404 below. Returns a 429 page when the
    limit is reached."""
    throttle = _tracking_throttle(request)
    if throttle.retry_after() > 0:
        return render_in_shell(request, "insights/_rate_blocked.html", {}, title=_("Too many attempts"), status=429)
    app = access.application_for_tracking(reference, request.POST.get("tracking_code", "")[:TRACK_INPUT_MAX])
    if app is None:
        throttle.hit()
    elif app.status in access.RATEABLE:
        access.remember_rater(request, app)
    return None


@never_cache
def rate_link(request, token):
    """The final email's link: signed, expiring after RATING_LINK_DAYS; it lets this browser rate
    the application without signing in (once: a rated application shows its rating)."""
    try:
        reference = signing.loads(token, salt=RATING_LINK_SALT, max_age=settings.RATING_LINK_DAYS * 86400)
    except signing.SignatureExpired:
        return render(request, "insights/rate_link_expired.html", {"days": settings.RATING_LINK_DAYS}, status=410)
    except signing.BadSignature as error:
        raise Http404 from error
    app = (
        Application.objects.exclude(status=Status.DRAFT)
        .filter(reference=normalise_reference(str(reference)))
        .only("public_id", "reference")
        .first()
    )
    if app is None:
        raise Http404
    access.remember_rater(request, app)
    links = request.session.get(VIA_LINK_SESSION_KEY, [])
    if str(app.public_id) not in links:
        request.session[VIA_LINK_SESSION_KEY] = [*links, str(app.public_id)][-20:]
    return redirect("insights:rate", app.reference)
