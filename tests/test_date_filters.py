"""The fixed-format date filters (services/lib/templatetags/dates.py) match Django's `date` filter."""

import datetime

from django.template import Context, Template
from django.utils import timezone

MOMENT = datetime.datetime(2026, 11, 28, 17, 30, 5, tzinfo=datetime.UTC)  # 01:30 on the 29th in Shanghai


def render(source, **context):
    return Template("{% load dates %}" + source).render(Context(context))


def test_filters_give_the_same_text_as_the_date_filter_in_local_time():
    assert render("{{ t|day }}", t=MOMENT) == "2026-11-29" == render('{{ t|date:"Y-m-d" }}', t=MOMENT)
    assert render("{{ t|minute }}", t=MOMENT) == "2026-11-29 01:30" == render('{{ t|date:"Y-m-d H:i" }}', t=MOMENT)
    assert render("{{ t|iso }}", t=MOMENT) == render("{{ t|date:'c' }}", t=MOMENT) == "2026-11-29T01:30:05+08:00"


def test_dates_and_missing_values():
    assert render("{{ d|day }}", d=datetime.date(2027, 2, 5)) == "2027-02-05"
    assert render("[{{ d|day }}{{ d|minute }}{{ d|iso }}]", d=None) == "[]"
    assert timezone.get_current_timezone_name() == "Asia/Shanghai"


def test_anything_that_is_not_a_date_shows_as_nothing():
    assert render("[{{ v|day }}{{ v|minute }}{{ v|iso }}]", v="2026-11-28") == "[]"
    assert render("[{{ v|day }}]", v=5) == "[]"
