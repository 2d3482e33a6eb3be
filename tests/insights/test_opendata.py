"""Open data (issue 13 point 4): every dataset's CSV and JSON follow its one schema and agree with
each other, only published records, spreadsheet formulas defused, the figures' day filter with
clear messages, downloads streamed in chunks with a bounded number of queries and an ETag per
data version, and the page that describes every field."""

import csv
import datetime
import io
import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from services.catalogue.models import Channel
from services.insights import opendata
from services.insights.models import DailyFigure
from services.lib.cache import bump_version
from services.life.models import HolidayHours
from tests.life.conftest import add_hours, make_care_place, make_hospital, make_resource, make_venue
from tests.makers import make_centre, make_event, make_faq, make_material, make_service

pytestmark = pytest.mark.django_db

DATASETS = list(opendata.DATASETS)


def url(slug, fmt, query=""):
    return f"/open-data/v1/{slug}.{fmt}" + (f"?{query}" if query else "")


def body(response):
    return b"".join(response.streaming_content).decode("utf-8")


def read_csv(response):
    text = body(response)
    assert text.startswith("\ufeff"), "no byte-order mark"
    return list(csv.reader(io.StringIO(text[1:], newline="")))


def read_json(response):
    return json.loads(body(response))


def figure(service, day, channel=Channel.ONLINE, **kw):
    return DailyFigure.objects.create(day=day, service=service, department=service.department, channel=channel, **kw)


@pytest.fixture
def world():
    """Two of everything: one published, one not."""
    event = make_event("having-a-baby")
    shown = make_service("birth-registration", events=[event], name_en="Birth registration")
    hidden = make_service("secret-service", published=False)
    for service in (shown, hidden):
        make_material(service, name_en="ID card")
        make_material(service, name_en="Birth certificate", form="copy", accepted_file_types="pdf, jpg")
        make_faq(service)
    centre = make_centre("central", services=[shown, hidden])
    entries = {
        "life-health": make_hospital("web-hospital", services=[shown, hidden], hours=["mon-fri 08:00-17:00"]),
        "life-education": make_resource("maths-videos", life_events=[event]),
        "life-elderly-care": make_care_place("day-care", hours=["daily 00:00-00:00"]),
        "life-culture": make_venue("museum", hours=["tue-sun 09:00-17:00"], holiday_hours=HolidayHours.CLOSED),
    }
    hidden_entries = {
        "life-health": make_hospital("hidden-hospital", published=False),
        "life-education": make_resource("hidden-resource", published=False),
        "life-elderly-care": make_care_place("hidden-care", published=False),
        "life-culture": make_venue("hidden-venue", published=False),
    }
    day = datetime.date(2026, 11, 2)
    figure(shown, day, submitted=5, decided=3, decided_on_time=2, ratings=2, ratings_good=1, rating_score_sum=6)
    figure(shown, day, Channel.COUNTER, submitted=2)
    figure(shown, day + datetime.timedelta(days=1), submitted=4)
    figure(hidden, day, submitted=9)
    return {"shown": shown, "hidden": hidden, "centre": centre, "entries": entries, "hidden_entries": hidden_entries}


@pytest.mark.parametrize("slug", DATASETS)
def test_csv_and_json_follow_the_schema_and_agree(client, world, slug):
    dataset = opendata.DATASETS[slug]
    table = read_csv(client.get(url(slug, "csv")))
    data = read_json(client.get(url(slug, "json")))
    assert table[0] == dataset.names
    assert [f["name"] for f in data["fields"]] == dataset.names
    assert [f["type"] for f in data["fields"]] == [c.type for c in dataset.columns]
    assert data["dataset"] == slug and data["version"] == 1 and data["schema"] == f"haipu-open-data/{slug}"
    assert data["licence"] == "CC BY 4.0" and data["generated_at"]
    assert all(f["meaning_zh"] and f["meaning_en"] and f["meaning_zh"] != f["meaning_en"] for f in data["fields"])
    rows = data["rows"]
    assert rows, "the world has a published row of every dataset"
    assert data["row_count"] == len(rows) == len(table) - 1
    for row, cells in zip(rows, table[1:], strict=True):
        assert list(row) == dataset.names
        assert cells == [opendata.csv_cell(v) for v in row.values()]
    kinds = {"integer": int, "boolean": bool, "list": list}
    for column in dataset.columns:
        for row in rows:
            value = row[column.name]
            if value is not None and column.type in kinds:
                assert isinstance(value, kinds[column.type]), (column.name, value)
            if value is not None and column.type == "code":
                assert value in [code for code, _label in column.codes], (column.name, value)


