"""The one module that changes a digital-life entry on a provider's behalf and decides on
providers' change requests.

A provider's save goes through `propose(entry, changes, user)`: routine fields (the class's
ROUTINE_FIELDS: free beds, fees, hours notes...) are saved at once with
`save(update_fields=[...routine..., "updated_at"])`, so only the "life" cache scope renews; the
rest goes into the entry's one pending ChangeRequest (merged into it if one is open) and the
public entry keeps its values until an editor approves. An editor's own save publishes
everything at once. A provider's new entry is created unpublished with a request to publish it
(`request_publication`).

A request then takes one of the STEPS (approve, reject, withdraw) through `decide`: the row is
re-read under a lock (a row lock on PostgreSQL; SQLite's IMMEDIATE transactions serialise
writers) and the status is written with a conditional UPDATE, so of two editors deciding at
once exactly one succeeds and the other is told the request was already decided.

    pending --approve (editor)--> approved    (the fields still proposed are written)
    pending --reject (editor, reason)--> rejected
    pending --withdraw (its provider or an editor)--> withdrawn

Values in `ChangeRequest.changes` are JSON: foreign keys and many-to-many fields (services,
life_events, specialties) as ids / lists of ids, decimals, dates and times as strings.
"""

import datetime
import decimal
from dataclasses import dataclass, field

from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import transaction
from django.utils import formats, timezone
from django.utils.translation import gettext, pgettext
from django.utils.translation import gettext_lazy as _

from . import access
from .models import AREA_MODELS, ChangeRequest, Entry

EDITOR, SUBMITTER = "editor", "submitter"


class ApprovalError(Exception):
    """The step is not allowed now; `message` is fit to show the user."""

    def __init__(self, message):
        super().__init__(message)
        self.message = str(message)


@dataclass(frozen=True)
class Step:
    """One allowed step on a change request. applies: the proposed values are written to the
    entry. reason_required: the provider is told why (rejection)."""

    name: str
    sources: frozenset
    target: str
    by: str
    label: str
    applies: bool = False
    reason_required: bool = False


PENDING = frozenset({ChangeRequest.Status.PENDING})
STEPS = {
    s.name: s
    for s in [
        Step("approve", PENDING, ChangeRequest.Status.APPROVED, EDITOR, _("Approve and publish"), applies=True),
        Step("reject", PENDING, ChangeRequest.Status.REJECTED, EDITOR, _("Reject"), reason_required=True),
        Step("withdraw", PENDING, ChangeRequest.Status.WITHDRAWN, SUBMITTER, _("Withdraw")),
    ]
}


# --- values as they are kept in a change request ------------------------------------------


def area_model(entry):
    return AREA_MODELS[entry.area] if type(entry) is Entry else type(entry)


def to_json(model_field, value):
    if model_field.many_to_many:
        return sorted(int(getattr(v, "pk", v)) for v in (value or []))
    if model_field.is_relation:
        return None if value in (None, "") else int(getattr(value, "pk", value))
    if isinstance(value, decimal.Decimal):
        return str(value)
    if isinstance(value, (datetime.date, datetime.time)):
        return value.isoformat()
    return value


def current(entry, name):
    """The entry's value of field `name`, as a change request keeps it."""
    model_field = entry._meta.get_field(name)
    if model_field.many_to_many:
        return sorted(getattr(entry, name).values_list("pk", flat=True)) if entry.pk else []
    if model_field.is_relation:
        return getattr(entry, model_field.attname)
    return to_json(model_field, getattr(entry, name))


def _set(entry, name, raw):
    """Put a kept value back on the entry (many-to-many: returned, to set after the save)."""
    model_field = entry._meta.get_field(name)
    if model_field.is_relation and not model_field.many_to_many:
        setattr(entry, model_field.attname, raw)
    elif not model_field.many_to_many:
        setattr(entry, name, model_field.to_python(raw))


def editable(model, name):
    """A field a change request may carry: one of the model's editable fields, or `published`."""
    try:
        model_field = model._meta.get_field(name)
    except FieldDoesNotExist:  # a field removed since the request was made
        return False
    return name == "published" or (model_field.editable and not model_field.auto_created)


