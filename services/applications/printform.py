"""Applying by post: the page that says how (what to enclose, where to send it) and the
printable blank form, generated from the service's form definition (the same FormPage and
FormField rows the online flow asks), in the reader's language, laid out for one or two A4
pages (static/css/paper.css). Public pages; no JavaScript."""

from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _

from services.catalogue.models import Service
from services.lib.validators import ID_DOCUMENT_TYPES

from . import definitions
from .formengine import _PLAIN_TEXT_KINDS, APPLICANT_PAGE_KEYS, YES_NO
from .models import FieldKind

# How much room a handwritten answer gets, by kind of question (lines to write on).
_LINES = {FieldKind.TEXTAREA: 4, FieldKind.ADDRESS: 2}
# Answers written one character a box.
_BOXES = {FieldKind.MOBILE: 11}


def _postal_service(slug):
    service = get_object_or_404(Service.objects.published().select_related("department"), slug=slug)
    if not service.offers_post:
        raise Http404(_("This service cannot be applied for by post."))
    return service


def asked_in_about_you(field):
    """A question the form's "About the applicant" part already asks (name, mobile, email):
    not asked twice, as the online flow does not ask it again after "Who is applying"."""
    return field.key in APPLICANT_PAGE_KEYS and field.kind in _PLAIN_TEXT_KINDS


class Question:
    """One question as printed: its number, the room to answer in, and when to answer it."""

    def __init__(self, number, field):
        self.number = number
        self.field = field
        self.condition = ""
        self.kind = field.kind
        self.lines = range(_LINES.get(field.kind, 1))
        self.boxes = range(_BOXES.get(field.kind, 0))
        if field.kind == FieldKind.YESNO:
            self.options = [str(label) for _key, label in YES_NO]
        elif field.kind in (FieldKind.CHOICE, FieldKind.MULTIPLE):
            self.options = [label for _key, label in field.options()]
        else:
            self.options = []
        self.document_types = [str(label) for _key, label in ID_DOCUMENT_TYPES] if field.kind == "id_number" else []

    @property
    def writes(self):
        """Answered on lines (not tick boxes, boxes or an enclosed file)."""
        return not (self.options or self.boxes or self.kind in (FieldKind.DATE, FieldKind.FILE, FieldKind.ID_NUMBER))


def _answer_label(field, value):
    if field.kind == FieldKind.YESNO:
        return str(dict(YES_NO).get(value, value))
    return dict(field.options()).get(value, value)


def blank_form(definition):
    """[(page, [Question])] for every page of the definition, numbered straight through, each
    question that depends on another saying "answer only if ..." with that question's number."""
    numbered = {}
    sections = []
    number = 0
    for page in definition.pages:
        questions = []
        for field in page.fields.all():
            if asked_in_about_you(field):
                continue
            number += 1
            question = Question(number, field)
            other = numbered.get(field.condition_key)
            if field.condition_key:
                question.condition = _condition(field, other)
            numbered[field.key] = question
            questions.append(question)
        if questions:
            sections.append((page, questions))
    return sections


def _condition(field, other):
    if other is None:  # the definition names a question it does not have: say it plainly
        return _("Answer only if it applies to you.")
    return _("Answer only if your answer to question %(n)d (“%(question)s”) is “%(value)s”.") % {
        "n": other.number,
        "question": other.field.label,
        "value": _answer_label(other.field, field.condition_value),
    }


def apply_by_post(request, slug):
    """How to apply by post: the printable form, what to enclose, where to send it."""
    service = _postal_service(slug)
    return render(
        request,
        "applications/apply_by_post.html",
        {
            "service": service,
            "materials": definitions.for_service(service.pk).materials,
            "nav": "services",
            "crumbs": [
                (_("All services"), reverse("catalogue:service-list")),
                (service.name, service.get_absolute_url()),
                (_("Apply by post"), None),
            ],
        },
    )


def print_form(request, slug):
    """The blank application form to print, fill in by hand and post."""
    service = _postal_service(slug)
    definition = definitions.for_service(service.pk)
    return render(
        request,
        "applications/print_form.html",
        {
            "service": service,
            "sections": blank_form(definition),
            "materials": definition.materials,
            "nav": "services",
            "crumbs": [
                (_("All services"), reverse("catalogue:service-list")),
                (service.name, service.get_absolute_url()),
                (_("Apply by post"), reverse("applications:apply-by-post", args=[service.slug])),
                (_("Printable form"), None),
            ],
        },
    )
