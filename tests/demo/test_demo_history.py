"""The demo city's history (services/demo/history.py): months of applications on every channel,
decisions on time and late, pauses, ratings good and bad and their follow-ups, made through the
lifecycle, the rating rule and the follow-up steps with a clock, then rolled up day by day.

The history is loaded once for the module, at a fixed present (NOW), so what it holds does not
depend on the day the tests run; each test's changes are rolled back (demo_city)."""

import datetime
from collections import Counter
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.db.models import Sum
from django.test import override_settings
from django.utils import timezone

from services.applications.models import Application, ApplicationEvent, InfoRequest, Status
from services.applications.workdays import Calendar
from services.catalogue.models import Channel, District, Service
from services.demo import history
from services.demo.history import MARKER, Planner, load_demo_history, plan
from services.insights import followups
from services.insights.models import DailyFigure, FollowUp, Rating
from services.lib import sms
from services.lib.validators import validate_resident_id
from tests.conftest import isolated_settings

NOW = datetime.datetime(2026, 11, 20, 15, 30, tzinfo=ZoneInfo("Asia/Shanghai"))
TODAY = NOW.date()
DAYS = 60  # the default is 100: 60 days hold every part of the story and load in half the time
SAMPLE_DAY = datetime.date(2026, 10, 20)  # a Tuesday in the window, after National Day


@pytest.fixture(scope="module")
def loaded(demo_city, django_db_blocker):
    with django_db_blocker.unblock(), override_settings(**isolated_settings(demo_city)):
        return load_demo_history(DAYS, now=NOW)


@pytest.fixture
def apps(loaded, db):
    return Application.objects.filter(contact_email__startswith=MARKER)


def _planner():
    officers, clerk = history._staff()
    districts = list(District.objects.values_list("slug", flat=True))
    return Planner(history._services(officers, clerk), history.people(districts), Calendar(), DAYS)


def test_the_history_starts_the_window_before_now_and_nothing_happens_after_now(loaded, apps):
    first = TODAY - datetime.timedelta(days=DAYS)
    submitted = sorted(apps.values_list("submitted_at", flat=True))
    assert timezone.localdate(submitted[0]) <= first + datetime.timedelta(days=1)
    assert submitted[-1] < NOW
    assert not ApplicationEvent.objects.filter(application__in=apps, at__gte=NOW).exists()
    assert not Rating.objects.filter(application__in=apps, created_at__gte=NOW).exists()
    assert loaded["applications"] == apps.count() > 800


def test_every_channel_has_applications_and_online_is_the_largest(apps):
    counts = Counter(apps.values_list("channel", flat=True))
    assert counts[Channel.ONLINE] > counts[Channel.COUNTER] > counts[Channel.POST] > 0
    assert counts[Channel.ONLINE] > 0.6 * sum(counts.values())


def test_the_popular_services_are_demo_services_with_an_online_form_and_lead_the_counts(apps):
    online = set(Service.objects.filter(offers_online=True, form_pages__isnull=False).values_list("slug", flat=True))
    assert set(history.DATA["popular"]) <= online
    busiest = Counter(apps.values_list("service__slug", flat=True)).most_common(5)
    assert {slug for slug, _n in busiest} <= set(history.DATA["popular"])


def test_the_applicants_are_the_same_on_every_run_with_valid_identity_numbers_and_both_languages():
    persons = history.people(["jiangxin", "pujiang"])
    assert persons == history.people(["jiangxin", "pujiang"])
    for person in persons:
        validate_resident_id(person.id_number)
        assert person.contact_email.startswith(MARKER)
    assert len({person.contact_email for person in persons}) == len(persons)
    assert {person.language for person in persons} == {"zh-hans", "en"}


def test_counter_and_postal_applications_are_registered_by_the_clerk_at_their_centre(apps):
    registered = apps.exclude(channel=Channel.ONLINE)
    assert registered.exists()
    assert not registered.filter(registered_by__isnull=True).exists()
    assert not registered.filter(centre__isnull=True).exists()
    assert not apps.filter(channel=Channel.POST, received_on__isnull=True).exists()


