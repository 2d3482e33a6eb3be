"""The applicant's answer to a request for more information: every item asked for on one page,
one answer and one optional file per item, sent in one go ("tell once"). The status changes
only through lifecycle.act(..., "answer_info", ...)."""

from types import SimpleNamespace

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache

from services.lib.i18n import labelled

from . import access, lifecycle, limits
from .flow import save_upload
from .models import Application, Status
from .uploads import check_upload

FILE_TYPES = "pdf,jpg,png"
ANSWER_MAX_LENGTH = 5000


class AnswerForm(forms.Form):
    """One answer to every item of a request, and one optional file per item (`file-<n>`).
    The answer may be left empty when at least one file is given."""

    request_id = forms.IntegerField(widget=forms.HiddenInput)
    answer = forms.CharField(
        label=gettext_lazy("Your answer"),
        required=False,
        max_length=ANSWER_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=gettext_lazy(
            "Answer every item in one go, referring to each by its number. You can leave this empty "
            "if the files you upload say everything."
        ),
        error_messages={
            "max_length": gettext_lazy(
                "Your answer must be %(limit_value)d characters or fewer (it has %(show_value)d)."
            )
        },
    )

    def __init__(self, *args, items=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.items = list(items)
        for n, item in enumerate(self.items, start=1):
            self.fields[f"file-{n}"] = forms.FileField(
                label=_("File for item %(n)s") % {"n": n},
                help_text=item,
                required=False,
                allow_empty_file=True,  # check_upload says precisely what is wrong
            )

    def file_fields(self):
        """The bound file fields, one per item in the order asked."""
        return [self[f"file-{n}"] for n in range(1, len(self.items) + 1)]

    def clean(self):
        data = super().clean()
        chosen = {n: data.get(f"file-{n}") for n in range(1, len(self.items) + 1) if data.get(f"file-{n}")}
        # Errors in page order: the answer first, then each item's file.
        if "answer" not in self.errors and not data.get("answer", "").strip() and not chosen:
            self.add_error(
                "answer",
                _("Enter your answer, or upload a file for at least one of the items asked for."),
            )
        self.kinds = {}
        for n, uploaded in chosen.items():
            try:
                self.kinds[n] = check_upload(uploaded, FILE_TYPES)
            except ValidationError as error:
                self.add_error(f"file-{n}", labelled(self.items[n - 1], error.messages[0]))  # "：" in Chinese
        return data


def _open_request(app):
    return app.info_requests.filter(answered_at__isnull=True).first()


def _back_to(request, app):
    """The applicant goes back to their application; someone who only tracked it, to tracking."""
    if access.may_see(request, app):
        return redirect("applications:detail", app.reference)
    return redirect("applications:track")


def _not_open(request, app):
    messages.info(request, _("There is no open request for more information on this application."))
    return _back_to(request, app)


@never_cache
def answer_request(request, reference):
    try:
        app = access.application_for_answer(request, reference)
    except Http404:
        if request.user.is_authenticated:
            raise
        # Not signed in, and not a guest's application this browser made or tracked: every
        # reference alike (an account holder's, another guest's, one that does not exist) goes
        # to sign in and back here (the request email's link), so nothing shows which exist.
        return redirect_to_login(request.get_full_path())
    info_request = _open_request(app) if app.status == Status.INFO_REQUESTED else None
    if info_request is None:
        return _not_open(request, app)
    form = AnswerForm(
        request.POST if request.method == "POST" else None,
        request.FILES if request.method == "POST" else None,
        items=info_request.items,
        initial={"request_id": info_request.pk},
    )
    if request.method == "POST" and form.is_valid():
        if form.cleaned_data["request_id"] != info_request.pk:
            return _not_open(request, app)  # a stale page: that request was answered already
        answered = _answer(request, app, info_request, form)
        if answered is not None:
            return answered
    return render(
        request,
        "applications/answer.html",
        {
            "app": app,
            "info_request": info_request,
            "form": form,
            "files_chosen": request.method == "POST" and bool(request.FILES),
            "max_mb": settings.UPLOAD_MAX_MB,
            "back_url": reverse("applications:detail", args=[app.reference])
            if access.may_see(request, app)
            else reverse("applications:track"),
        },
        status=400 if form.errors else 200,
    )


class _VolumeRefused(Exception):
    def __init__(self, n, error):
        super().__init__(n, error)
        self.n, self.error = n, error


def _check_volume(request, app, info_request, form, n, extra=0):
    """limits.check_volume for the file of item n, as if `extra` more bytes came with it."""
    kind = form.kinds[n]
    try:
        limits.check_volume(request, app, info_request.file_key(n), SimpleNamespace(size=kind.size + extra))
    except ValidationError as error:
        raise _VolumeRefused(n, error) from None


def _answer(request, app, info_request, form):
    """Store the files and answer, all or nothing. A repeated POST (double click, resend) waits
    for the first to commit, then finds nothing open and says so. Returns None when a file is
    refused by the volume limits; the form then carries the error.

    The files count towards the volume limits of limits.py like any other upload of the
    application, together: before anything is stored, each is checked with the bytes of the
    earlier files of this answer (megabytes of the application and of the address's day); in
    the transaction each is checked again once the earlier ones are stored (number of files).
    They are added to the address's day only once the answer is committed."""
    chosen = [n for n in range(1, len(info_request.items) + 1) if form.cleaned_data.get(f"file-{n}")]
    saved = []
    try:
        earlier = 0
        for n in chosen:
            _check_volume(request, app, info_request, form, n, extra=earlier)
            earlier += form.kinds[n].size
        with transaction.atomic():
            current = Application.objects.select_for_update().filter(pk=app.pk).values_list("status", flat=True).get()
            still_open = _open_request(app)
            if current != Status.INFO_REQUESTED or still_open is None or still_open.pk != info_request.pk:
                raise lifecycle.TransitionError(_("This request has already been answered."))
            for n in chosen:
                _check_volume(request, app, info_request, form, n)
                key = info_request.file_key(n)
                saved.append(save_upload(app, key, form.cleaned_data[f"file-{n}"], form.kinds[n], request.user))
            lifecycle.act(app, "answer_info", request.user, answer=form.cleaned_data["answer"].strip())
    except (lifecycle.TransitionError, _VolumeRefused) as problem:
        for attachment in saved:  # the rows were rolled back; the stored files must go too
            attachment.file.delete(save=False)
        if isinstance(problem, _VolumeRefused):
            form.add_error(f"file-{problem.n}", labelled(info_request.items[problem.n - 1], problem.error.messages[0]))
            return None
        messages.error(request, problem.message)
        return _back_to(request, app)
    for n in chosen:
        limits.count_volume(request, form.kinds[n])
    messages.success(
        request,
        _("Thank you: your answer has been sent to the department. The clock on your application has restarted."),
    )
    return _back_to(request, app)
