"""Fixtures of the ratings tests: the staff world (tests/conftest.py) and applications brought to
a final decision through the lifecycle."""

import datetime

import pytest
from django.utils import timezone

from services.applications import lifecycle
from services.applications.models import Application
from tests.makers import make_submitted


def at(day, hour=10):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def decide(app, officer, outcome="complete", now=None):
    """Take a submitted application to `outcome`: "complete", "reject" or "refuse"."""
    kw = {"now": now} if now else {}
    if outcome == "refuse":
        return lifecycle.act(app, "refuse", officer, note="Not ours.", **kw)
    app = lifecycle.act(app, "accept", officer, **kw)
    app = lifecycle.act(app, "start_review", officer, **kw)
    if outcome == "reject":
        return lifecycle.act(app, "reject", officer, note="Missing papers.", **kw)
    app = lifecycle.act(app, "approve", officer, **kw)
    return lifecycle.act(app, "complete", officer, **kw)


@pytest.fixture
def citizen(django_user_model):
    return django_user_model.objects.create_user(
        "zhang", password="pw-123456-long", email="zhang@example.com", phone="13800138000"
    )


@pytest.fixture
def other(django_user_model):
    return django_user_model.objects.create_user("li", password="pw-123456-long", email="li@example.com")


@pytest.fixture
def completed(world, citizen):
    """Zhang's completed residence permit (an online application with an account)."""
    return decide(make_submitted(world["permit"], owner=citizen), world["officer"])


@pytest.fixture
def guest_completed(world):
    """A guest's completed residence permit (no account)."""
    return decide(make_submitted(world["permit"]), world["officer"])


def counter_case(world, centre, clerk, outcome="complete"):
    """An application registered by `clerk` at `centre` (its counter), taken to `outcome`."""
    from services.catalogue.models import Channel

    service = world["permit"]
    app = Application.objects.create(
        service=service,
        department=service.department,
        channel=Channel.COUNTER,
        centre=centre,
        applicant_name="Wang Fang",
        contact_phone="13900139000",
        language="zh-hans",
    )
    return decide(lifecycle.act(app, "submit", clerk), world["officer"], outcome)


def clerk_at(world, centre):
    clerk = world["clerk"]
    clerk.centre = centre
    clerk.save()
    return clerk


def fresh(app):
    return Application.objects.get(pk=app.pk)