def test_weekends_and_national_day_have_fewer_applications_and_no_counter(loaded, db):
    planner = _planner()
    tuesday, saturday, national_day = (
        datetime.date(2026, 10, 20),
        datetime.date(2026, 10, 17),
        datetime.date(2026, 10, 2),
    )
    working, weekend, holiday = (planner.arrivals(day, 0.5) for day in (tuesday, saturday, national_day))
    assert sum(holiday.values()) < sum(weekend.values()) < sum(working.values())
    assert weekend["counter"] == holiday["counter"] == holiday["post"] == 0
    submitted = Counter(
        timezone.localdate(when)
        for when in Application.objects.filter(contact_email__startswith=MARKER).values_list("submitted_at", flat=True)
    )
    assert submitted[national_day] < submitted[tuesday]


def test_a_day_gets_the_same_applications_whenever_it_is_planned(loaded, db):
    day = datetime.date(2026, 10, 20)
    first = [(s.service.slug, s.channel, s.person.handle, s.steps) for s in _planner().plan_day(day, 0.3)]
    again = [(s.service.slug, s.channel, s.person.handle, s.steps) for s in _planner().plan_day(day, 0.3)]
    assert first == again and first


def test_the_default_window_covers_at_least_90_days_before_today(loaded, db):
    stories = plan(_planner(), TODAY - datetime.timedelta(days=100), TODAY)
    assert (TODAY - min(story.day for story in stories)).days >= 90
    assert {story.channel for story in stories} == {"online", "counter", "post"}


def test_some_decisions_are_late_and_the_late_department_most_often(apps):
    late, decided = Counter(), Counter()
    for slug, decided_at, due in apps.filter(decided_at__isnull=False).values_list(
        "department__slug", "decided_at", "decision_due"
    ):
        decided[slug] += 1
        late[slug] += timezone.localdate(decided_at) > due
    assert sum(late.values()) > 0
    share = {slug: late[slug] / decided[slug] for slug in decided}
    worst = history.DATA["late_department"]
    assert share[worst] > 0.15
    assert share[worst] == max(share.values())
    others = sum(late[s] for s in decided if s != worst) / sum(decided[s] for s in decided if s != worst)
    assert others < 0.1


def test_pauses_were_asked_and_answered_and_moved_the_decision(apps):
    answered = InfoRequest.objects.filter(application__in=apps, answered_at__isnull=False)
    assert answered.count() > 10
    for request in answered.select_related("application"):
        app = request.application
        assert request.requested_at < request.answered_at
        if app.decided_at:
            assert request.answered_at < app.decided_at
    statuses = Counter(apps.values_list("status", flat=True))
    for status in (Status.COMPLETED, Status.REJECTED, Status.NOT_ACCEPTED, Status.WITHDRAWN, Status.IN_REVIEW):
        assert statuses[status] > 0, status


def test_every_status_change_is_a_lifecycle_event_in_time_order(apps):
    events = {}
    for app_id, at, to in ApplicationEvent.objects.filter(
        application__in=apps, kind=ApplicationEvent.Kind.STATUS
    ).values_list("application_id", "at", "to_status"):
        events.setdefault(app_id, []).append((at, to))
    for app in apps.only("pk", "status", "submitted_at", "created_at"):
        steps = events[app.pk]
        assert steps == sorted(steps), app.pk
        assert steps[0] == (app.submitted_at, Status.SUBMITTED)
        assert steps[-1][1] == app.status
        assert app.created_at < app.submitted_at


def test_satisfaction_is_around_95_percent_with_a_few_bad_ratings(apps):
    scores = Counter(Rating.objects.filter(application__in=apps).values_list("score", flat=True))
    rated = sum(scores.values())
    good = (scores[4] + scores[5]) / rated
    assert rated > 200
    assert 0.93 <= good <= 0.99
    assert scores[1] + scores[2] >= 4
    sources = set(Rating.objects.filter(application__in=apps).values_list("source", flat=True))
    assert sources == {Rating.Source.ONLINE, Rating.Source.LINK, Rating.Source.COUNTER}