def in_field_order(model, names):
    """`names` in the order of the model's fields (a change request's JSON keys come back in
    any order from PostgreSQL's jsonb)."""
    order = {f.name: i for i, f in enumerate(model._meta.get_fields())}
    return sorted(names, key=lambda name: order.get(name, len(order)))


def label(model, name):
    return str(model._meta.get_field(name).verbose_name)


def listed(names, model):
    """Field labels as a list in the active language ("name (English), address (English)")."""
    return pgettext("list separator", ", ").join(label(model, n) for n in names)


# --- a provider's (or an editor's) save -------------------------------------------------------


@dataclass
class Proposal:
    """What a save did: the fields published now, those waiting for an editor (this save's), and
    the open request (None when nothing waits)."""

    model: type
    published: list = field(default_factory=list)
    pending: list = field(default_factory=list)
    request: ChangeRequest | None = None
    held: bool = False  # routine values held back with the rest (they break a rule on their own)
    extra_published: list = field(default_factory=list)  # e.g. "opening hours" (the Hours rows)
    taken_out: list = field(default_factory=list)  # fields this save took out of the open request

    def message(self):
        parts = []
        published = [label(self.model, n) for n in self.published] + [str(x) for x in self.extra_published]
        if published:
            parts.append(
                gettext("Published now: %(fields)s.") % {"fields": pgettext("list separator", ", ").join(published)}
            )
        if self.pending:
            parts.append(gettext("Waiting for an editor: %(fields)s.") % {"fields": listed(self.pending, self.model)})
        if self.taken_out:
            parts.append(
                gettext("Taken out of the change waiting for an editor: %(fields)s.")
                % {"fields": listed(self.taken_out, self.model)}
            )
        if self.held:
            parts.append(
                gettext("Some routine values only fit the values waiting for an editor, so they wait with them.")
            )
        if not parts:
            parts.append(gettext("Nothing was changed; the entry is confirmed as still correct."))
        return " ".join(parts)


def _may_change(user, entry):
    return access.entries_for(user).filter(pk=entry.pk).exists()


def propose(entry, changes, user, *, now=None):
    """Save `changes` ({field name: value}; many-to-many as objects or ids) to `entry` as `user`
    and return a Proposal. Editors publish everything at once; a provider's routine fields are
    published at once and the rest waits in the entry's pending ChangeRequest."""
    if not _may_change(user, entry):
        raise ApprovalError(_("You may not change this entry."))
    now = now or timezone.now()
    model = area_model(entry)
    with transaction.atomic():
        row = model.objects.select_for_update().get(pk=entry.pk)
        wanted = {name: to_json(model._meta.get_field(name), value) for name, value in changes.items()}
        differing = {name: value for name, value in wanted.items() if value != current(row, name)}
        if access.publishes_at_once(user):
            _write(row, differing, now)
            return Proposal(model, published=list(differing))
        routine = {n: v for n, v in differing.items() if n in model.routine_fields()}
        rest = {n: v for n, v in differing.items() if n not in routine and editable(model, n) and n != "published"}
        held = False
        # Routine values that only fit values still waiting (this save's or the open request's)
        # wait with them rather than break the entry's rules now.
        if routine and not _valid_with(row, routine):
            rest, routine, held = {**rest, **routine}, {}, True
        if routine:
            _write(row, routine, now)
        else:
            row.updated_at = now
            row.save(update_fields=["updated_at"])
        # A field proposed back to its current value leaves the open request; so does a routine
        # field published now (a value held earlier with the rest is older than this one, and
        # approving the request must not write it back over this one).
        drop = [n for n in wanted if n not in differing] + list(routine)
        request, taken_out = _merge(row, rest, drop=drop, user=user, now=now)
        return Proposal(
            model,
            published=list(routine),
            pending=list(rest),
            request=request,
            held=held,
            taken_out=[n for n in in_field_order(model, taken_out) if n not in routine],
        )


def _valid_with(row, values):
    """Whether the entry obeys its rules (clean, constraints) with `values` and nothing else
    changed; the row is left as it was."""
    return not problems(row, values)


