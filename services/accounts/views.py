import logging
from datetime import timedelta
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib import admin, messages
from django.contrib.auth import REDIRECT_FIELD_NAME, get_user_model, login, logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.messages.views import SuccessMessageMixin
from django.db import transaction
from django.shortcuts import redirect, render
from django.urls import Resolver404, resolve, reverse, reverse_lazy
from django.utils import timezone, translation
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import get_language, gettext_lazy, ngettext
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST

from services.lib.clientip import client_ip
from services.lib.throttle import Rule, Throttle

from .emails import (
    contact_change_for_token,
    contact_taken,
    pending_for_token,
    send_contact_confirmation,
    send_signup_messages,
)
from .forms import (
    LoginForm,
    PasswordChangeForm,
    PasswordResetForm,
    ProfileForm,
    SetPasswordForm,
    SignupForm,
    StaffLoginForm,
    create_account,
    reset_link_days,
)
from .lockout import remember_device
from .models import PendingContactChange

log = logging.getLogger(__name__)


def _is_safe(request, url):
    return url_has_allowed_host_and_scheme(url, allowed_hosts={request.get_host()}, require_https=request.is_secure())


def _safe_next(request):
    """The `next` URL of the request if it stays on this site, else an empty string."""
    url = request.POST.get("next") or request.GET.get("next") or ""
    return url if _is_safe(request, url) else ""


def _signup_throttle(request):
    """SIGNUPS_PER_HOUR sign-ups from one address: each one sends a message to an address
    typed by whoever asks, so without a limit the page would be a way to flood someone."""
    return Throttle(Rule("signup", settings.SIGNUPS_PER_HOUR, 3600), client_ip(request))


@never_cache
@sensitive_post_parameters("password1", "password2")
def signup(request):
    """The same answer whether or not an account uses the email or mobile number: a page that
    says to follow the link sent there. The queued task sends the owner of an existing account
    a note instead (emails.send_signup_messages)."""
    next_url = _safe_next(request)
    form = SignupForm(request.POST if request.method == "POST" else None)
    status = 200
    if request.method == "POST" and form.is_valid():
        throttle = _signup_throttle(request)
        count = throttle.wait_minutes()
        if count:
            form.add_error(None, _signup_refusal(count))
            status = 429
        else:
            throttle.hit()
            pending = form.save(next_url=next_url)
            try:
                send_signup_messages.enqueue(pending.pk, get_language())
            except Exception:  # like the reset page: the answer must not depend on the queue
                log.exception("Could not queue the sign-up messages")
            return redirect("accounts:signup-sent")
    context = {"form": form, "next": next_url, "crumbs": [(_("Create an account"), None)]}
    return render(request, "accounts/signup.html", context, status=status)


def _signup_refusal(count):
    return ngettext(
        "Too many accounts have been asked for from this connection. What you typed is kept: try again in "
        "%(minutes)d minute.",
        "Too many accounts have been asked for from this connection. What you typed is kept: try again in "
        "%(minutes)d minutes.",
        count,
    ) % {"minutes": count}


@never_cache
def signup_sent(request):
    context = {"crumbs": [(_("Check your email or phone"), None)], "days": reset_link_days()}
    return render(request, "accounts/signup_sent.html", context)


@never_cache
def signup_confirm(request, token):
    """The link sent to a new email or mobile number. Opening it shows a button (mail scanners
    open links too); pressing it makes the account and signs in. Each contact given got its own
    link, and the account gets only the contact whose link this is: the other was never shown to
    be the person's (it can be added from the profile, which sends it a link of its own)."""
    pending, contact = pending_for_token(token)
    crumbs = [(_("Create an account"), None)]
    if pending is None:
        return render(request, "accounts/signup_confirm.html", {"pending": None, "crumbs": crumbs}, status=404)
    if request.method == "POST":
        with transaction.atomic():
            user = create_account(pending, contact)
            next_url = pending.next_url if _is_safe(request, pending.next_url) else ""
            pending.delete()
        if user is None:
            messages.info(request, _("An account already uses these details. Sign in, or reset your password."))
            return redirect("accounts:login")
        login(request, user, backend="services.accounts.backends.EmailOrMobileBackend")
        messages.success(request, _("Your account has been created and you are signed in."))
        response = redirect(next_url or "accounts:profile")
        remember_device(request, response, user)  # the sign-in lockout's known browser (lockout.py)
        return response
    context = {"pending": pending, "contact": contact, "crumbs": crumbs}
    return render(request, "accounts/signup_confirm.html", context)


@require_POST
def logout_view(request):
    logout(request)
    # Added after logout(): the old session is gone, so the message travels in a cookie.
    messages.success(request, _("You have signed out."))
    return redirect("catalogue:home")


@never_cache
@login_required
def profile(request):
    pending = request.user.contact_changes.filter(created__gte=_link_cutoff()).order_by("kind")
    return render(request, "accounts/profile.html", {"crumbs": [(_("Your account"), None)], "pending": pending})


