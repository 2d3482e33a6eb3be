"""The demo city's history: the last months of applications, decisions, ratings and follow-ups
(content and shares in data/history.yaml), so the performance page has a story to tell.

Every record is made by the rules that make it in real life, each step at its own time on a
clock: applications through `lifecycle.act(..., now=)` (online by the applicant, at the counter
and by post registered by the demo clerk at their centre, processed by the department's case
officer), ratings through `ratings.rate(..., now=)` (a clerk records those given at the
counter), follow-ups through `followups.act(..., now=)`; then the daily roll-up
(`rollup.roll_up(day)`) for every day of the window. Nothing is written to these tables directly
except what those functions leave to the clock-less Django defaults (when an application and
its documents were created, set a few minutes before the submission).

The story: more online than at the counter and by post, the online share growing; fewer
applications on weekends and public holidays (counters and the post room are shut on days off,
so National Day is a dip); one department (`late_department`) often decides after its promised
time; pauses for more information; satisfaction around 95% with a few bad ratings, each followed
up (resolved, not resolved, called back but stalled, never called back: some overdue). The most
recent applications are still in the officers' queues, as they would be.

Deterministic: each day's applications come from a random generator seeded with the date, so
the same calendar day always gets the same applications; steps that would fall after the
present are not taken (the case is still in progress). Idempotent and resumable: an application
made before is the story with the same applicant (contact email demo-history+...), submission
time and service; a later load makes only what is missing and takes the steps that have come
due since (the window keeps its first day), then re-runs the roll-up (safe to re-run). Editing
data/history.yaml or the calendar changes the stories: `flush` and load again. The emails and
text messages the steps would send are not queued: the history is in the past, and thousands of
messages would flood the task worker.
`DEMO_HISTORY_DAYS` (0 = no history; the tests' default) sets the window.
"""

import datetime
import random
import time
import zlib
from collections import Counter
from contextlib import ExitStack
from dataclasses import dataclass, field
from unittest import mock

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from services.applications import access, lifecycle
from services.applications import notifications as application_messages
from services.applications.models import Application, ApplicationEvent, Attachment, Status
from services.applications.workdays import Calendar
from services.catalogue.models import District, Service
from services.insights import followups, ratings, rollup
from services.insights import notifications as follow_up_messages
from services.insights.models import FollowUp, FollowUpEvent, Rating
from services.lib.validators import resident_id_check_char

from .applications import APPLICANT_STEPS, DEMO_PDF, NOTES, DemoCitizen, _attachment, _info_items, _ServiceForm
from .files import read

DATA = read("history.yaml")
MARKER = DATA["marker"]
CHANNELS = ("online", "counter", "post")
POPULAR = {slug: rank for rank, slug in enumerate(DATA["popular"])}
FINAL = {Status.COMPLETED, Status.REJECTED, Status.NOT_ACCEPTED}


def _text(texts, language):
    return texts["en"] if language == "en" else texts["zh"]


# --- The applicants -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Person(DemoCitizen):
    """A history applicant: a guest (no account), with a contact email that marks the history."""

    @property
    def contact_email(self):
        return f"{MARKER}{self.handle}@example.com"


def _id_number(rng):
    born = datetime.date(1945, 1, 1) + datetime.timedelta(days=rng.randrange(60 * 365))
    first17 = f"3101{rng.choice(['01', '04', '05', '06', '07', '09', '10', '12', '13', '15'])}"
    first17 += f"{born:%Y%m%d}{rng.randrange(1, 1000):03d}"
    return first17 + resident_id_check_char(first17)


def people(districts, count=400):
    """The city's applicants, the same on every run."""
    rng = random.Random("demo-history-people")
    data = DATA["people"]
    result = []
    for n in range(count):
        english = rng.random() < data["english_share"]
        name = rng.choice(data["english"]) if english else rng.choice(data["surnames"]) + rng.choice(data["given"])
        phone = rng.choice(["139", "138", "136", "186", "158", "177", "135", "150"]) + f"{rng.randrange(10**8):08d}"
        street = (
            f"{rng.choice(data['streets'])} {rng.randrange(1, 900)} 号 {rng.randrange(1, 30)}0{rng.randrange(1, 5)} 室"
        )
        result.append(
            Person(
                applicant_name=name,
                handle=f"p{n:03d}",
                id_number=_id_number(rng),
                contact_phone=phone,
                language="en" if english else "zh-hans",
                address={"district": rng.choice(districts), "street": street},
            )
        )
    return result


