"""A hand-counted fortnight of applications for the statistics tests (STATS, issue 13 point 3).

PSB's residence permit (`world`, promised in 10 working days), March 2024: no public holiday in
the month (Qingming is 4-6 April), so the working days are Monday to Friday. Every application
goes through the lifecycle with a clock. What each day should count is worked out by hand in
EXPECTED below; the tests compare the roll-up and the figures with it.

    Mon 4  Tue 5  Wed 6  Thu 7  Fri 8  | Mon 11 ... Fri 15 | Mon 18 ... Fri 22 | Mon 25
"""

import datetime

from django.utils import timezone

from services.applications.lifecycle import act
from services.applications.models import Application
from services.insights.models import Rating


def at(day, hour=10, minute=0):
    """`day` (a day of March 2024) at hour:minute, Shanghai time."""
    return timezone.make_aware(datetime.datetime(2024, 3, day, hour, minute))


def submit(service, day, hour=10, minute=0, channel="online"):
    app = Application.objects.create(
        service=service, department=service.department, channel=channel, applicant_name="Li Na", language="en"
    )
    return act(app, "submit", None, now=at(day, hour, minute))


def decide(app, officer, day, step="approve"):
    app = act(app, "start_review", officer, now=at(day, 9))
    return act(app, step, officer, now=at(day, 11), note="Reason." if step == "reject" else "")


def rate(app, score, when):
    return Rating.objects.create(
        application=app, service=app.service, department=app.department, score=score, created_at=when
    )


def make_march(world):
    """The applications; returns them by letter."""
    permit, officer = world["permit"], world["officer"]
    apps = {}
    # A: online, accepted on the 5th, approved on Friday the 8th: 3 working days (6, 7, 8), due
    # on the 19th (10 working days after the 5th): on time. Completed (handed over) on the 11th.
    a = act(submit(permit, 4), "accept", officer, now=at(5))
    a = decide(a, officer, 8)
    apps["A"] = act(a, "complete", officer, now=at(11))
    # B: at the counter, accepted on the 4th (due the 18th), waiting for the applicant from the
    # 6th to the 13th (5 working days: 7, 8, 11, 12, 13 - the due date moves to the 25th), rejected
    # on the 25th: on time; 15 working days from the 4th to the 25th less the 5 paused = 10.
    b = act(submit(permit, 4, channel="counter"), "accept", officer, now=at(4, 15))
    b = act(b, "request_info", officer, now=at(6), items=["Photo"])
    b = act(b, "answer_info", None, now=at(13), answer="Here")
    apps["B"] = decide(b, officer, 25, "reject")
    # C: online, accepted on the 5th (due the 19th), approved on Friday the 22nd: late, 13
    # working days (6-8, 11-15, 18-22).
    c = act(submit(permit, 4), "accept", officer, now=at(5))
    apps["C"] = decide(c, officer, 22)
    # D: online, not accepted on the 5th: a refusal at intake, not a decision.
    apps["D"] = act(submit(permit, 4), "refuse", officer, now=at(5), note="Incomplete.")
    # E and F: submitted late on the 4th and just after midnight on the 5th, Shanghai time.
    apps["E"] = submit(permit, 4, 23, 30)
    apps["F"] = submit(permit, 5, 0, 10)
    # G: by post on the 6th. Nothing at all happens on the 7th (a day without applications).
    apps["G"] = submit(permit, 6, channel="post")
    # Civil Affairs: one online marriage registration on the 5th.
    apps["M"] = submit(world["marriage"], 5)
    # Ratings: A gives 5 on the 11th, B gives 2 on the 25th.
    rate(apps["A"], 5, at(11, 16))
    rate(apps["B"], 2, at(25, 16))
    return apps


def march(day):
    return datetime.date(2024, 3, day)


# (day, service slug, channel) -> the columns that are not zero.
EXPECTED = {
    (4, "permit", "online"): {"submitted": 4},  # A, C, D, E
    (4, "permit", "counter"): {"submitted": 1},  # B
    (5, "permit", "online"): {"submitted": 1},  # F
    (5, "marriage", "online"): {"submitted": 1},  # M
    (6, "permit", "post"): {"submitted": 1},  # G
    (8, "permit", "online"): {
        "decided": 1,
        "decided_on_time": 1,
        "decision_working_days": 3,
        "promised_working_days": 10,
    },
    (11, "permit", "online"): {"completed": 1, "ratings": 1, "ratings_good": 1, "rating_score_sum": 5},
    (22, "permit", "online"): {"decided": 1, "decision_working_days": 13, "promised_working_days": 10},
    (25, "permit", "counter"): {
        "decided": 1,
        "decided_on_time": 1,
        "decision_working_days": 10,
        "promised_working_days": 10,
        "ratings": 1,
        "rating_score_sum": 2,
    },
}
