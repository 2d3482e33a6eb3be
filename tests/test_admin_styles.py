"""Every admin page carries the portal's staff styles (static/css/staff.css), which give the
filter links a 24px target and underline breadcrumb links (WCAG 2.5.8 and 1.4.1); the browser
test (tests/e2e/test_staff_flow.py) checks the result with axe on the queue."""

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "url",
    [
        "/admin/",
        "/admin/applications/application/",
        "/admin/applications/formpage/",
        "/admin/applications/calendarday/",
        "/admin/catalogue/service/",
    ],
)
def test_every_admin_page_loads_the_staff_styles(admin_client, url):
    body = admin_client.get(url).content.decode()
    assert body.count("css/staff.css") == 1, url
