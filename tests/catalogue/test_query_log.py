"""What citizens could not find (issue 12, point 11): searches counted per day with their number
of results, personal data removed before storing, written in batches off the page's path."""

import time

import pytest

from services.catalogue import querylog
from services.catalogue.models import SearchQueryDay

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _empty_log():
    querylog.forget()
    yield
    querylog.forget()


def stored():
    return {(row.language, row.query): (row.searches, row.results) for row in SearchQueryDay.objects.all()}


@pytest.mark.parametrize(
    "typed, kept",
    [
        ("身份证 11010519491231002X 补办", "身份证 补办"),
        ("身份证11010519491231002x丢了", "身份证 丢了"),
        ("110105491231002 户口", "户口"),  # the old 15-digit ID number
        ("13812345678 社保卡", "社保卡"),
        ("138-1234-5678 社保卡", "社保卡"),
        ("+86 138 1234 5678 社保卡", "社保卡"),
        ("021-23010110 公积金", "公积金"),
        ("(021) 2301 0110 公积金", "公积金"),
        ("拨打23010110", "拨打"),
        ("zhang.san+tax@example.com tax refund", "tax refund"),
        ("张三@qq.com 退税", "退税"),
        ("6222 0212 3456 7890 123 pension", "pension"),
        ("6222-0212-3456-7890 pension", "pension"),
        ("passport E12345678", "passport"),
        ("application 2026031500123", "application"),
        ("12345 hotline", "12345 hotline"),  # the hotline and short numbers stay
        ("2026年个税", "2026年个税"),
        ("96119", "96119"),
        ("一三八一二三四五六七八 社保卡", "社保卡"),  # a mobile number in Chinese numerals
        ("幺三八 一二三四 五六七八 社保卡", "社保卡"),
        ("电话138一二三四五六七八", "电话"),  # digits and numerals mixed
        ("身份证号一一〇一〇五一九四九", "身份证号"),
        ("二〇二六年个税", "二〇二六年个税"),  # a year, a short run: kept
        ("一二三四五", "一二三四五"),
        ("邮箱zhang.san@qq.com 补办", "邮箱 补办"),  # the words before an address stay
        ("护照zhang_san+1@example.com.cn续签", "护照 续签"),
        ("身份证\ufffd补办\ufffd", "身份证 补办"),  # invalid UTF-8 from a scanner, decoded as U+FFFD
    ],
)
def test_personal_data_is_removed_before_storing(typed, kept):
    assert querylog.clean(typed) == kept
    querylog.record(typed, "zh", 3)
    querylog.flush()
    assert stored() == {("zh", kept): (1, 3)}


def test_a_query_that_was_only_a_number_is_not_stored():
    for typed in [
        "13812345678",
        "11010519491231002X",
        "someone@example.com",
        "  ",
        "\x00\x07",
        "一三八一二三四五六七八",
    ]:
        querylog.record(typed, "zh", 0)
    querylog.flush()
    assert stored() == {}


@pytest.mark.parametrize(
    "typed",
    [
        "\ufffd\ufffd",  # ?q=%FF%FE as Django decodes it
        "\ufffd\ufffd\ufffd",  # ?q=%ED%A0%80 (an encoded surrogate)
        '"*" - ()',
        "？！。，",
        "\u200b\ufeff",
    ],
)
def test_a_query_without_a_letter_or_digit_is_not_stored(typed):
    assert querylog.clean(typed) == ""
    querylog.record(typed, "zh", 0)
    querylog.flush()
    assert stored() == {}


def test_a_flood_of_queries_without_words_takes_no_room_from_real_ones():
    for n in range(50):
        querylog.record("\ufffd" * (n + 1), "en", 0)
    assert querylog._pending == {}  # dropped at once, not only when written: MAX_PENDING is for real queries
    querylog.record("pension", "en", 2)
    assert len(querylog._pending) == 1


def test_invalid_utf8_from_a_scanner_gets_a_normal_page_and_is_not_counted(client):
    for url in ["/en/services/?q=%FF%FE", "/en/services/?q=%ED%A0%80", "/zh-hans/services/?q=%C3%28%A0%A1"]:
        assert client.get(url).status_code == 200
    querylog.flush()
    assert stored() == {}


