"""A service decided on the spot (promised time limit 0 working days) says so on every page of
applying that states the promise: the start page, the apply-by-post page, the confirmation and
the counter or postal receipt; never "within 0 working days". The emails state no time limit
(the acceptance date only), so none says "0 working days" either."""

import re

import pytest
from django.core import mail
from django.template.loader import render_to_string
from django.utils import translation

from services.applications.receipts import receipt_context
from services.catalogue.models import Service
from tests.applications import fill_all, start, submit
from tests.makers import make_submitted

pytestmark = pytest.mark.django_db


@pytest.fixture
def on_the_spot(service):
    Service.objects.filter(pk=service.pk).update(promised_limit_days=0, offers_post=True)
    service.refresh_from_db()
    return service


def text(html):
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def says_no_zero_days(body):
    assert not re.search(r"\b0 working days?\b", body)
    assert "0个工作日" not in body


def test_the_start_page_says_the_decision_is_made_on_the_spot(client, on_the_spot):
    body = text(client.get(f"/en/services/{on_the_spot.slug}/apply/").content.decode())
    assert "The decision is made on the spot, the day your application is accepted." in body
    says_no_zero_days(body)


def test_the_chinese_start_page_says_dang_chang(client, on_the_spot):
    body = text(client.get(f"/zh-hans/services/{on_the_spot.slug}/apply/").content.decode())
    assert "受理当日当场作出决定。" in body
    says_no_zero_days(body)


def test_the_apply_by_post_page_says_on_the_spot(client, on_the_spot):
    body = text(client.get(f"/en/services/{on_the_spot.slug}/apply-by-post/").content.decode())
    assert "The department decides on the spot, the day it accepts your application." in body
    says_no_zero_days(body)


def test_the_confirmation_and_email_never_say_zero_working_days(client, on_the_spot):
    app = start(client, on_the_spot)
    fill_all(client, app)
    submit(client, app)
    app.refresh_from_db()
    body = text(client.get(f"/en/applications/{app.reference}/submitted/").content.decode())
    assert "Once accepted, the decision is made on the spot, the same day." in body
    says_no_zero_days(body)
    assert mail.outbox
    for message in mail.outbox:
        says_no_zero_days(message.body)


@pytest.mark.parametrize(
    "language, expected", [("en", "On the spot, the day of acceptance"), ("zh-hans", "受理当日当场办结")]
)
def test_the_receipt_says_on_the_spot_before_acceptance(on_the_spot, language, expected):
    app = make_submitted(on_the_spot)
    assert app.decision_due is None
    with translation.override(language):
        body = text(render_to_string("applications/receipt.html", receipt_context(app)))
    assert expected in body
    says_no_zero_days(body)


def test_a_service_with_days_still_promises_its_days(client, service):
    body = text(client.get(f"/en/services/{service.slug}/apply/").content.decode())
    assert "A decision is promised within 7 working days of acceptance." in body