# --- The plan: what happens to each application, and when --------------------------------------


@dataclass
class Story:
    """One application's life: its lifecycle steps [(when, step, params)], its rating
    (when, score, comment, source) and its follow-up's steps [(when, step, note)]."""

    day: datetime.date
    channel: str
    service: Service
    person: Person
    steps: list = field(default_factory=list)
    late: bool = False
    ended: str = ""  # "completed" or "refused" (not accepted or rejected), once rated
    rating: tuple | None = None
    follow_up: list = field(default_factory=list)

    @property
    def submitted(self):
        return self.steps[0][0]


def _at(day, minutes, rng):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time())) + datetime.timedelta(
        minutes=minutes, seconds=rng.randrange(60)
    )


def _after(when, last, rng):
    """`when`, or a few minutes after `last` when it would not be later."""
    return when if last is None or when > last else last + datetime.timedelta(minutes=rng.randrange(3, 40))


def office(day, last, rng):
    """A time in office hours (9:00-17:00) on `day`, after `last`."""
    return _after(_at(day, rng.randrange(9 * 60, 17 * 60), rng), last, rng)


def anytime(day, last, rng):
    """A time a citizen acts online (7:30-23:00) on `day`, after `last`."""
    return _after(_at(day, rng.randrange(7 * 60 + 30, 23 * 60), rng), last, rng)


