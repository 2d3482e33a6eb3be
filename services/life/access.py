"""Who may see and change which digital-life entries: every admin list, form, export, panel and
object lookup of an entry or a change request goes through here.

Content editors (the "Content editor" group: they hold life.change_changerequest, the permission
to decide on providers' changes) and superusers see and change every entry. A provider account
(User.organisation set) sees and changes only its organisation's entries and change requests.
Anyone else sees none. Another organisation's entry is a 404 - never a hint that it exists."""

from django.http import Http404
from django.utils.translation import gettext

from .models import ChangeRequest, Entry


def is_editor(user):
    """Maintains all four areas; their own changes publish at once; decides on providers'."""
    return bool(
        user
        and user.is_authenticated
        and user.is_active
        and user.is_staff
        and (user.is_superuser or user.has_perm("life.change_changerequest"))
    )


def is_provider(user):
    """A provider account: staff of one organisation, not an editor."""
    return bool(
        user and user.is_authenticated and user.is_active and user.is_staff and user.organisation_id
    ) and not is_editor(user)


def entries_for(user, model=Entry):
    """The entries (of `model`: Entry or an area's model) `user` may see and change."""
    qs = model.objects.all()
    if is_editor(user):
        return qs
    if is_provider(user):
        return qs.filter(organisation_id=user.organisation_id)
    return qs.none()


def entry_for(user, pk, model=Entry):
    """One entry `user` may see, by its primary key; 404 for anyone else's or none."""
    if not str(pk).isdigit():
        raise Http404
    entry = entries_for(user, model).filter(pk=int(pk)).first()
    if entry is None:
        raise Http404
    return entry


def change_requests_for(user):
    """Every organisation's requests for editors; a provider's own organisation's; none else."""
    qs = ChangeRequest.objects.all()
    if is_editor(user):
        return qs
    if is_provider(user):
        return qs.filter(entry__organisation_id=user.organisation_id)
    return qs.none()


def change_request_for(user, pk):
    if not str(pk).isdigit():
        raise Http404
    request = change_requests_for(user).select_related("entry", "submitted_by", "decided_by").filter(pk=int(pk)).first()
    if request is None:
        raise Http404
    return request


def may_decide(user):
    """Approve or reject a provider's change: content editors and superusers."""
    return is_editor(user)


def may_withdraw(user, request):
    """The request's organisation's providers, and editors."""
    return is_editor(user) or (is_provider(user) and user.organisation_id == request.entry.organisation_id)


def publishes_at_once(user):
    """Whether every field `user` saves is published at once (editors), or only the routine ones
    (providers: the rest waits for an editor, approvals.propose)."""
    return is_editor(user)


def person_shown(person, organisation_id, viewer):
    """Who submitted, decided or saved something, as `viewer` may read it: the username for
    content editors and for accounts of the entry's own organisation (`organisation_id`); "a
    content editor" for anyone else shown to a provider - editors' usernames are not given to
    outside organisations."""
    if person is None:
        return ""
    if is_editor(viewer) or (person.organisation_id is not None and person.organisation_id == organisation_id):
        return person.get_username()
    return gettext("a content editor")