def test_every_field_is_described_with_an_example(world):
    for dataset in opendata.DATASETS.values():
        assert len(set(dataset.names)) == len(dataset.names), dataset.slug
        for column in dataset.columns:
            assert column.type in opendata.TYPE_NAMES, column.name
            assert str(column.meaning) and column.example, column.name


def test_unpublished_records_are_left_out(client, world):
    seen = {slug: read_json(client.get(url(slug, "json")))["rows"] for slug in DATASETS}
    assert [r["slug"] for r in seen["services"]] == ["birth-registration"]
    for slug in ("guides", "materials", "faqs", "daily-figures"):
        assert {r["service_slug"] for r in seen[slug]} == {"birth-registration"}, slug
    assert [r["services"] for r in seen["centres"]] == [["birth-registration"]]
    assert seen["life-health"][0]["services"] == ["birth-registration"]
    for slug, entry in world["hidden_entries"].items():
        assert entry.slug not in {r["slug"] for r in seen[slug]}
    assert len(seen["daily-figures"]) == 3


def test_values_are_typed_and_related_rows_named(client, world):
    service = read_json(client.get(url("services", "json")))["rows"][0]
    assert service["life_events"] == ["having-a-baby"]
    assert service["online"] is True and service["post"] is False
    assert service["url_en"] == "http://testserver/en/services/birth-registration/" or service["url_en"].endswith(
        "/en/services/birth-registration/"
    )
    assert service["url_zh"].endswith("/zh-hans/services/birth-registration/")
    assert service["updated_at"].endswith("+08:00")
    materials = read_json(client.get(url("materials", "json")))["rows"]
    assert [(m["position"], m["name_en"], m["form"]) for m in materials] == [
        (1, "ID card", "original"),
        (2, "Birth certificate", "copy"),
    ]
    assert materials[1]["accepted_file_types"] == ["pdf", "jpg"]
    centre = read_json(client.get(url("centres", "json")))["rows"][0]
    assert centre["opening_hours"] == "Mo-Fr 09:00-17:00; PH off"
    culture = read_json(client.get(url("life-culture", "json")))["rows"][0]
    assert culture["opening_hours"] == "Tu-Su 09:00-17:00; PH off"
    care = read_json(client.get(url("life-elderly-care", "json")))["rows"][0]
    assert care["opening_hours"] == "Mo-Su 00:00-24:00"
    table = read_csv(client.get(url("materials", "csv")))
    assert table[2][table[0].index("accepted_file_types")] == "pdf; jpg"
    assert table[1][table[0].index("required")] == "true"


def test_opening_hours_in_the_openstreetmap_syntax():
    def rows(*spans):
        return [(d, datetime.time.fromisoformat(a), datetime.time.fromisoformat(b)) for d, a, b in spans]

    week = rows(*[(d, "09:00", "12:00") for d in range(5)], *[(d, "13:00", "17:00") for d in range(5)])
    assert opendata.osm_hours(sorted(week)) == "Mo-Fr 09:00-12:00,13:00-17:00"
    assert opendata.osm_hours(rows((0, "09:00", "17:00"), (1, "09:00", "17:00"), (3, "09:00", "17:00"))) == (
        "Mo,Tu 09:00-17:00; Th 09:00-17:00"
    )
    assert opendata.osm_hours(rows((5, "20:00", "02:00")), "PH off") == "Sa 20:00-02:00; PH off"
    assert opendata.osm_hours([], "PH off") is None


def test_sunday_hours_on_public_holidays(client, world):
    venue = world["entries"]["life-culture"]
    venue.holiday_hours = HolidayHours.SUNDAY
    venue.save()
    add_hours(venue, "sun 18:00-20:00")
    row = read_json(client.get(url("life-culture", "json")))["rows"][0]
    assert row["opening_hours"] == "Tu-Sa 09:00-17:00; Su 09:00-17:00,18:00-20:00; PH 09:00-17:00,18:00-20:00"