def test_the_report_leaves_out_rows_stored_before_queries_without_words_were_dropped(editor):
    searched(0, "\ufffd\ufffd", 40, 0, language="en")
    searched(0, "开车的本子", 5, 0)
    response = editor.get(REPORT)
    week, month = response.context["periods"]
    assert [r["query"] for r in week["rows"]] == [r["query"] for r in month["rows"]] == ["开车的本子"]
    assert "\ufffd" not in response.content.decode()


def test_queries_are_normalised_and_counted_per_day_and_language():
    querylog.record("Driving  Licence", "en", 4)
    querylog.record("driving licence", "en", 4)
    querylog.record("ＤＲＩＶＩＮＧ licence\t", "en", 5)
    querylog.record("驾照", "zh-hans", 0)
    querylog.flush()
    assert stored() == {("en", "driving licence"): (3, 5), ("zh", "驾照"): (1, 0)}
    querylog.record("驾照", "zh", 0)
    querylog.record("驾照", "zh", 2)
    querylog.flush()
    # One upsert: the count goes on from the stored one, the results are the last seen.
    assert stored() == {("en", "driving licence"): (3, 5), ("zh", "驾照"): (3, 2)}


def test_a_long_or_hostile_query_is_cut_to_the_column():
    querylog.record("驾" * 10_000 + '"* NEAR\x00', "zh", 0)
    querylog.flush()
    (query,) = SearchQueryDay.objects.values_list("query", flat=True)
    assert query == "驾" * 100


def test_nothing_is_written_until_the_batch_is_due(settings, django_assert_num_queries):
    settings.SEARCH_LOG_FLUSH_QUERIES = 1000
    settings.SEARCH_LOG_FLUSH_SECONDS = 3600
    with django_assert_num_queries(0):
        for n in range(200):
            querylog.record(f"query {n % 7}", "en", n)
    assert stored() == {}
    querylog.flush()
    assert len(stored()) == 7


def test_a_full_batch_is_written_in_the_background(settings):
    settings.SEARCH_LOG_FLUSH_QUERIES = 5
    written = []
    querylog._writer[:] = [lambda batch: written.append(batch)]
    try:
        for _ in range(5):
            querylog.record("pension", "en", 1)
        for _ in range(100):
            if written:
                break
            time.sleep(0.01)
    finally:
        querylog._writer.clear()
    assert written and sum(n for n, _results in written[0].values()) == 5


def test_recording_costs_a_few_microseconds(settings):
    settings.SEARCH_LOG_FLUSH_QUERIES = 10**9
    settings.SEARCH_LOG_FLUSH_SECONDS = 10**9
    queries = [f"身份证 补办 {n % 500}" for n in range(20_000)]
    started = time.perf_counter()
    for query in queries:
        querylog.record(query, "zh", 1)
    per_call = (time.perf_counter() - started) / len(queries) * 1e6
    assert per_call < 50, f"{per_call:.1f} µs per record()"


def test_a_cached_page_counts_with_the_results_last_seen_in_this_process():
    querylog.record("passport", "en", 6)
    querylog.flush()
    querylog.record("passport", "en")  # a page served from this process's cache
    querylog.record("never rendered here", "en")  # results unknown: counted only if already stored
    querylog.flush()
    assert stored() == {("en", "passport"): (2, 6)}


def test_the_log_never_breaks_the_search(monkeypatch):
    def broken(batch):
        raise RuntimeError("database is down")

    monkeypatch.setattr(querylog, "_write", broken)
    querylog.record("pension", "en", 1)
    querylog.flush()  # logged, not raised
    querylog.record(None, "en", 1)
    querylog.record(12345, None, None)


def test_rows_older_than_the_keeping_time_are_removed(settings):
    import datetime

    from django.utils import timezone

    settings.SEARCH_LOG_KEEP_DAYS = 30
    today = timezone.localdate()
    SearchQueryDay.objects.create(day=today - datetime.timedelta(days=31), language="en", query="old", searches=1)
    SearchQueryDay.objects.create(day=today - datetime.timedelta(days=30), language="en", query="kept", searches=1)
    querylog.record("new", "en", 0)
    querylog.flush()
    assert set(SearchQueryDay.objects.values_list("query", flat=True)) == {"kept", "new"}


