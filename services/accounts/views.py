from django.contrib import admin, messages
from django.contrib.auth import REDIRECT_FIELD_NAME, get_user_model, login, logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.messages.views import SuccessMessageMixin
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST

from .forms import (
    LoginForm,
    PasswordChangeForm,
    PasswordResetForm,
    ProfileForm,
    SetPasswordForm,
    SignupForm,
    StaffLoginForm,
    reset_link_days,
)


def _is_safe(request, url):
    return url_has_allowed_host_and_scheme(url, allowed_hosts={request.get_host()}, require_https=request.is_secure())


def _safe_next(request):
    """The `next` URL of the request if it stays on this site, else an empty string."""
    url = request.POST.get("next") or request.GET.get("next") or ""
    return url if _is_safe(request, url) else ""


@sensitive_post_parameters("password1", "password2")
def signup(request):
    next_url = _safe_next(request)
    form = SignupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = form.save()
        login(request, user)
        messages.success(request, _("Your account has been created and you are signed in."))
        return redirect(next_url or "accounts:profile")
    context = {"form": form, "next": next_url, "crumbs": [(_("Create an account"), None)]}
    return render(request, "accounts/signup.html", context)


@require_POST
def logout_view(request):
    logout(request)
    # Added after logout(): the old session is gone, so the message travels in a cookie.
    messages.success(request, _("You have signed out."))
    return redirect("catalogue:home")


@login_required
def profile(request):
    return render(request, "accounts/profile.html", {"crumbs": [(_("Your account"), None)]})


@login_required
@sensitive_post_parameters("id_number")
def profile_edit(request):
    # A fresh copy: a rejected form must not leave half-typed values on request.user.
    user = get_user_model().objects.get(pk=request.user.pk)
    form = ProfileForm(request.POST or None, instance=user)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Your details have been saved."))
        return redirect("accounts:profile")
    crumbs = [(_("Your account"), reverse("accounts:profile")), (_("Change your details"), None)]
    return render(request, "accounts/profile_edit.html", {"form": form, "crumbs": crumbs})


# Django's own views, with our forms, templates and URL names. Their crumbs are lazy, so they
# are translated into the language of each request.

login_view = auth_views.LoginView.as_view(
    authentication_form=LoginForm,
    template_name="registration/login.html",
    extra_context={"crumbs": [(gettext_lazy("Sign in"), None)]},
)

password_reset = auth_views.PasswordResetView.as_view(
    form_class=PasswordResetForm,
    template_name="registration/password_reset_form.html",
    subject_template_name="registration/password_reset_subject.txt",
    email_template_name="registration/password_reset_email.txt",
    html_email_template_name="registration/password_reset_email.html",
    success_url=reverse_lazy("accounts:password-reset-done"),
    extra_context={"crumbs": [(gettext_lazy("Reset your password"), None)]},
)


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "registration/password_reset_done.html"

    def get_context_data(self, **kwargs):
        crumbs = [(_("Check your email"), None)]
        return super().get_context_data(crumbs=crumbs, password_reset_days=reset_link_days(), **kwargs)


password_reset_done = PasswordResetDoneView.as_view()

password_reset_confirm = auth_views.PasswordResetConfirmView.as_view(
    form_class=SetPasswordForm,
    template_name="registration/password_reset_confirm.html",
    success_url=reverse_lazy("accounts:password-reset-complete"),
    extra_context={"crumbs": [(gettext_lazy("Create a new password"), None)]},
)

password_reset_complete = auth_views.PasswordResetCompleteView.as_view(
    template_name="registration/password_reset_complete.html",
    extra_context={"crumbs": [(gettext_lazy("Password changed"), None)]},
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


password_change = PasswordChangeView.as_view()


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
    return admin.site.login(request)