def test_a_formula_is_defused_in_csv_and_given_as_it_is_in_json(client, world):
    service = world["shown"]
    service.name_en = '=HYPERLINK("http://evil.example","Click")'
    service.name_zh = "@SUM(A1:A9)"
    service.summary_en = "-2+3"
    service.fee_en = "\tcmd"
    service.save()
    centre = world["centre"]
    centre.phone = "+86 21 6000 1000"
    centre.save()
    table = read_csv(client.get(url("services", "csv")))
    row = dict(zip(table[0], table[1], strict=True))
    assert row["name_en"] == "'" + service.name_en
    assert row["name_zh"] == "'@SUM(A1:A9)"
    assert row["summary_en"] == "'-2+3"
    assert row["fee_en"] == "'\tcmd"
    assert read_json(client.get(url("services", "json")))["rows"][0]["name_en"] == service.name_en
    centres = read_csv(client.get(url("centres", "csv")))
    assert centres[1][centres[0].index("phone")] == "+86 21 6000 1000"  # a phone number stays readable


def test_the_figures_can_be_limited_to_some_days(client, world):
    rows = read_json(client.get(url("daily-figures", "json", "from=2026-11-03")))["rows"]
    assert [(r["day"], r["channel"], r["submitted"]) for r in rows] == [("2026-11-03", "online", 4)]
    rows = read_json(client.get(url("daily-figures", "json", "to=2026-11-02")))["rows"]
    assert [(r["channel"], r["submitted"]) for r in rows] == [("online", 5), ("counter", 2)] or len(rows) == 2
    table = read_csv(client.get(url("daily-figures", "csv", "from=2026-11-02&to=2026-11-02")))
    assert len(table) == 3
    assert read_json(client.get(url("daily-figures", "json", "from=&to=")))["row_count"] == 3


def test_todays_figures_are_marked_provisional(client, world):
    figure(world["shown"], timezone.localdate(), submitted=1)
    rows = read_json(client.get(url("daily-figures", "json")))["rows"]
    assert [r["provisional"] for r in rows] == [False, False, False, True]


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("from=2026-13-01", "from"),
        ("from=30/11/2026", "from"),
        ("to=tomorrow", "to"),
        ("from=2026-11-30&to=2026-11-01", "to"),
        ("from=" + "9" * 1000, "from"),
    ],
)
def test_bad_days_get_a_clear_400_in_the_readers_language(client, world, query, field):
    response = client.get(url("daily-figures", "csv", query), HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    text = response.content.decode()
    assert text.startswith(f"{field}: ") and len(text) < 300
    assert "year-month-day" in text or "first day" in text
    client.cookies["django_language"] = "zh-hans"
    response = client.get(url("daily-figures", "json", query))
    assert response.status_code == 400
    data = response.json()
    assert list(data["errors"]) == [field]
    assert any(word in data["error"] for word in ("年-月-日", "第一天")), data["error"]


def test_other_datasets_and_formats_are_not_found(client, world):
    assert client.get("/open-data/v1/applications.csv").status_code == 404
    assert client.get("/open-data/v1/services.xlsx").status_code == 404
    assert client.get("/open-data/v2/services.csv").status_code == 404
    assert client.post("/open-data/v1/services.csv").status_code == 405
    assert client.head("/open-data/v1/services.csv").status_code == 200


@pytest.mark.parametrize("slug", DATASETS)
def test_queries_do_not_grow_with_the_rows(client, world, slug):
    def queries():
        with CaptureQueriesContext(connection) as ctx:
            body(client.get(url(slug, "json")))
            body(client.get(url(slug, "csv")))
        return len(ctx.captured_queries)

    before = queries()
    department = world["shown"].department
    for n in range(12):
        service = make_service(f"more-{n}", department=department, events=world["shown"].life_events.all())
        make_material(service)
        make_faq(service)
        figure(service, datetime.date(2026, 11, 2))
        world["centre"].services.add(service)
        make_centre(services=[service])
        make_hospital(services=[service], hours=["mon 09:00-12:00"])
        make_resource()
        make_care_place()
        make_venue()
    assert queries() <= before + 4  # the kept facts (count, last change) are read again after the writes


def test_rows_are_read_in_chunks(client, world, monkeypatch):
    """iterator(chunk_size): related rows are prefetched per chunk, so the table is never read whole."""
    for n in range(5):
        make_service(f"more-{n}", department=world["shown"].department)
    body(client.get(url("services", "csv")))  # the facts kept, the URLs reversed
    monkeypatch.setattr(opendata, "CHUNK", 2)
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url("services", "csv"))
        assert response.streaming
        before = len(ctx.captured_queries)
        text = body(response)
    assert text.count("\r\n") == 7
    # the services in 3 chunks of 2, 1 query each for their life events
    assert len(ctx.captured_queries) - before == 4


