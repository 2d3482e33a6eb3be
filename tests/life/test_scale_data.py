"""`manage.py make_life_scale_data`: synthetic directory entries for the benchmark (bench/bench_life.py)."""

import pytest
from django.core.management import CommandError, call_command

from services.catalogue.models import District
from services.lib.cache import current_version
from services.life.models import AREA_MODELS, Area, CarePlace, Entry, Hospital, Hours, Resource, Venue

pytestmark = pytest.mark.django_db


@pytest.fixture
def districts():
    return [District.objects.create(slug=f"d{n}", name_zh=f"第{n}区", name_en=f"District {n}") for n in range(3)]


def make(entries, **kw):
    call_command("make_life_scale_data", entries=entries, verbosity=0, **kw)


def test_it_creates_the_entries_of_every_area_with_their_own_rows(districts):
    make(40)
    for area, model in AREA_MODELS.items():
        assert Entry.objects.filter(area=area, slug__startswith="scale-").count() == 40
        assert model.objects.count() == 40  # a child row for every entry, pointing at it
    hospital = Hospital.objects.order_by("pk").first()
    assert hospital.area == Area.HEALTH and hospital.grade and hospital.name_zh and hospital.name_en
    assert hospital.consult_url or hospital.consult_phone
    assert Hospital.specialties.through.objects.count() >= 40
    assert not Resource.objects.filter(subject__isnull=True).exists()
    assert Resource.objects.filter(district__isnull=True).count() == 40  # online resources
    for model in (Hospital, CarePlace, Venue):
        assert not model.objects.filter(district__isnull=True).exists()
        assert Hours.objects.filter(entry__area=model.objects.first().area).count() >= 40
    assert not Hours.objects.filter(entry__area=Area.EDUCATION).exists()
    assert Entry.objects.published().count() > 0.9 * 160
    nursing = CarePlace.objects.filter(kind=CarePlace.Kind.NURSING_HOME)
    assert nursing.exists() and all(p.free_beds <= p.beds for p in nursing)


def test_the_entries_are_spread_over_kinds_stages_and_districts(districts):
    make(200)
    assert set(CarePlace.objects.values_list("kind", flat=True)) == set(CarePlace.Kind.values)
    assert set(Venue.objects.values_list("kind", flat=True)) == set(Venue.Kind.values)
    assert set(Resource.objects.values_list("stage", flat=True)) == set(Resource.Stage.values)
    assert set(Resource.objects.values_list("format", flat=True)) == set(Resource.Format.values)
    assert set(Hospital.objects.values_list("district__slug", flat=True)) == {d.slug for d in districts}
    assert Hours.objects.filter(opens="00:00", closes="00:00").exists()  # some 24-hour services
    assert Entry.objects.stale().exists()  # some not updated for 90 days


def test_running_it_again_adds_only_what_is_missing(districts):
    make(10)
    make(10)
    assert (
        Entry.objects.count() == 40
        and Hours.objects.count() == Hours.objects.values("entry", "weekday", "opens").distinct().count()
    )
    make(15)
    assert Entry.objects.count() == 60
    for model in AREA_MODELS.values():
        assert model.objects.count() == 15


def test_it_writes_in_batches_not_row_by_row(districts, django_assert_max_num_queries):
    # Row by row would be at least 2 statements an entry (2,400); batches are a few per 1,000 rows.
    with django_assert_max_num_queries(150):
        make(300)
    assert Entry.objects.count() == 1200


def test_one_area_only(districts):
    make(5, areas="health,culture")
    assert Hospital.objects.count() == 5 and Venue.objects.count() == 5
    assert not Resource.objects.exists() and not CarePlace.objects.exists()


def test_the_life_pages_are_renewed(districts):
    before = current_version("life")
    make(3)
    assert current_version("life") > before


@pytest.mark.parametrize(("kw", "message"), [({"entries": -1}, "zero or more"), ({"areas": "sport"}, "Unknown area")])
def test_bad_arguments_are_refused_with_a_message(districts, kw, message):
    kw.setdefault("entries", 1)
    with pytest.raises(CommandError, match=message):
        call_command("make_life_scale_data", verbosity=0, **kw)
    assert not Entry.objects.exists()


def test_it_needs_districts_first():
    with pytest.raises(CommandError, match="load_demo"):
        make(1)


def test_open_now_reads_each_entrys_own_hours_rows_not_a_whole_day(districts):
    """At scale, "open now" must look up each entry's rows by its id (life_hours_entry_day_idx):
    through the weekday index instead, SQLite without statistics scanned the whole day's rows for
    every entry (157 s for 5,000 hospitals)."""
    import datetime

    from django.db import connection
    from django.utils import timezone

    from services.life import hours

    if connection.vendor != "sqlite":
        pytest.skip("the query plan checked is SQLite's")
    make(5, areas="health")
    qs = hours.open_at(Hospital.objects.published(), timezone.now() - datetime.timedelta(hours=1))
    sql, params = qs.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN QUERY PLAN " + sql, params)
        plan = " ".join(str(row[-1]) for row in cursor.fetchall())
    assert "life_hours_entry_day_idx" in plan, plan
