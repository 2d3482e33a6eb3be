"""The daily roll-up (services.insights.rollup): a day's DailyFigure rows against a hand-counted
March (tests/insights/figures_world.py), re-runs, the command and the task."""

import datetime
import io

import pytest
from django.core.management import CommandError, call_command
from django.db.models import Sum
from django.utils import timezone

from services.insights import rollup, tasks
from services.insights.models import DailyFigure
from services.lib.cache import current_version
from tests.insights.figures_world import EXPECTED, at, make_march, march

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


def stored(day=None):
    rows = DailyFigure.objects.select_related("service").order_by("day", "service__slug", "channel")
    if day is not None:
        rows = rows.filter(day=day)
    return {
        (row.day.day, row.service.slug, row.channel): {
            name: getattr(row, name) for name in rollup.COUNTED if getattr(row, name)
        }
        for row in rows
    }


def test_each_day_of_march_rolls_up_to_the_hand_counted_rows(world):
    make_march(world)
    rollup.roll_up_days(march(1), march(31))
    assert stored() == EXPECTED


def test_a_day_without_applications_writes_no_rows(world):
    make_march(world)
    assert rollup.roll_up(march(7)) == 0
    assert not DailyFigure.objects.exists()


def test_each_row_belongs_to_the_services_department(world):
    make_march(world)
    rollup.roll_up(march(5))
    departments = dict(DailyFigure.objects.values_list("service__slug", "department__slug"))
    assert departments == {"permit": "psb", "marriage": "civil"}


def test_an_application_counts_on_its_day_in_shanghai_not_in_utc(world):
    make_march(world)
    rollup.roll_up(march(4))
    rollup.roll_up(march(5))
    # E at 23:30 on the 4th (15:30 UTC) and F at 00:10 on the 5th (16:10 UTC on the 4th).
    assert stored(march(4))[4, "permit", "online"]["submitted"] == 4
    assert stored(march(5))[5, "permit", "online"]["submitted"] == 1


def test_the_paused_days_are_taken_out_and_the_pause_does_not_make_the_decision_late(world):
    apps = make_march(world)
    b = apps["B"]
    assert b.decision_due == march(25)  # the lifecycle moved it from the 18th by 5 working days
    rollup.roll_up(march(25))
    row = DailyFigure.objects.get(day=march(25))
    assert (row.decided, row.decided_on_time, row.decision_working_days) == (1, 1, 10)


def test_a_refusal_to_accept_is_not_counted_as_a_decision(world):
    make_march(world)
    rollup.roll_up(march(5))
    assert DailyFigure.objects.filter(day=march(5)).aggregate(n=Sum("decided"))["n"] == 0


def test_running_the_roll_up_again_gives_the_same_rows(world):
    make_march(world)
    first = rollup.roll_up(march(4)), stored(march(4))
    second = rollup.roll_up(march(4)), stored(march(4))
    assert first == second == (2, {k: v for k, v in EXPECTED.items() if k[0] == 4})
    assert DailyFigure.objects.filter(day=march(4)).count() == 2


def test_a_re_run_replaces_the_days_rows_with_what_the_data_says_now(world):
    apps = make_march(world)
    rollup.roll_up(march(6))
    apps["G"].delete()  # the only application of the 6th
    rollup.roll_up(march(6))
    assert not DailyFigure.objects.filter(day=march(6)).exists()


def test_a_re_run_leaves_the_other_days_alone(world):
    make_march(world)
    rollup.roll_up_days(march(4), march(6))
    rollup.roll_up(march(5))
    assert set(stored()) == {k for k in EXPECTED if k[0] in (4, 5, 6)}


def test_a_roll_up_renews_the_performance_pages(world, django_capture_on_commit_callbacks):
    before = current_version("insights")
    with django_capture_on_commit_callbacks(execute=True):
        rollup.roll_up(march(4))
    assert current_version("insights") > before


def test_the_roll_up_stamps_when_it_was_computed(world):
    make_march(world)
    when = at(26, 1)
    rollup.roll_up(march(4), now=when)
    assert set(DailyFigure.objects.values_list("computed_at", flat=True)) == {when}


def test_the_command_rolls_up_one_day(world):
    make_march(world)
    out = io.StringIO()
    call_command("rollup_figures", "--day", "2024-03-04", stdout=out)
    assert stored() == {k: v for k, v in EXPECTED.items() if k[0] == 4}
    assert "2024-03-04: 2 rows" in out.getvalue()


def test_the_command_rolls_up_a_range_of_days(world):
    make_march(world)
    call_command("rollup_figures", "--from", "2024-03-01", "--to", "2024-03-31", stdout=io.StringIO())
    assert stored() == EXPECTED


def test_the_command_by_default_rolls_up_yesterday_and_today(world, monkeypatch):
    make_march(world)
    monkeypatch.setattr(timezone, "now", lambda: at(5, 12))
    out = io.StringIO()
    call_command("rollup_figures", stdout=out)
    assert set(DailyFigure.objects.values_list("day", flat=True)) == {march(4), march(5)}
    assert "2024-03-05: 2 rows (today: provisional)" in out.getvalue()


@pytest.mark.parametrize(
    "args, message",
    [
        (["--day", "2024-02-30"], "--day: 2024-02-30 is not a date"),
        (["--day", "yesterday"], "--day: yesterday is not a date"),
        (["--from", "2024-03-01"], "--from and --to go together"),
        (["--from", "2024-03-31", "--to", "2024-03-01"], "--from 2024-03-31 is after --to 2024-03-01"),
        (["--day", "2024-03-01", "--from", "2024-03-01", "--to", "2024-03-02"], "either --day or --from/--to"),
        (["--from", "2023-01-01", "--to", "2024-03-01"], "at most 366 days at once"),
    ],
)
def test_the_command_refuses_bad_dates_with_a_clear_message(db, args, message):
    with pytest.raises(CommandError, match=message):
        call_command("rollup_figures", *args, stdout=io.StringIO())


def test_the_task_rolls_up_the_days_it_is_given(world):
    make_march(world)
    tasks.roll_up_figures.call(first="2024-03-04", last="2024-03-06")
    assert set(stored()) == {k for k in EXPECTED if k[0] in (4, 5, 6)}


def test_the_task_by_default_rolls_up_yesterday_and_today(world, monkeypatch):
    make_march(world)
    monkeypatch.setattr(timezone, "now", lambda: at(6, 12))
    assert tasks.roll_up_figures.call() == {"2024-03-05": 2, "2024-03-06": 1}


def test_the_command_can_queue_the_roll_up_for_a_worker(world, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    make_march(world)
    out = io.StringIO()
    call_command("rollup_figures", "--day", "2024-03-04", "--enqueue", stdout=out)
    assert "queued" in out.getvalue()
    assert DailyFigure.objects.filter(day=datetime.date(2024, 3, 4)).count() == 2
