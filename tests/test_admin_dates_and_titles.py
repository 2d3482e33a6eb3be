"""The staff pages speak the portal's name and write dates one way in each language (issue 8,
point 11): 2024-01-15 and 2024-01-15 10:30, never "Jan. 15, 2024" or "2024年1月15日" beside
them; and the admin's own markup is fit to read (point 21): an h1 on the sign-in page, a
visible label on the queue's search box, no inline style or script in our admin templates."""

import datetime
import re
from pathlib import Path

import pytest
from django.utils import timezone

from services.applications.models import AccessLog, CalendarDay
from tests.makers import make_submitted

pytestmark = pytest.mark.django_db

ADMIN_TEMPLATES = Path(__file__).resolve().parent.parent / "templates" / "admin"


def get(client, url, lang, **params):
    return client.get(url, params, HTTP_ACCEPT_LANGUAGE=lang).content.decode()


@pytest.mark.parametrize("lang", ["en", "zh-hans"])
def test_stock_admin_lists_write_dates_as_iso_in_both_languages(admin_client, world, lang):
    app = make_submitted(world["permit"])
    entry = AccessLog.objects.create(user=world["officer"], action="view", application=app)
    at = timezone.make_aware(datetime.datetime(2024, 1, 15, 10, 30))
    AccessLog.objects.filter(pk=entry.pk).update(at=at)
    CalendarDay.objects.create(date=datetime.date(2024, 1, 15), kind="holiday", name_en="Test day")

    log = get(admin_client, "/admin/applications/accesslog/", lang)
    assert "2024-01-15 10:30" in log
    days = get(admin_client, "/admin/applications/calendarday/", lang)
    assert "2024-01-15" in days
    for body in (log, days):
        assert "Jan. 15" not in body and "2024年1月15日" not in body and "January 15" not in body


@pytest.mark.parametrize("lang", ["en", "zh-hans"])
def test_date_fields_in_admin_forms_are_iso(admin_client, world, lang):
    day = CalendarDay.objects.create(date=datetime.date(2024, 1, 15), kind="holiday", name_en="Test day")
    body = get(admin_client, f"/admin/applications/calendarday/{day.pk}/change/", lang)
    assert 'value="2024-01-15"' in body


@pytest.mark.parametrize(
    ("lang", "name"),
    [("en", "Haipu City Services"), ("zh-hans", "海浦市一网通办")],
)
def test_the_admin_is_titled_with_the_portals_name_in_its_language(admin_client, lang, name):
    body = get(admin_client, "/admin/", lang)
    assert f'<div id="site-name"><a href="/admin/">{name}</a></div>' in body
    assert re.search(rf"<title>[^<]*\| {re.escape(name)}</title>", body)
    assert "Django" not in body and "City Services Portal" not in body


def test_the_sign_in_page_has_one_h1(client):
    body = get(client, "/admin/login/", "en")
    assert body.count("<h1") == 1 and "<h1>Staff sign-in</h1>" in body
    body = get(client, "/admin/login/", "zh-hans")
    assert "<h1>工作人员登录</h1>" in body


def test_the_queue_search_box_has_a_visible_label(client, world):
    client.force_login(world["officer"])
    body = get(client, "/admin/applications/application/", "en")
    label = re.search(r'<label for="searchbar"[^>]*>(.*?)</label>', body, re.S)
    assert label and "<img" not in label.group(1)
    assert label.group(1).strip() == "Search the queue"
    assert 'aria-describedby="searchbar_helptext"' in body


def test_our_admin_templates_have_no_inline_style_or_script():
    offenders = []
    for path in ADMIN_TEMPLATES.rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        if re.search(r"<style|<script(?![^>]*\bsrc=)|\sstyle=\"|\son[a-z]+=\"", text):
            offenders.append(str(path.relative_to(ADMIN_TEMPLATES)))
    assert not offenders
