"""Objects for the provider and editor tests: organisations, entries, provider accounts and
content editors, and the admin change form's values as a browser would send them back."""

import datetime

from django.contrib.auth.models import Group
from django.utils import timezone

from services.accounts.models import User
from services.life.models import CarePlace
from tests.life import conftest as makers

make_organisation = makers.make_organisation


def make_care_place(organisation, slug=None, days_ago=1, **kw):
    """A published nursing home of `organisation` (50 beds, 5 free), last updated `days_ago`
    days ago, open Mondays 08:00-17:00."""
    defaults = dict(
        address_zh="江心路1号",
        address_en="1 Jiangxin Road",
        phone="021-6000 0000",
        kind=CarePlace.Kind.NURSING_HOME,
        beds=50,
        free_beds=5,
        updated_at=timezone.now() - datetime.timedelta(days=days_ago),
    )
    defaults.update(kw)
    return makers.make_care_place(slug, hours=["mon 08:00-17:00"], organisation=organisation, **defaults)


def make_venue(organisation, slug=None, days_ago=1, **kw):
    kw.setdefault("updated_at", timezone.now() - datetime.timedelta(days=days_ago))
    return makers.make_venue(slug, organisation=organisation, **kw)


def make_provider(username, organisation):
    user = User.objects.create_user(
        username, password="pw-123456-long", is_staff=True, organisation=organisation, email=f"{username}@example.cn"
    )
    user.groups.add(Group.objects.get(name="Provider"))
    return user


def make_editor(username="editor"):
    user = User.objects.create_user(username, password="pw-123456-long", is_staff=True, email=f"{username}@example.cn")
    user.groups.add(Group.objects.get(name="Content editor"))
    return user


def _put(data, name, value):
    if value is None:
        return
    if isinstance(value, bool):
        if value:
            data[name] = "on"
    elif isinstance(value, (list, tuple)):
        data[name] = [str(getattr(v, "pk", v)) for v in value]
    else:
        data[name] = str(getattr(value, "pk", value))


def _put_initial(data, bound):
    """The hidden "initial-" input a field with show_hidden_initial renders beside itself."""
    if not bound.field.show_hidden_initial:
        return
    value = bound.initial
    if isinstance(value, (list, tuple)):
        data[bound.html_initial_name] = [str(getattr(v, "pk", v)) for v in value]
    else:
        data[bound.html_initial_name] = "" if value is None else str(getattr(value, "pk", value))


def form_values(response, **changes):
    """What the admin change (or add) page's form would send back unchanged, with `changes`
    (the hidden "initial-" values as shown, too)."""
    data = {}
    for bound in response.context["adminform"].form:
        _put(data, bound.html_name, bound.value())
        _put_initial(data, bound)
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        for bound in formset.management_form:
            _put(data, bound.html_name, bound.value())
        for form in formset.forms:
            for bound in form:
                _put(data, bound.html_name, bound.value())
                _put_initial(data, bound)
    for name, value in changes.items():
        if value is None:
            data.pop(name, None)
        else:
            data[name] = value
    return data


def change_url(entry):
    return f"/admin/life/{entry._meta.model_name}/{entry.pk}/change/"
