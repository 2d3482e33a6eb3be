"""Two officers acting on the same application at the same moment: exactly one succeeds, the
other gets a clear message, and nothing is half-written. Real concurrent requests, each on its
own database connection, on PostgreSQL (row locks); SQLite serialises writers anyway."""

import threading

import pytest
from django.db import connection
from django.test import Client

from services.applications.models import Application, ApplicationEvent, Status
from tests.makers import make_department, make_service, make_staff, make_submitted
from tests.test_databases import postgres  # noqa: F401  (fixture: run on PostgreSQL, skip or fail elsewhere)

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def _post_together(requests):
    """Send each (user, url, data) at once from its own thread; return the responses."""
    barrier = threading.Barrier(len(requests))
    results = [None] * len(requests)

    def send(i, user, url, data):
        try:
            client = Client(headers={"accept-language": "en"})
            client.force_login(user)
            barrier.wait(timeout=10)
            results[i] = client.post(url, data, follow=True)
        finally:
            connection.close()

    threads = [threading.Thread(target=send, args=(i, *r)) for i, r in enumerate(requests)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    return results


@pytest.mark.parametrize("second_action", ["accept", "refuse"])
def test_two_officers_at_once_only_one_succeeds(postgres, second_action):  # noqa: F811
    psb = make_department(slug="psb")
    service = make_service(slug="permit", department=psb)
    first, second = make_staff("a", "Case officer", psb), make_staff("b", "Case officer", psb)
    for _round in range(5):
        app = make_submitted(service)
        base = f"/admin/applications/application/{app.pk}/act/"
        data = {"note": "reason given", "version": app.version}
        responses = _post_together([(first, base + "accept/", data), (second, base + second_action + "/", data)])
        app.refresh_from_db()
        events = ApplicationEvent.objects.filter(application=app).exclude(to_status=Status.SUBMITTED)
        assert events.count() == 1, "exactly one of the two changes is recorded"
        assert app.status in (Status.ACCEPTED, Status.NOT_ACCEPTED)
        assert app.version == 2
        bodies = [r.content.decode() for r in responses]
        assert sum("Someone else changed this application" in b or "is not possible" in b for b in bodies) == 1
    assert Application.objects.count() == 5