def _link_cutoff():
    return timezone.now() - timedelta(seconds=settings.PASSWORD_RESET_TIMEOUT)


def _contact_change_throttle(user):
    """CONTACT_CHANGES_PER_HOUR links an account may have sent to new addresses: each goes to
    an address typed by whoever is signed in."""
    return Throttle(Rule("contact-change", settings.CONTACT_CHANGES_PER_HOUR, 3600), user.pk)


@never_cache
@login_required
@sensitive_post_parameters("id_number")
def profile_edit(request):
    """Details are saved at once, except a new email address or mobile number: a link is sent
    to it and the page says so, in the same words whether or not another account uses it (the
    queued task tells that account's owner instead, emails.send_contact_confirmation)."""
    # A fresh copy: a rejected form must not leave half-typed values on request.user.
    user = get_user_model().objects.get(pk=request.user.pk)
    form = ProfileForm(request.POST if request.method == "POST" else None, instance=user)
    status = 200
    if request.method == "POST" and form.is_valid():
        changes = form.contact_changes()
        throttle = _contact_change_throttle(user)
        count = throttle.wait_minutes() if changes else 0
        if count:
            form.add_error(
                changes[0][0],
                ngettext(
                    "You have asked to change your email address or mobile number too often. What you typed is "
                    "kept: try again in %(minutes)d minute.",
                    "You have asked to change your email address or mobile number too often. What you typed is "
                    "kept: try again in %(minutes)d minutes.",
                    count,
                )
                % {"minutes": count},
            )
            status = 429
        else:
            with transaction.atomic():
                form.save()
                queued = [_ask_to_confirm(user, kind, value) for kind, value in changes]
            for change in queued:
                throttle.hit()
                try:
                    send_contact_confirmation.enqueue(change.pk, get_language())
                except Exception:  # like sign-up: the page must not depend on the queue
                    log.exception("Could not queue a contact confirmation")
                messages.info(
                    request,
                    _("We've sent a link to %(address)s to confirm it. Your account uses it once you open the link.")
                    % {"address": change.value},
                )
            messages.success(request, _("Your details have been saved."))
            return redirect("accounts:profile")
    crumbs = [(_("Your account"), reverse("accounts:profile")), (_("Change your details"), None)]
    return render(request, "accounts/profile_edit.html", {"form": form, "crumbs": crumbs}, status=status)


def _ask_to_confirm(user, kind, value):
    """The one change of this kind waiting for its link: a newer request replaces an older one."""
    user.contact_changes.filter(kind=kind).delete()
    return PendingContactChange.objects.create(user=user, kind=kind, value=value)


@never_cache
@login_required
def contact_confirm(request, token):
    """The link sent to a new email address or mobile number, for the account that asked only.
    Opening it shows a button (mail scanners open links); pressing it makes the change, unless
    another account has taken the address meanwhile."""
    change = contact_change_for_token(token, request.user)
    crumbs = [(_("Your account"), reverse("accounts:profile")), (_("Confirm a new contact"), None)]
    if change is None:
        return render(request, "accounts/contact_confirm.html", {"change": None, "crumbs": crumbs}, status=404)
    if request.method == "POST":
        with transaction.atomic():
            user = get_user_model().objects.select_for_update().get(pk=request.user.pk)
            taken = contact_taken(change.kind, change.value, exclude_pk=user.pk)
            if not taken:
                setattr(user, change.kind, change.value)
                user.save(update_fields=[change.kind])
            change.delete()
        if taken:
            messages.error(
                request,
                _("Another account now uses %(address)s, so it was not added to yours.") % {"address": change.value},
            )
        elif change.kind == change.EMAIL:
            messages.success(request, _("Your email address is now %(address)s.") % {"address": change.value})
        else:
            messages.success(request, _("Your mobile number is now %(address)s.") % {"address": change.value})
        return redirect("accounts:profile")
    return render(request, "accounts/contact_confirm.html", {"change": change, "crumbs": crumbs})


# Django's own views, with our forms, templates and URL names. Their crumbs are lazy, so they
# are translated into the language of each request. Every page of signing in, signing up,
# resetting and changing a password is sent with Cache-Control: no-store (never_cache): a
# shared computer's browser must not keep them (LoginView and PasswordResetConfirmView already
# do; the others are wrapped here).


class LoginView(auth_views.LoginView):
    """A citizen already signed in (a sign-in link in an email, a bookmark, Back) is sent on to
    a safe `next`, or to the profile, instead of being asked to sign in again. A `next` that is
    itself a sign-in page goes to the profile, so no chain of them can loop."""

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            next_url = self.get_redirect_url()  # "" unless it stays on this site
            if next_url and _is_sign_in_page(next_url):
                next_url = ""
            return redirect(next_url or settings.LOGIN_REDIRECT_URL)
        return super().dispatch(request, *args, **kwargs)

    def form_valid(self, form):
        response = super().form_valid(form)
        remember_device(self.request, response, form.get_user())  # the lockout's known browser
        return response