def test_downloads_are_named_streamed_and_revalidated_by_etag(client, world):
    response = client.get(url("services", "csv"))
    assert response.streaming and response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="services-v1-')
    assert response["Content-Disposition"].endswith('.csv"')
    assert "public" in response["Cache-Control"]
    assert response["Last-Modified"]
    etag = response["ETag"]
    body(response)
    again = client.get(url("services", "csv"), HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304
    assert client.get(url("services", "json"), HTTP_IF_NONE_MATCH=etag).status_code == 200  # its own tag
    service = world["shown"]
    service.name_en = "Birth registration (new)"
    service.save()
    bump_version("catalogue")  # what the save's commit does (the test's transaction never commits)
    changed = client.get(url("services", "csv"), HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200 and changed["ETag"] != etag
    assert "Birth registration (new)" in body(changed)


def test_a_roll_up_gives_the_figures_a_new_etag(client, world):
    etag = client.get(url("daily-figures", "json"))["ETag"]
    assert client.get(url("daily-figures", "json"), HTTP_IF_NONE_MATCH=etag).status_code == 304
    bump_version("insights")  # what each roll-up does when it commits
    assert client.get(url("daily-figures", "json"), HTTP_IF_NONE_MATCH=etag).status_code == 200
    filtered = client.get(url("daily-figures", "json", "from=2026-11-03"))["ETag"]
    assert filtered != client.get(url("daily-figures", "json"))["ETag"]


@pytest.mark.parametrize("lang", ["zh-hans", "en"])
def test_the_page_describes_every_dataset_and_field(client, world, lang, django_assert_max_num_queries):
    with django_assert_max_num_queries(30):
        response = client.get(f"/{lang}/open-data/")
    assert response.status_code == 200
    page = response.content.decode()
    assert page.count("<h1") == 1
    for dataset in opendata.DATASETS.values():
        assert f'id="{dataset.slug}"' in page
        assert f'href="/open-data/v1/{dataset.slug}.csv"' in page
        assert f'href="/open-data/v1/{dataset.slug}.json"' in page
        for column in dataset.columns:
            assert f"<code>{column.name}</code>" in page, column.name
    assert "CC BY 4.0" in page
    if lang == "en":
        assert "Open data" in page and "Last changed" in page
    else:
        assert "开放数据" in page and "最后更新" in page


def test_the_page_counts_only_published_rows(client, world):
    page = client.get("/en/open-data/").content.decode()
    services = page[page.index('id="services"') : page.index('id="guides"')]
    assert "<dt>Rows</dt><dd>1</dd>" in services
    figures = page[page.index('id="daily-figures"') : page.index('id="types"')]
    assert "<dt>Rows</dt><dd>3</dd>" in figures


def test_the_page_form_goes_on_to_the_figures_download(client, world):
    response = client.get("/en/open-data/", {"from": "2026-11-01", "to": "2026-11-30", "format": "json"})
    assert response.status_code == 302
    assert response["Location"] == "/open-data/v1/daily-figures.json?from=2026-11-01&to=2026-11-30"
    response = client.get("/en/open-data/", {"from": "2026-11-01", "to": ""})
    assert response["Location"] == "/open-data/v1/daily-figures.csv?from=2026-11-01"


def test_the_page_form_shows_bad_days_with_what_was_typed(client, world):
    response = client.get("/en/open-data/", {"from": "2026-11-31", "to": "2026-10-01", "format": "csv"})
    assert response.status_code == 400
    page = response.content.decode()
    assert "There is a problem" in page and 'href="#id_from"' in page
    assert "Enter the date as year-month-day" in page
    assert 'type="text" name="from" value="2026-11-31"' in page  # not a date: a text input keeps it
    assert 'type="date" name="to" value="2026-10-01"' in page
    assert "<title>Error:" in page
    response = client.get("/zh-hans/open-data/", {"from": "2026-11-30", "to": "2026-11-01"})
    assert response.status_code == 400
    assert "最后一天" in response.content.decode()


def test_the_footer_links_to_the_open_data_page(client, world):
    for lang in ("zh-hans", "en"):
        assert f'href="/{lang}/open-data/"' in client.get(f"/{lang}/").content.decode()


def test_the_performance_page_links_to_the_daily_figures(client, world):
    for lang in ("zh-hans", "en"):
        page = client.get(f"/{lang}/performance/").content.decode()
        assert f'href="/{lang}/open-data/#daily-figures"' in page