def problems(row, values):
    """The entry's rules (clean, constraints) that `values` (kept as in a change request) break
    on `row` as it is: a list of messages, empty when they fit. The row is left as it was."""
    before = {f.attname: getattr(row, f.attname) for f in row._meta.concrete_fields}
    for name, raw in values.items():
        _set(row, name, raw)
    try:
        row.clean()
        row.validate_constraints()
        return []
    except ValidationError as error:
        return [" ".join(messages) for messages in error.message_dict.values()]
    finally:
        for attname, value in before.items():
            setattr(row, attname, value)


def as_initial(model, name, raw):
    """A value kept in a change request as a form field's initial value."""
    model_field = model._meta.get_field(name)
    if model_field.is_relation or raw is None:
        return raw
    return model_field.to_python(raw)


def _write(row, values, now):
    """Write `values` to the row (many-to-many after it), and the "last updated" date."""
    plain = [n for n in values if not row._meta.get_field(n).many_to_many]
    for name in plain:
        _set(row, name, values[name])
    row.updated_at = now
    row.save(update_fields=[row._meta.get_field(n).attname for n in plain] + ["updated_at"])
    for name, ids in values.items():
        if name not in plain:
            getattr(row, name).set(ids)


def _merge(row, rest, *, drop, user, now):
    """The entry's open request with `rest` merged in and the fields named in `drop` taken out.
    Returns (the open request or None when nothing waits, the names taken out of it)."""
    open_request = (
        ChangeRequest.objects.select_for_update().filter(entry=row, status=ChangeRequest.Status.PENDING).first()
    )
    if open_request is None:
        if not rest:
            return None, []
        return ChangeRequest.objects.create(entry=row, changes=rest, submitted_by=user, submitted_at=now), []
    taken_out = [n for n in open_request.changes if n in drop and n not in rest]
    merged = {n: v for n, v in {**open_request.changes, **rest}.items() if n not in drop}
    if merged == open_request.changes:
        return open_request, taken_out
    if not merged:
        ChangeRequest.objects.filter(pk=open_request.pk).update(
            status=ChangeRequest.Status.WITHDRAWN, decided_by=user, decided_at=now
        )
        return None, taken_out
    if not rest:  # only taken out of: still the submitter's request, sent when it was
        open_request.changes = merged
        open_request.save(update_fields=["changes"])
        return open_request, taken_out
    open_request.changes, open_request.submitted_by, open_request.submitted_at = merged, user, now
    open_request.save(update_fields=["changes", "submitted_by", "submitted_at"])
    return open_request, taken_out


def settle(entry, names, user, *, now=None):
    """An editor's save published the fields `names`: they leave the entry's open request, so
    approving it later does not write the provider's older values over the editor's. Returns
    the names taken out."""
    with transaction.atomic():
        return _merge(entry, {}, drop=list(names), user=user, now=now or timezone.now())[1]


def request_publication(entry, user, *, now=None):
    """A provider's new entry: kept unpublished, with a request to publish it."""
    now = now or timezone.now()
    with transaction.atomic():
        Entry.objects.filter(pk=entry.pk).update(published=False)
        return _merge(entry, {"published": True}, drop=[], user=user, now=now)[0]


def confirm(queryset, user, *, now=None):
    """ "Confirm still correct": the entries' "last updated" date becomes now, nothing else.
    Only entries `user` may change count (the queryset is narrowed to them). Returns how many."""
    now = now or timezone.now()
    mine = access.entries_for(user, queryset.model).filter(pk__in=queryset.values("pk"))
    done = 0
    with transaction.atomic():
        for entry in mine.only("pk", "area", "updated_at"):
            # One save per entry (not a bulk update) so the page cache's "life" scope renews.
            entry.updated_at = now
            entry.save(update_fields=["updated_at"])
            done += 1
    return done


# --- an editor's decision ---------------------------------------------------------------------


def approve(request, editor, *, now=None):
    return decide(request, "approve", editor, now=now)


def reject(request, editor, reason, *, now=None):
    return decide(request, "reject", editor, reason=reason, now=now)


def withdraw(request, user, *, now=None):
    return decide(request, "withdraw", user, now=now)