def _is_sign_in_page(url):
    """Whether `url` is a sign-in page in any language (i18n URLs resolve only in their own)."""
    path = urlsplit(url).path
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            try:
                if resolve(path).view_name in ("accounts:login", "admin:login"):
                    return True
            except Resolver404:
                continue
    return False


login_view = LoginView.as_view(
    authentication_form=LoginForm,
    template_name="registration/login.html",
    extra_context={"crumbs": [(gettext_lazy("Sign in"), None)]},
)


class PasswordResetView(auth_views.PasswordResetView):
    """PASSWORD_RESETS_PER_HOUR requests from one address, counted for any address typed
    (account or not, so the limit says nothing about who has an account): each sends an email
    to an address typed by whoever asks."""

    def form_valid(self, form):
        throttle = Throttle(Rule("password-reset", settings.PASSWORD_RESETS_PER_HOUR, 3600), client_ip(self.request))
        count = throttle.wait_minutes()
        if count:
            form.add_error(
                None,
                ngettext(
                    "Too many password resets have been asked for from this connection. Try again in "
                    "%(minutes)d minute.",
                    "Too many password resets have been asked for from this connection. Try again in "
                    "%(minutes)d minutes.",
                    count,
                )
                % {"minutes": count},
            )
            return self.render_to_response(self.get_context_data(form=form), status=429)
        throttle.hit()
        return super().form_valid(form)


password_reset = never_cache(
    PasswordResetView.as_view(
        form_class=PasswordResetForm,
        template_name="registration/password_reset_form.html",
        subject_template_name="registration/password_reset_subject.txt",
        email_template_name="registration/password_reset_email.txt",
        html_email_template_name="registration/password_reset_email.html",
        success_url=reverse_lazy("accounts:password-reset-done"),
        extra_context={"crumbs": [(gettext_lazy("Reset your password"), None)]},
    )
)


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "registration/password_reset_done.html"

    def get_context_data(self, **kwargs):
        crumbs = [(_("Check your email"), None)]
        return super().get_context_data(crumbs=crumbs, password_reset_days=reset_link_days(), **kwargs)


password_reset_done = never_cache(PasswordResetDoneView.as_view())


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    """A new password starts the account's lockout counts afresh (lockout.account_key), and
    the browser that set it, having shown it can read the account's email, becomes a known
    browser: it signs in even while strangers keep failing from many addresses."""

    def form_valid(self, form):
        response = super().form_valid(form)
        remember_device(self.request, response, form.user)
        return response


password_reset_confirm = PasswordResetConfirmView.as_view(
    form_class=SetPasswordForm,
    template_name="registration/password_reset_confirm.html",
    success_url=reverse_lazy("accounts:password-reset-complete"),
    extra_context={"crumbs": [(gettext_lazy("Create a new password"), None)]},
)

password_reset_complete = never_cache(
    auth_views.PasswordResetCompleteView.as_view(
        template_name="registration/password_reset_complete.html",
        extra_context={"crumbs": [(gettext_lazy("Password changed"), None)]},
    )
)


class PasswordChangeView(SuccessMessageMixin, auth_views.PasswordChangeView):
    # Not registration/password_change_form.html: the admin renders that name for its own page.
    form_class = PasswordChangeForm
    template_name = "accounts/password_change.html"
    success_url = reverse_lazy("accounts:profile")
    success_message = gettext_lazy("Your password has been changed.")
    extra_context = {
        "crumbs": [
            (gettext_lazy("Your account"), reverse_lazy("accounts:profile")),
            (gettext_lazy("Change your password"), None),
        ]
    }


password_change = never_cache(PasswordChangeView.as_view())


@never_cache
@sensitive_post_parameters("password")
def admin_login(request):
    """The admin's own sign-in page, with the sign-in lockout (StaffLoginForm) and a `next`
    that stays on this site: an off-site one becomes /admin/ (Django's LoginView would fall
    back to LOGIN_REDIRECT_URL, the citizen profile)."""
    home = reverse("admin:index")
    if request.method == "GET" and not _is_safe(request, request.GET.get(REDIRECT_FIELD_NAME, home)):
        # Not even echoed in the form's action: start again from a clean address.
        return redirect(f"{request.path}?{urlencode({REDIRECT_FIELD_NAME: home})}")
    if not _is_safe(request, request.POST.get(REDIRECT_FIELD_NAME, home)):
        request.POST = request.POST.copy()
        request.POST[REDIRECT_FIELD_NAME] = home
    if not _is_safe(request, request.GET.get(REDIRECT_FIELD_NAME, home)):
        request.GET = request.GET.copy()
        request.GET[REDIRECT_FIELD_NAME] = home
    admin.site.login_form = StaffLoginForm
    response = admin.site.login(request)
    if request.method == "POST" and response.status_code == 302 and request.user.is_authenticated:
        remember_device(request, response, request.user)  # signed in: the lockout's known browser
    return response