def test_every_bad_rating_has_a_follow_up_in_every_state_and_some_are_overdue(apps):
    bad = Rating.objects.filter(application__in=apps, score__lte=2)
    follow = FollowUp.objects.filter(rating__in=bad)
    assert follow.count() == bad.count()
    assert set(follow.values_list("status", flat=True)) == set(FollowUp.Status.values)
    assert followups.overdue(TODAY, queryset=follow).exists()
    texts = history.DATA["follow_up_texts"]
    for closed in follow.filter(closed_at__isnull=False).select_related("rating__application"):
        app = closed.rating.application
        assert closed.rating.created_at < closed.contacted_at < closed.closed_at < NOW
        # The outcome the citizen reads fits how their case ended, in their language.
        ended = "completed" if app.status == Status.COMPLETED else "refused"
        assert closed.outcome in texts[closed.status][ended]["en" if app.language == "en" else "zh"]


def test_the_figures_equal_a_hand_count_on_a_sample_day(loaded, db):
    def on_day(value):
        return value is not None and timezone.localdate(value) == SAMPLE_DAY

    submitted, decided, on_time, completed = Counter(), Counter(), Counter(), Counter()
    for app in Application.objects.all():
        submitted[app.channel] += on_day(app.submitted_at)
        if on_day(app.decided_at):
            decided[app.channel] += 1
            on_time[app.channel] += app.decision_due >= SAMPLE_DAY
        completed[app.channel] += app.status == Status.COMPLETED and on_day(app.closed_at)
    rated, good, total = Counter(), Counter(), Counter()
    for rating in Rating.objects.select_related("application"):
        if on_day(rating.created_at):
            channel = rating.application.channel
            rated[channel] += 1
            good[channel] += rating.score >= 4
            total[channel] += rating.score
    figures = {
        row["channel"]: row
        for row in DailyFigure.objects.filter(day=SAMPLE_DAY)
        .values("channel")
        .annotate(
            s=Sum("submitted"),
            d=Sum("decided"),
            t=Sum("decided_on_time"),
            c=Sum("completed"),
            r=Sum("ratings"),
            g=Sum("ratings_good"),
            sum=Sum("rating_score_sum"),
        )
    }
    assert set(figures) == {"online", "counter", "post"}
    for channel, row in figures.items():
        assert (row["s"], row["d"], row["t"], row["c"]) == (
            submitted[channel],
            decided[channel],
            on_time[channel],
            completed[channel],
        ), channel
        assert (row["r"], row["g"], row["sum"]) == (rated[channel], good[channel], total[channel]), channel
    assert sum(submitted.values()) > 10 and sum(decided.values()) > 0 and sum(rated.values()) > 0


def test_every_day_of_the_window_is_rolled_up(loaded, db):
    days = set(DailyFigure.objects.filter(day__lte=TODAY).values_list("day", flat=True))
    first = TODAY - datetime.timedelta(days=DAYS)
    assert {first + datetime.timedelta(days=n) for n in range(DAYS + 1)} <= days


def test_loading_again_at_the_same_moment_adds_nothing(loaded, db):
    def state():
        figures = DailyFigure.objects.order_by("day", "service_id", "channel").values_list(
            "day", "service_id", "channel", "submitted", "decided", "decided_on_time", "completed", "ratings"
        )
        return (
            Application.objects.count(),
            ApplicationEvent.objects.count(),
            Rating.objects.count(),
            list(FollowUp.objects.values_list("pk", "status", "version")),
            list(figures),
        )

    before = state()
    again = load_demo_history(DAYS, now=NOW)
    assert (again["created"], again["advanced"]) == (0, 0)
    assert state() == before


def test_a_later_load_plays_on_what_has_happened_since_without_messages(loaded, db):
    count = Application.objects.filter(contact_email__startswith=MARKER).count()
    later = load_demo_history(DAYS, now=NOW + datetime.timedelta(days=3))
    apps = Application.objects.filter(contact_email__startswith=MARKER)
    assert later["created"] > 0 and later["advanced"] > 0
    assert apps.count() == count + later["created"]
    assert apps.values("contact_email", "submitted_at").distinct().count() == apps.count()
    assert ApplicationEvent.objects.filter(application__in=apps, at__gte=NOW).exists()
    # The history is in the past: its steps' emails and text messages are not sent.
    assert mail.outbox == [] and sms.outbox == []


def test_no_history_is_made_or_moved_on_when_the_setting_is_0(apps):
    count = apps.count()
    assert load_demo_history(0, now=NOW + datetime.timedelta(days=3))["created"] == 0
    assert apps.count() == count