def test_the_search_page_counts_each_search_including_pages_served_from_the_cache(
    client, django_assert_max_num_queries
):
    from tests.makers import make_service

    make_service(slug="passport", name_zh="护照", name_en="Passport application")
    assert client.get("/en/services/?q=Passport").status_code == 200
    with django_assert_max_num_queries(0):  # served from the page cache, and counted in memory only
        assert client.get("/en/services/?q=Passport").status_code == 200
    client.get("/en/services/?q=Passport", headers={"HX-Request": "true"})
    shown = client.get("/zh-hans/services/?q=驾照 13812345678").context["page"].paginator.count
    client.get("/en/services/?q=Passport&page=2")  # the same search, read further: not another
    client.get("/en/services/")  # no query: nothing to count
    assert stored() == {}
    querylog.flush()
    assert stored() == {("en", "passport"): (3, 1), ("zh", "驾照"): (1, shown)}


# The report for editors: what citizens could not find.

REPORT = "/admin/catalogue/searchqueryday/"


def searched(days_ago, query, searches, results, language="zh"):
    import datetime

    from django.utils import timezone

    day = timezone.localdate() - datetime.timedelta(days=days_ago)
    return SearchQueryDay.objects.create(day=day, language=language, query=query, searches=searches, results=results)


@pytest.fixture
def editor(client):
    from tests.makers import make_staff

    client.force_login(make_staff("report-editor", "Content editor", None))
    return client


def test_the_report_lists_the_most_searched_empty_queries_of_7_and_30_days(editor, django_assert_max_num_queries):
    searched(0, "开车的本子", 5, 0)
    searched(3, "开车的本子", 4, 0)
    searched(10, "开车的本子", 20, 0)  # 30 days only
    searched(1, "open a bakery", 7, 0, language="en")
    searched(2, "护照", 90, 12)  # found something: not listed
    searched(40, "很久以前", 99, 0)  # older than 30 days
    searched(5, "老人卡", 30, 0)
    searched(1, "老人卡", 2, 3)  # a synonym added since: it finds results now
    with django_assert_max_num_queries(14):
        response = editor.get(REPORT, headers={"accept-language": "en"})
    assert response.status_code == 200
    week, month = response.context["periods"]
    assert [(r["query"], r["searches"]) for r in week["rows"]] == [("开车的本子", 9), ("open a bakery", 7)]
    assert [(r["query"], r["searches"]) for r in month["rows"]] == [("开车的本子", 29), ("open a bakery", 7)]
    assert week["fixed"] == month["fixed"] == 1
    assert week["totals"] == {"searches": 9 + 7 + 90 + 30 + 2, "empty": 9 + 7 + 30}
    page = response.content.decode()
    assert "/admin/catalogue/synonym/add/?phrase=%E5%BC%80%E8%BD%A6%E7%9A%84%E6%9C%AC%E5%AD%90&amp;language=zh" in page
    assert "/en/services/?q=open+a+bakery" in page
    assert "很久以前" not in page and "护照" not in page


def test_the_report_shows_at_most_50_rows_and_filters_by_language(editor):
    for n in range(60):
        searched(0, f"query {n:02}", 100 - n, 0, language="en")
    searched(0, "中文查询", 1, 0)
    response = editor.get(REPORT + "?language=en")
    week, _month = response.context["periods"]
    assert len(week["rows"]) == 50 and week["rows"][0]["query"] == "query 00"
    assert all(row["language"] == "en" for row in week["rows"])
    assert editor.get(REPORT + "?language=<script>").status_code == 200  # ignored


def test_the_report_is_for_editors_and_department_admins_only(client):
    from tests.makers import make_department, make_staff

    psb = make_department(slug="psb")
    client.force_login(make_staff("report-officer", "Case officer", psb))
    assert client.get(REPORT).status_code == 403
    client.force_login(make_staff("report-admin", "Department admin", psb))
    response = client.get(REPORT)
    assert response.status_code == 200 and not response.context["may_add"]
    assert client.get("/admin/catalogue/searchqueryday/add/").status_code == 403


def test_an_editor_removes_a_query_with_personal_data_from_the_counts(editor):
    searched(0, "张三丰 身份证", 1, 0)
    searched(3, "张三丰 身份证", 1, 0)
    searched(0, "驾照", 1, 0)
    assert editor.get(REPORT + "forget/").status_code == 405
    response = editor.post(REPORT + "forget/", {"language": "zh", "query": "张三丰 身份证"})
    assert response.status_code == 302
    assert list(SearchQueryDay.objects.values_list("query", flat=True)) == ["驾照"]
    assert editor.post(REPORT + "forget/", {"language": "zh", "query": "张三丰 身份证"}).status_code == 302
