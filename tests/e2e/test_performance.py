"""The city's performance pages in a real browser (issue 13 point 3): from the footer to the
city page, a department's and a service's, in both languages and in elder mode, with the charts
read as images with their text alternative. Every page passes Tab.check(): one h1, no sideways
scroll at 320px, 0 axe violations at 320px and 1280px, no JavaScript or policy errors.

The figures are DailyFigure rows written for the demo city's services over the last 30 days
(the roll-up's output; tests/insights/test_rollup.py checks how they are computed)."""

import datetime

import pytest
from django.utils import timezone

from services.catalogue.models import Service
from services.insights.models import DailyFigure

pytestmark = pytest.mark.django_db(transaction=True)


def figures_for_the_demo():
    """30 days of figures for the eight most popular demo services, every channel, today's too."""
    today = timezone.localdate()
    services = list(Service.objects.filter(published=True).order_by("-popularity", "pk")[:8])
    rows = []
    for offset in range(30):
        day = today - datetime.timedelta(days=offset)
        for n, service in enumerate(services):
            for c, channel in enumerate(("online", "counter", "post")):
                submitted = (offset * 7 + n * 3 + c * 5) % (12 - c * 3)
                decided = submitted // 2
                rows.append(
                    DailyFigure(
                        day=day,
                        service=service,
                        department_id=service.department_id,
                        channel=channel,
                        submitted=submitted,
                        decided=decided,
                        decided_on_time=decided - (1 if decided > 2 else 0),
                        decision_working_days=decided * (4 + n % 5),
                        promised_working_days=decided * service.promised_limit_days,
                        completed=decided // 2,
                        ratings=decided,
                        ratings_good=decided - decided // 4,
                        rating_score_sum=decided * 4,
                    )
                )
    DailyFigure.objects.bulk_create(rows)
    return services


def test_the_performance_pages_from_the_footer_in_both_languages_and_elder_mode(tab):
    services = figures_for_the_demo()
    page = tab.page
    tab.goto("/en/")
    page.locator("footer").get_by_role("link", name="How the city performs").click()
    tab.wait_for_path(r"/en/performance/$")
    tab.check("performance (en)")
    charts = page.get_by_role("img", name="Applications per day, last 30 days")
    assert charts.count() == 1
    assert "Today's column is provisional." in page.locator("#per-day-desc").text_content()
    assert page.locator("caption", has_text="Applications per day and channel, last 30 days").count() == 1
    assert page.locator("table.numbers").first.locator("tbody tr").count() == 30
    assert "(today, provisional)" in page.locator("table.numbers").first.locator("tbody tr").last.text_content()

    department = services[0].department
    page.get_by_role("link", name=department.name_en, exact=True).first.click()
    tab.wait_for_path(rf"/en/performance/{department.slug}/$")
    tab.check("performance department (en)")
    assert page.get_by_role("img", name="The busiest services, last 30 days").count() == 1

    page.locator("#services-caption ~ tbody a, table a").filter(has_text=services[0].name_en).first.click()
    tab.wait_for_path(rf"/en/performance/service/{services[0].slug}/$")
    tab.check("performance service (en)")
    page.get_by_role("link", name=f"The guide to {services[0].name_en}").click()
    tab.wait_for_path(rf"/en/services/{services[0].slug}/$")
    assert page.get_by_role("link", name="How this service performs").count() == 1

    tab.goto("/zh-hans/performance/")
    tab.check("performance (zh)")
    assert page.get_by_role("heading", level=1).text_content() == "城市服务绩效"
    assert page.get_by_role("img", name="近30天每日申请数").count() == 1
    page.locator("#elder-toggle").click()
    page.wait_for_load_state("load")
    assert page.locator("body.elder").count() == 1
    tab.check("performance elder (zh)")
    fill = page.locator("svg.chart .chart-s0").first.evaluate("e => getComputedStyle(e).fill")
    assert fill == "rgb(0, 50, 94)"  # the elder palette, stronger than the standard one
    tab.goto(f"/zh-hans/performance/{department.slug}/")
    tab.check("performance department elder (zh)")


def test_a_performance_page_without_any_figures_yet(tab):
    tab.goto("/en/performance/")
    tab.check("performance without figures")
    assert tab.page.get_by_text("No applications in the last 30 days.").count() == 1