def decide(request, name, user, *, reason="", now=None):
    """Take the step `name` (a key of STEPS) on the change request as `user`; return the request
    as saved. A step that is not allowed (already decided, not this user's, no reason given, the
    values no longer fit the entry) raises ApprovalError and writes nothing."""
    step = STEPS[name]
    now = now or timezone.now()
    reason = (reason or "").strip()
    with transaction.atomic():
        found = ChangeRequest.objects.select_for_update().select_related("entry").filter(pk=request.pk).first()
        if found is None:
            raise ApprovalError(_("This change request no longer exists."))
        if found.status not in step.sources:
            raise ApprovalError(
                gettext("This change has already been decided (%(status)s): nothing was done.")
                % {"status": found.get_status_display()}
            )
        if step.by == EDITOR and not access.may_decide(user):
            raise ApprovalError(_("Only a content editor may approve or reject a provider's change."))
        if step.by == SUBMITTER and not access.may_withdraw(user, found):
            raise ApprovalError(_("You may not withdraw this change."))
        if step.reason_required and not reason:
            raise ApprovalError(_("Give the provider the reason."))
        if step.applies:
            _apply(found, now)
        updated = ChangeRequest.objects.filter(pk=found.pk, status=found.status).update(
            status=step.target, decided_by=user, decided_at=now, reason=reason
        )
        if updated != 1:  # decided by someone else between our read and write
            raise ApprovalError(gettext("This change has already been decided: nothing was done."))
    found.status, found.decided_by, found.decided_at, found.reason = step.target, user, now, reason
    return found


def _apply(request, now):
    """Write the values still proposed to the entry, checked against its rules as it is now."""
    model = area_model(request.entry)
    entry = model.objects.select_for_update().get(pk=request.entry_id)
    values = {n: v for n, v in request.changes.items() if editable(model, n)}
    for name, raw in values.items():
        _set(entry, name, raw)
    plain = [n for n in values if not model._meta.get_field(n).many_to_many]
    others = [f.name for f in model._meta.fields if f.name not in plain]
    try:
        entry.clean_fields(exclude=others)
        entry.clean()
        entry.validate_unique(exclude=others)
        entry.validate_constraints()
    except ValidationError as error:
        problems = "; ".join(" ".join(messages) for messages in error.message_dict.values())
        raise ApprovalError(
            gettext("This change cannot be published with the entry as it is now: %(problems)s")
            % {"problems": problems}
        ) from None
    _write(entry, values, now)


# --- what an editor reads -----------------------------------------------------------------


@dataclass(frozen=True)
class DiffRow:
    name: str
    label: str
    current: str
    proposed: str

    @property
    def same(self):
        return self.current == self.proposed


def diff(request):
    """One row per proposed field: its label, the entry's value now and the proposed value, both
    as a person reads them (choices by label, related objects by name, yes/no)."""
    model = area_model(request.entry)
    entry = model.objects.get(pk=request.entry_id)
    rows = []
    for name in in_field_order(model, request.changes):
        raw = request.changes[name]
        if not editable(model, name):
            continue
        model_field = model._meta.get_field(name)
        rows.append(
            DiffRow(name, label(model, name), _shown(model_field, current(entry, name)), _shown(model_field, raw))
        )
    return rows


def changed_since(request):
    """The entry was saved after the request was last sent (its current values may differ from
    those the provider saw)."""
    return request.entry.updated_at > request.submitted_at


def _shown(model_field, raw):
    if model_field.many_to_many:
        names = [str(o) for o in model_field.related_model.objects.filter(pk__in=raw or [])]
        return pgettext("list separator", ", ").join(sorted(names)) or "—"
    if model_field.is_relation:
        found = model_field.related_model.objects.filter(pk=raw).first() if raw is not None else None
        return str(found) if found else "—"
    if raw in (None, ""):
        return "—"
    if model_field.choices:
        return str(dict(model_field.flatchoices).get(raw, raw))
    if isinstance(raw, bool):
        return gettext("Yes") if raw else gettext("No")
    value = model_field.to_python(raw)
    return str(formats.localize(value)) if not isinstance(value, str) else value
