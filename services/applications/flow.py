"""The steps of the online apply flow for one draft: which pages exist, which are complete,
where to resume. Kept apart from the views so they stay short."""

import json

from django.urls import reverse
from django.utils.translation import gettext as _

from . import definitions, formengine
from .models import Attachment

APPLICANT, MATERIALS, CHECK = "applicant", "materials", "check"
# What else of a question decides whether an answer passes (see Flow._page_complete).
_RULES = (
    "min_length",
    "max_length",
    "min_value",
    "max_value",
    "min_date",
    "max_date",
    "date_rule",
    "condition_key",
    "condition_value",
)
ECERT_KEY = "_ecert"


class Flow:
    def __init__(self, application, draft=False):
        """`draft=True` for the applicant's own draft: its form version may be newer than the
        definition this process keeps (see definitions.for_service)."""
        self.app = application
        seen = application.form_version if draft else None
        self.definition = definitions.for_service(application.service_id, seen_version=seen)
        self.pages = self.definition.pages
        self.materials = self.definition.materials

    @property
    def service(self):
        return self.app.service

    # --- structure ---------------------------------------------------------------------
    def visible_pages(self):
        """Pages that have at least one question to ask given the answers so far, numbered
        from 1 in the order they are asked."""
        return [p for p in self.pages if formengine.visible_fields(p, self.app.answers)]

    def page(self, number):
        pages = self.visible_pages()
        if 1 <= number <= len(pages):
            return pages[number - 1]
        return None

    def steps(self):
        steps = [APPLICANT, *range(1, len(self.visible_pages()) + 1)]
        if self.materials:
            steps.append(MATERIALS)
        return steps + [CHECK]

    def url(self, step):
        args = [self.app.public_id]
        if step == APPLICANT:
            return reverse("applications:applicant", args=args)
        if step == MATERIALS:
            return reverse("applications:materials", args=args)
        if step == CHECK:
            return reverse("applications:check", args=args)
        return reverse("applications:page", args=[*args, step])

    def next_url(self, step, change=False):
        if change:
            return self.url(CHECK)
        steps = self.steps()
        return self.url(steps[min(steps.index(step) + 1, len(steps) - 1)]) if step in steps else self.url(CHECK)

    def back_url(self, step):
        steps = self.steps()
        if step in steps and steps.index(step) > 0:
            return self.url(steps[steps.index(step) - 1])
        return reverse("applications:start", args=[self.service.slug])

    # --- completeness ------------------------------------------------------------------
    def applicant_complete(self):
        app = self.app
        return bool(app.applicant_name and app.contact_phone and (app.contact_email or app.owner_id))

    def attachments_by_key(self):
        result = {}
        for attachment in self.app.attachments.all():
            result.setdefault(attachment.field_key, []).append(attachment)
        return result

    def material_problems(self, attachments=None):
        """{material: message} for each required material with neither a file nor an e-certificate."""
        attachments = self.attachments_by_key() if attachments is None else attachments
        ecert = set(self.app.answers.get(ECERT_KEY, []))
        # A file given for an upload question tied to the material counts for it too.
        by_material = {a.material_id for files in attachments.values() for a in files if a.material_id}
        return {
            m: _("Upload %(material)s") % {"material": m.name}
            for m in self.materials
            if m.required
            and not attachments.get(material_key(m))
            and m.pk not in by_material
            and not (m.e_certificate and m.pk in ecert)
        }

    def incomplete_steps(self, checked=None):
        """[(step, label)] still needing an answer, in flow order. `checked`: a dict shared by
        the flows of a bundle's parts, keeping each page's verdict by its questions' rules and
        answers - a question several parts ask alike, with the same answer, is checked once."""
        missing = []
        if not self.applicant_complete():
            missing.append((APPLICANT, _("Who is applying")))
        attachments = self.attachments_by_key()
        for number, page in enumerate(self.visible_pages(), start=1):
            if not self._page_complete(page, checked) or self._files_missing(page, attachments):
                missing.append((number, page.title))
        if self.materials and self.material_problems(attachments):
            missing.append((MATERIALS, _("Documents")))
        return missing

    def _page_complete(self, page, checked):
        answers = self.app.answers
        if checked is None:
            return formengine.page_is_complete(page, answers)
        fields = formengine.visible_fields(page, answers)
        keys = sorted({f.key for f in fields} | {f.condition_key for f in fields if f.condition_key})
        rules = tuple((f.key, f.kind, f.required, f.choices, *(getattr(f, name) for name in _RULES)) for f in fields)
        key = (rules, json.dumps({k: answers.get(k) for k in keys}, sort_keys=True, default=str))
        if key not in checked:
            checked[key] = formengine.page_is_complete(page, answers)
        return checked[key]

    def _files_missing(self, page, attachments):
        return any(
            f.kind == formengine.FieldKind.FILE and f.required and not attachments.get(f.key)
            for f in formengine.visible_fields(page, self.app.answers)
        )

    def store_page(self, page, answers):
        """Save a question page's answers (from PageForm.answers()), online or at the counter:
        answers given on "Who is applying" are kept, and answers to questions an earlier answer
        now hides are dropped."""
        app = self.app
        given = set(app.answers.get(formengine.GIVEN_KEY, ()))
        keys = {f.key for f in page.fields.all() if f.kind != formengine.FieldKind.FILE and f.key not in given}
        kept = {k: v for k, v in app.answers.items() if k not in keys}
        app.answers = formengine.prune_hidden_answers(self.pages, kept | answers)
        app.save(update_fields=["answers", "updated_at"])

    def resume_url(self):
        missing = self.incomplete_steps()
        return self.url(missing[0][0] if missing else CHECK)

    # --- the check page ----------------------------------------------------------------
    def summary(self):
        """[(page number, page, [(field, readable answer, [attachments])])] for the check page."""
        districts = {d.slug: d for d in definitions.districts()}
        attachments = self.attachments_by_key()
        rows = []
        for number, page in enumerate(self.visible_pages(), start=1):
            answers = [
                (f, formengine.display_answer(f, self.app.answers.get(f.key), districts), attachments.get(f.key, []))
                for f in formengine.visible_fields(page, self.app.answers)
                if formengine.condition_met(f, self.app.answers)
            ]
            rows.append((number, page, answers))
        return rows

    def material_rows(self):
        attachments = self.attachments_by_key()
        ecert = set(self.app.answers.get(ECERT_KEY, []))
        return [(m, attachments.get(material_key(m), []), m.pk in ecert) for m in self.materials]


def material_key(material):
    return f"material-{material.pk}"


def save_upload(application, key, uploaded, checked, user, material=None):
    """Store a file that uploads.check_upload accepted: its checked (for images re-encoded)
    bytes, under a name made from its type and what it answers; the uploader's name is kept
    only as text to show."""
    from django.core.files.base import ContentFile

    for old in Attachment.objects.filter(application=application, field_key=key):
        old.file.delete(save=False)
        old.delete()
    attachment = Attachment(
        application=application,
        field_key=key,
        material=material,
        original_name=_display_name(uploaded.name),
        content_type=checked.content_type,
        size=checked.size,
        uploaded_by=user if user.is_authenticated else None,
    )
    attachment.file.save(attachment.download_name, ContentFile(checked.content), save=False)
    attachment.save()
    return attachment


def _display_name(name):
    """The uploader's file name as plain text: no folders, no control characters."""
    name = (name or "").replace("\\", "/").rsplit("/", 1)[-1]
    return "".join(ch for ch in name if ch.isprintable())[:200] or "-"
