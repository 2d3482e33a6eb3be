"""The kept page chrome (services/lib/shell.py) on the tracking page: the same page as a fresh render,
per language, display mode and visitor, and never for a signed-in user or a pending message."""

import pytest

from services.applications import lifecycle
from services.lib.shell import forget_shells
from tests.makers import make_department, make_service, make_staff, make_submitted

pytestmark = pytest.mark.django_db


@pytest.fixture
def app():
    service = make_service(
        slug="permit", name_en="Residence permit", name_zh="居住证", department=make_department(slug="psb")
    )
    app = make_submitted(service)
    officer = make_staff("officer", "Case officer", service.department)
    lifecycle.act(app, "accept", officer)
    return app


def track(client, app, language="en"):
    return client.post(f"/{language}/track/", {"reference": app.reference, "tracking_code": app.tracking_code})


def test_a_kept_chrome_gives_the_same_page_as_a_fresh_render(client, app):
    forget_shells()
    fresh = track(client, app).content.decode()
    kept = track(client, app).content.decode()
    assert kept == fresh
    assert fresh.count("<header") == 1 and fresh.count("</html>") == 1
    assert "Residence permit" in fresh and "<title>Track an application – Haipu City Services</title>" in fresh
    assert 'href="/zh-hans/track/"' in fresh  # the language switch points back to this page


def test_each_language_and_display_mode_gets_its_own_chrome(client, app):
    english = track(client, app).content.decode()
    chinese = track(client, app, "zh-hans").content.decode()
    assert '<html lang="en">' in english and '<html lang="zh-hans">' in chinese
    assert "居住证" in chinese and "全部事项" in chinese
    client.cookies["elder"] = "1"
    elder = track(client, app).content.decode()
    assert '<body class="elder"' in elder and '<body class=""' in english


def test_a_signed_in_user_never_gets_the_anonymous_chrome(client, app, django_user_model):
    track(client, app)  # an anonymous lookup keeps the anonymous chrome
    user = django_user_model.objects.create_user("wang", password="pw-123456-long")
    client.force_login(user)
    body = track(client, app).content.decode()
    assert "Sign out" in body and ">Sign in<" not in body


def test_a_pending_message_is_shown_not_hidden_by_the_kept_chrome(client, app, django_user_model):
    client.get("/en/track/")  # keeps the chrome of the empty form page
    user = django_user_model.objects.create_user("wang", password="pw-123456-long")
    client.force_login(user)
    client.post("/en/account/logout/")
    body = client.get("/en/track/").content.decode()
    assert "You have signed out." in body


def test_errors_put_error_in_the_title_and_keep_what_was_typed(client, app):
    response = client.post("/en/track/", {"reference": app.reference, "tracking_code": "WRONG123"})
    body = response.content.decode()
    assert response.status_code == 400
    assert "<title>Error: Track an application – Haipu City Services</title>" in body
    assert f'value="{app.reference}"' in body and 'name="csrfmiddlewaretoken"' in body


def test_the_lookup_takes_the_same_few_queries_however_long_the_history(client, app, django_assert_max_num_queries):
    with django_assert_max_num_queries(3):  # the rate limit, the application, its events
        assert track(client, app).content.decode().count("<li><time") == 2
    officer = make_staff("officer2", "Case officer", app.department)
    app = lifecycle.act(app, "start_review", officer)
    app = lifecycle.act(app, "approve", officer)
    app = lifecycle.act(app, "complete", officer)
    # Decided: its rating too (the form, or the rating given with its follow-up); still no session.
    with django_assert_max_num_queries(4):
        assert track(client, app).content.decode().count("<li><time") == 5
