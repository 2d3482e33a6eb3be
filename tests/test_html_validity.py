"""Every page type is valid HTML by the Nu HTML checker (vnu, the W3C validator's engine).

The pages are rendered with the Django test client from the demo city - both languages, elder
mode, signed in and out, the apply flow, tracking, the account pages and the error pages - written
to files, and checked in one run of the checker (its JVM is slow to start). The checker is the
`vnu-jar` npm package, pinned, installed into .venv/vnu by `make vnu` (which `make test` runs);
VNU_JAR points elsewhere. Without Java or the jar the test is skipped with the reason (a failure
under CI=true: tests/conftest.py skip_or_fail)."""

import io
import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from django.core.management import call_command
from django.test import Client, override_settings

from services.applications.models import Application, Status
from services.catalogue.models import Department, LifeEvent, Service
from services.offline.models import ServiceCentre
from tests.conftest import skip_or_fail

ROOT = Path(__file__).resolve().parent.parent
VNU_JAR = Path(os.environ.get("VNU_JAR", ROOT / ".venv/vnu/node_modules/vnu-jar/build/dist/vnu.jar"))

pytestmark = pytest.mark.django_db


def vnu_command():
    java = shutil.which("java")
    if java is None:
        skip_or_fail("Java not installed: the Nu HTML checker needs it (apt-get install default-jre-headless)")
    if not VNU_JAR.exists():
        skip_or_fail(f"Nu HTML checker not installed at {VNU_JAR}: run `make vnu`")
    return [java, "-Xss4m", "-jar", str(VNU_JAR), "--errors-only", "--format", "json", "--exit-zero-always"]


def citizen_client():
    from services.accounts.models import User

    client = Client()
    client.force_login(User.objects.get(email="citizen@example.com"))
    return client


def pages(tmp_path):
    """(name, response) for every page type, each asserted to be the page meant (its status)."""
    guest, citizen = Client(), citizen_client()
    service = Service.objects.published().filter(offers_online=True, form_pages__isnull=False).first()
    department = Department.objects.first()
    event = LifeEvent.objects.first()
    centre = ServiceCentre.objects.first()
    mine = Application.objects.filter(owner__email="citizen@example.com")
    draft = mine.filter(status=Status.DRAFT).first()
    submitted = mine.filter(status=Status.SUBMITTED).first()
    elder = Client()
    elder.cookies["elder"] = "1"
    apply = f"/en/apply/{draft.public_id}"
    wanted = [
        ("home-zh", guest, "/zh-hans/", 200),
        ("home-en", guest, "/en/", 200),
        ("home-business", guest, "/en/?audience=business", 200),
        ("home-elder", elder, "/zh-hans/", 200),
        ("services", guest, "/en/services/", 200),
        ("search-results", guest, "/zh-hans/services/?q=%E8%AF%81", 200),
        ("search-none", guest, "/en/services/?q=zzzzzz&district=nowhere", 200),
        ("guide-zh", guest, f"/zh-hans/services/{service.slug}/", 200),
        ("guide-en", guest, f"/en/services/{service.slug}/", 200),
        ("guide-elder", elder, f"/en/services/{service.slug}/", 200),
        ("how-to-apply", guest, f"/en/services/{service.slug}/how-to-apply/counter/", 200),
        ("departments", guest, "/en/departments/", 200),
        ("department", guest, f"/en/departments/{department.slug}/", 200),
        ("life-events", guest, "/zh-hans/life-events/", 200),
        ("life-event", guest, f"/en/life-events/{event.slug}/", 200),
        ("centres", guest, "/en/centres/", 200),
        ("centre", guest, f"/zh-hans/centres/{centre.slug}/", 200),
        ("apply-start", guest, f"/en/services/{service.slug}/apply/", 200),
        ("apply-applicant", citizen, f"{apply}/applicant/", 200),
        ("apply-question", citizen, f"{apply}/page/1/", 200),
        ("apply-documents", citizen, f"{apply}/documents/", 200),
        ("apply-check", citizen, f"{apply}/check/", 200),
        ("confirmation", citizen, f"/en/applications/{submitted.reference}/submitted/", 200),
        ("application", citizen, f"/zh-hans/applications/{submitted.reference}/", 200),
        ("my-applications", citizen, "/en/applications/", 200),
        ("withdraw", citizen, f"/en/applications/{submitted.reference}/withdraw/", 200),
        ("track", guest, "/en/track/", 200),
        ("sign-in", guest, "/en/account/login/", 200),
        ("sign-up", guest, "/zh-hans/account/signup/", 200),
        ("reset", guest, "/en/account/password-reset/", 200),
        ("profile", citizen, "/en/account/profile/", 200),
        ("profile-edit", citizen, "/zh-hans/account/profile/edit/", 200),
        ("elder-mode", guest, "/prefs/elder/?next=/en/", 200),
        ("404", guest, "/en/no-such-page/", 404),
        ("414", guest, "/en/services/?q=" + "x" * 5000, 414),
    ]
    for name, client, url, status in wanted:
        response = client.get(url)
        assert response.status_code == status, (name, url, response.status_code)
        yield name, response
    # States after a POST: error summaries, the tracking result, the error pages.
    yield "apply-question-errors", citizen.post(f"{apply}/page/1/", {})
    yield "sign-in-errors", guest.post("/en/account/login/", {"username": "nobody@example.com", "password": "x"})
    yield "sign-up-errors", guest.post("/en/account/signup/", {})
    yield "track-errors", guest.post("/zh-hans/track/", {"reference": "HP00000000000", "tracking_code": "x"})
    tracked = guest.post("/en/track/", {"reference": submitted.reference, "tracking_code": submitted.tracking_code})
    assert tracked.status_code == 200
    yield "track-result", tracked
    csrf = Client(enforce_csrf_checks=True).post("/en/track/", {})
    assert csrf.status_code == 403
    yield "403-csrf", csrf
    with override_settings(MAX_REQUEST_MB=0):
        yield "413", guest.post("/en/track/", {"reference": "x"})
    yield "400", guest.get("/en/services/", {"page": "1"}, headers={"Host": "bad host"})


def test_every_page_type_is_valid_html(tmp_path):
    command = vnu_command()
    call_command("load_demo", stdout=io.StringIO())
    files = {}
    for name, response in pages(tmp_path):
        assert "text/html" in response["Content-Type"], name
        path = tmp_path / f"{name}.html"
        path.write_bytes(response.content)
        files[path.as_uri()] = name
    result = subprocess.run([*command, *map(str, sorted(tmp_path.glob("*.html")))], capture_output=True, timeout=300)
    report = json.loads(result.stderr or b"{}")
    errors = [
        f"{files.get(m.get('url'), m.get('url'))}:{m.get('lastLine')}: {m.get('message')} [{m.get('extract', '')}]"
        for m in report.get("messages", [])
        if m.get("type") == "error" or m.get("subType") == "fatal"
    ]
    assert len(files) >= 40
    assert not errors, f"{len(errors)} HTML errors:\n" + "\n".join(errors)