class Planner:
    """Plans the history's stories from the services each channel may take."""

    def __init__(self, services, persons, calendar, days):
        self.persons, self.calendar, self.days = persons, calendar, days
        self.services = {}
        for channel in CHANNELS:
            # The busiest services first (data/history.yaml `popular`), then a long tail in an
            # order that depends only on the services' slugs.
            chosen = sorted(
                services[channel], key=lambda s: (POPULAR.get(s.slug, len(POPULAR)), zlib.crc32(s.slug.encode()))
            )
            self.services[channel] = (chosen, [1 / (rank + 1) ** 0.8 for rank in range(len(chosen))])

    def day_kind(self, day):
        if self.calendar.is_public_holiday(day):
            return "holiday"
        return "working" if self.calendar.is_working_day(day) else "weekend"

    def arrivals(self, day, progress):
        """{channel: how many applications} on `day`; `progress` 0..1 through the window."""
        rng = random.Random(f"demo-history-volume-{day.isoformat()}")
        volume = DATA["volume"][self.day_kind(day)]
        counts = {}
        for channel in CHANNELS:
            mean = volume[channel] * (1 + DATA["online_growth"] * progress if channel == "online" else 1)
            counts[channel] = round(mean * rng.uniform(1 - DATA["spread"], 1 + DATA["spread"]))
        return counts

    def plan_day(self, day, progress):
        rng = random.Random(f"demo-history-{day.isoformat()}")
        stories = []
        for channel, count in self.arrivals(day, progress).items():
            chosen, weights = self.services[channel]
            if not chosen:
                continue
            for _n in range(count):
                service = rng.choices(chosen, weights)[0]
                stories.append(self.story(day, channel, service, rng.choice(self.persons), rng))
        return stories

    def working(self, day, n):
        """The n-th working day after `day` (n = 0: `day` itself if it is one, else the next)."""
        return self.calendar.add(day, n)

    def story(self, day, channel, service, person, rng):
        story = Story(day, channel, service, person)
        steps = story.steps
        online = channel == "online"
        submitted = anytime(day, None, rng) if online else office(day, None, rng)
        steps.append((submitted, "submit", {}))
        shares = DATA["outcomes"]
        # Online and by post the intake takes a few working days; at the counter it is at once.
        accept_day = self.working(day, 0 if channel == "counter" else rng.choice([0, 1, 1, 1, 2, 2, 3]))
        accepted = office(accept_day, submitted, rng)
        chance = rng.random()
        if chance < shares["refuse"]:
            steps.append((accepted, "refuse", {"note": _text(_notes("refuse"), person.language)}))
            return self.rate(story, Status.NOT_ACCEPTED, accepted, rng)
        steps.append((accepted, "accept", {}))
        review_day = accept_day if channel == "counter" else self.working(accept_day, rng.choice([0, 0, 1]))
        reviewing = office(review_day, accepted, rng)
        steps.append((reviewing, "start_review", {}))
        if chance < shares["refuse"] + shares["withdraw"]:
            when = anytime(review_day + datetime.timedelta(days=rng.randrange(0, 4)), reviewing, rng)
            steps.append((when, "withdraw", {"note": _text(_notes("withdraw_late"), person.language)}))
            return story
        limit = service.promised_limit_days
        late_share = DATA["late_share"] if service.department.slug == DATA["late_department"] else None
        story.late = rng.random() < (late_share if late_share is not None else DATA["late_share_others"])
        taken = limit + rng.randint(1, 6) if story.late else rng.randint(limit // 3, limit)
        decision_day, last = self.working(accept_day, taken), reviewing
        if taken >= 2 and rng.random() < shares["request_info"]:
            ask_day = max(self.working(accept_day, rng.randint(1, taken - 1)), review_day)
            asked = office(ask_day, reviewing, rng)
            steps.append((asked, "request_info", {"items": rng.randint(1, 3)}))
            answered = anytime(ask_day + datetime.timedelta(days=rng.randint(1, 6)), asked, rng)
            steps.append((answered, "answer_info", {}))
            # The clock stopped while the department waited: the decision moves by as many days.
            paused = self.calendar.between(ask_day, timezone.localdate(answered))
            decision_day = max(self.working(accept_day, taken + paused), self.working(timezone.localdate(answered), 1))
            last = answered
        decided = office(max(decision_day, review_day), last, rng)
        if rng.random() < shares["reject"]:
            steps.append((decided, "reject", {"note": _reject_note(service, person.language)}))
            return self.rate(story, Status.REJECTED, decided, rng)
        steps.append((decided, "approve", {"note": _text(_notes("approve"), person.language)}))
        handed = office(self.working(timezone.localdate(decided), rng.choice([0, 0, 1, 1, 2, 3])), decided, rng)
        note = "collected" if channel == "counter" else "issued"
        steps.append((handed, "complete", {"note": _text(_notes(note), person.language)}))
        return self.rate(story, Status.COMPLETED, handed, rng)

    def rate(self, story, final, closed, rng):
        """Some applicants rate the final decision: at the counter the clerk records it at once,
        the others rate online or from the final email's link within a few days."""
        rates = DATA["ratings"]
        if rng.random() >= rates["share"][story.channel]:
            return story
        kind = "refused" if final != Status.COMPLETED else "late" if story.late else "on_time"
        score = rng.choices([1, 2, 3, 4, 5], rates["scores"][kind])[0]
        mood = "bad" if score <= 2 else "neutral" if score == 3 else "good"
        comment = ""
        story.ended = "completed" if final == Status.COMPLETED else "refused"
        if rng.random() < {"bad": 0.9, "neutral": 0.6, "good": 0.3}[mood]:
            texts = DATA["comments"][mood]
            comment = rng.choice(_text(texts[story.ended] if mood == "bad" else texts, story.person.language))
        if story.channel == "counter":
            when, source = closed + datetime.timedelta(minutes=rng.randrange(2, 15)), Rating.Source.COUNTER
        else:
            day = timezone.localdate(closed) + datetime.timedelta(days=rng.randrange(0, 5))
            when = anytime(day, closed, rng)
            source = rng.choice([Rating.Source.ONLINE, Rating.Source.LINK])
        story.rating = (when, score, comment, source)
        return story

    def follow_up(self, story, fate, rng):
        """The department's steps on a bad rating, by its fate (data/history.yaml `follow_ups`)."""
        if fate == "ignored":
            return
        rated = story.rating[0]
        day = timezone.localdate(rated)
        # Mostly called back within the working day allowed; now and then a day or two late.
        contact_day = self.working(day, rng.choice([0, 1, 1, 1, 1, 1, 1, 1, 2, 3]))
        contacted = office(contact_day, rated, rng)
        story.follow_up.append((contacted, "contact", rng.choice(DATA["follow_up_texts"]["contact"])))
        if fate == "stalled":
            return
        closed = office(self.working(contact_day, rng.randint(1, 12)), contacted, rng)
        note = rng.choice(_text(DATA["follow_up_texts"][fate][story.ended], story.person.language))
        story.follow_up.append((closed, "resolve" if fate == "resolved" else "not_resolved", note))


def _notes(key):
    note = NOTES[key]
    return {"zh": note["note_zh"], "en": note["note_en"]}


def _reject_note(service, language):
    """The refusal names the first condition of the service's eligibility (as the caseload's)."""
    zh = (service.eligibility_zh.splitlines() or ["本事项的申请条件"])[0].strip().rstrip("。；;.")
    en = (service.eligibility_en.splitlines() or ["the conditions of this service"])[0].strip().rstrip(".;")
    note = _notes("reject")
    return note["en"].format(condition_en=en) if language == "en" else note["zh"].format(condition_zh=zh)


def plan(planner, first, today):
    """Every story from `first` to `today`, in the order they were submitted, with the fates of
    the bad ratings given in turn (oldest first)."""
    stories = []
    day = first
    while day <= today:
        # The online growth runs over the window's length from the first day (not up to today),
        # so a day's applications are the same whenever the history is loaded.
        stories += planner.plan_day(day, (day - first).days / max(planner.days, 1))
        day += datetime.timedelta(days=1)
    stories.sort(key=lambda story: story.submitted)
    fates = DATA["follow_ups"]
    bad = sorted((s for s in stories if s.rating and s.rating[1] <= 2), key=lambda s: s.rating[0])
    for n, story in enumerate(bad):
        planner.follow_up(story, fates[n % len(fates)], random.Random(f"demo-history-follow-up-{n}"))
    return stories


# --- Making it ----------------------------------------------------------------------------------


@dataclass
class Done:
    """How far an existing history application has got: its status changes, whether it has a
    rating, and its follow-up's steps (after the opening)."""

    pk: int
    steps: int
    rated: bool
    follow_up: int


def _done():
    """{(contact email, submitted at, service id): Done} of the history made before, in four
    queries."""
    apps = Application.objects.filter(contact_email__startswith=MARKER, submitted_at__isnull=False)
    steps = Counter(
        ApplicationEvent.objects.filter(
            application__contact_email__startswith=MARKER, kind=ApplicationEvent.Kind.STATUS
        ).values_list("application_id", flat=True)
    )
    rated = set(Rating.objects.filter(application__in=apps).values_list("application_id", flat=True))
    follow_up = Counter(
        FollowUpEvent.objects.filter(follow_up__rating__application__in=apps)
        .exclude(from_status="")
        .values_list("follow_up__rating__application_id", flat=True)
    )
    return {
        (email, submitted, service_id): Done(pk, steps[pk], pk in rated, follow_up[pk])
        for pk, email, submitted, service_id in apps.values_list("pk", "contact_email", "submitted_at", "service_id")
    }


class _Maker:
    """Plays the stories through the lifecycle, the rating rule and the follow-up steps, up to
    the present; a story made before goes on from where it stopped."""

    def __init__(self, officers, clerk, now, done):
        self.officers, self.clerk, self.now, self.done = officers, clerk, now, done
        self.forms = {}
        self.attachments, self.made = [], []
        self.created = self.advanced = 0

    def form(self, service):
        if service.pk not in self.forms:
            self.forms[service.pk] = _ServiceForm(service)
        return self.forms[service.pk]

    def play(self, story):
        if story.submitted >= self.now:
            return
        done = self.done.get((story.person.contact_email, story.submitted, story.service.pk))
        if done is None:
            app, files = self.create(story), []
            self.created += 1
            done = Done(app.pk, 0, False, 0)
        else:
            if not self._due(story, done):
                return
            app, files = Application.objects.select_related("service", "department").get(pk=done.pk), []
            self.advanced += 1
        officer = self.officers[story.service.department_id]
        for when, action, params in story.steps[done.steps :]:
            if when >= self.now:
                break
            app = self.step(app, when, action, dict(params), officer, files)
        self.attachments += files
        if story.rating and app.status in FINAL and story.rating[0] < self.now:
            rating = Rating.objects.filter(application=app).first() if done.rated else self.rate(app, story)
            self.follow_up(rating, story.follow_up[done.follow_up :], officer)

    def _due(self, story, done):
        """Whether a story made before has steps that have come due since."""
        due = [when for when, *_rest in story.steps[done.steps :]]
        if story.rating and not done.rated:
            due.append(story.rating[0])
        due += [when for when, *_rest in story.follow_up[done.follow_up :]]
        return any(when < self.now for when in due)

    def create(self, story):
        form, person, registered = self.form(story.service), story.person, story.channel != "online"
        app = Application(
            service=story.service,
            department=story.service.department,
            channel=story.channel,
            language=person.language,
            applicant_name=person.applicant_name,
            contact_email=person.contact_email,
            contact_phone=person.contact_phone,
            answers=form.answers_of(person),
            form_version=form.version,
            centre=self.clerk.centre if registered else None,
            registered_by=self.clerk if registered else None,
            applicant_id_number=person.id_number if registered else "",
        )
        app.save()
        # Online the applicant uploads the documents; at the counter or by post the clerk scans them.
        files = form.documents(app, self.clerk if registered else None)
        for attachment in files:
            attachment.uploaded = story.submitted - datetime.timedelta(minutes=5)
        self.attachments += files
        self.made.append((app, story.submitted))
        return app

    def step(self, app, when, action, params, officer, files):
        actor = None if action in APPLICANT_STEPS else officer
        if action == "submit" and app.channel != "online":
            actor = self.clerk  # registered at the clerk's centre; a letter counts from its arrival
            if app.channel == "post":
                app.received_on = timezone.localdate(when)
                app.save(update_fields=["received_on"])
        if action == "request_info":
            params["items"] = _info_items(self.form(app.service).materials, params["items"], app.language)
            params["note"] = _text(_notes("request"), app.language)
        if action == "answer_info":
            request = app.info_requests.get(answered_at__isnull=True)
            for n, _item in enumerate(request.items, start=1):
                file = _attachment(app, request.file_key(n), None, None, "pdf", DEMO_PDF, f"item-{n}.pdf")
                file.uploaded = when
                files.append(file)
            params["answer"] = _text(_notes("answer"), app.language)
        return lifecycle.act(app, action, actor, now=when, **params)

    def rate(self, app, story):
        when, score, comment, source = story.rating
        actor = self.clerk if source == Rating.Source.COUNTER else None
        return ratings.rate(app, score, comment, actor=actor, source=source, now=when)

    def follow_up(self, rating, steps, officer):
        if not steps or rating is None:
            return
        follow_up = FollowUp.objects.get(rating=rating)
        for when, step, note in steps:
            if when >= self.now:
                break
            follow_up = followups.act(follow_up, step, officer, note=note, now=when)

    def date_records(self):
        """What Django dates itself (auto_now_add): each application started a few minutes
        before it was submitted, each document handed in before submitting or with the answer."""
        Attachment.objects.bulk_create(self.attachments, batch_size=500)
        for attachment in self.attachments:
            attachment.created_at = attachment.uploaded
        Attachment.objects.bulk_update(self.attachments, ["created_at"], batch_size=500)
        for app, submitted in self.made:
            app.created_at = submitted - datetime.timedelta(minutes=12)
        Application.objects.bulk_update([app for app, _submitted in self.made], ["created_at"], batch_size=500)
        self.attachments, self.made = [], []


def _quietly():
    """The steps' emails and text messages are not queued (see the module's docstring)."""
    stack = ExitStack()
    stack.enter_context(mock.patch.object(application_messages, "queue_event_email", lambda *args: None))
    stack.enter_context(mock.patch.object(follow_up_messages, "queue_outcome_message", lambda *args: None))
    return stack


def _staff():
    """{department id: its case officer}, and the demo clerk who registers counter and postal
    applications at their centre."""
    User = get_user_model()
    officers = {}
    for user in User.objects.filter(username__startswith="officer-", is_active=True, is_staff=True).order_by("pk"):
        if user.department_id and access.processes_applications(user):
            officers.setdefault(user.department_id, user)
    clerk = (
        User.objects.filter(groups__name="Counter clerk", is_active=True, is_staff=True, centre__isnull=False)
        .select_related("centre")
        .order_by("pk")
        .first()
    )
    return officers, clerk


def _services(officers, clerk):
    """{channel: services}: those with an online form whose department has a case officer; at
    the counter and by post only those the clerk's centre registers for that channel."""
    online = list(
        Service.objects.filter(offers_online=True, form_pages__isnull=False, department_id__in=officers)
        .select_related("department")
        .distinct()
        .order_by("code")
    )
    result = {"online": online, "counter": [], "post": []}
    if clerk is not None:
        for channel in ("counter", "post"):
            registrable = set(access.registrable_services(clerk.centre, channel).values_list("pk", flat=True))
            result[channel] = [s for s in online if s.pk in registrable]
    return result


def first_day(days, today):
    """The history's first day: the day the history made before starts on, or `days` before
    today. Each day's applications depend only on the day and on this, so a later load plays
    the same stories further."""
    earliest = (
        Application.objects.filter(contact_email__startswith=MARKER, submitted_at__isnull=False)
        .order_by("submitted_at")
        .values_list("submitted_at", flat=True)
        .first()
    )
    return timezone.localdate(earliest) if earliest else today - datetime.timedelta(days=days)


def load_demo_history(days=None, stdout=None, now=None):
    """Make the demo history of the last `days` days (default DEMO_HISTORY_DAYS) up to `now`
    (default: the present) - on a later load, what has happened since - then roll up the
    figures of every day from its first. Returns counts."""
    days = settings.DEMO_HISTORY_DAYS if days is None else days
    counts = Counter()
    if days <= 0:
        return {"created": 0, "advanced": 0, "applications": 0}
    started = time.monotonic()
    now = now or timezone.now()
    today = timezone.localdate(now)
    first = first_day(days, today)
    officers, clerk = _staff()
    if officers:
        calendar = Calendar()
        calendar.preload(first, today + datetime.timedelta(days=60))
        districts = list(District.objects.order_by("slug").values_list("slug", flat=True)) or ["jiangxin"]
        planner = Planner(_services(officers, clerk), people(districts), calendar, days)
        maker = _Maker(officers, clerk, now - datetime.timedelta(minutes=1), _done())
        stories = plan(planner, first, today)
        # A transaction per hundred stories: Django's on-commit list, which the steps add to,
        # stays short (the page cache scans it on every write). A load stopped half-way goes on
        # from where it stopped the next time.
        with _quietly():
            for start in range(0, len(stories), 100):
                with transaction.atomic():
                    for story in stories[start : start + 100]:
                        maker.play(story)
                    maker.date_records()
        counts.update(created=maker.created, advanced=maker.advanced)
    made_in = time.monotonic() - started
    rollup.roll_up_days(first, today, now=now)
    counts["seconds"] = round(time.monotonic() - started, 1)
    counts["rollup_seconds"] = round(counts["seconds"] - made_in, 1)
    counts.update(summary(today))
    counts["first"], counts["days"] = first, (today - first).days + 1
    if stdout is not None:
        stdout.write(report(counts))
    return dict(counts)


def report(counts):
    """The loader's line about the history."""
    if not counts.get("applications"):
        return "  history: none (DEMO_HISTORY_DAYS=0)"
    return (
        f"  history of {counts['days']} days since {counts['first']}: {counts['applications']} applications "
        f"({counts['online']} online, {counts['counter']} at the counter, {counts['post']} by post; "
        f"{counts['late']} decided late), {counts['ratings']} ratings ({counts['satisfaction']}% good), "
        f"{counts['follow_ups']} follow-ups ({counts['overdue']} overdue); {counts['created']} created and "
        f"{counts['advanced']} moved on now in {counts['seconds']}s, of which the roll-up {counts['rollup_seconds']}s"
    )


def summary(today=None):
    """The history's figures, for the loader's report and the tests."""
    apps = Application.objects.filter(contact_email__startswith=MARKER)
    result = Counter(apps.values_list("channel", flat=True))
    result["applications"] = apps.count()
    result["late"] = sum(
        timezone.localdate(decided) > due
        for decided, due in apps.filter(decided_at__isnull=False).values_list("decided_at", "decision_due")
    )
    rated = Rating.objects.filter(application__in=apps)
    result["ratings"] = rated.count()
    good = rated.filter(score__gte=4).count()
    result["satisfaction"] = round(100 * good / result["ratings"], 1) if result["ratings"] else 0
    follow = FollowUp.objects.filter(rating__application__in=apps)
    result["follow_ups"] = follow.count()
    result["overdue"] = followups.overdue(today, queryset=follow).count()
    result.update(f"follow_up_{status}" for status in follow.values_list("status", flat=True))
    return result
