"""The printable receipt of an offline application: its content, its QR code (decoded from the
SVG the page serves) and who may print it."""

import datetime
import re
from urllib.parse import parse_qs, urlsplit

import pytest
import zxingcpp
from django.conf import settings
from django.urls import reverse
from PIL import Image, ImageDraw

from services.applications.models import AccessLog, Application
from services.applications.postal import log_postal_application
from services.applications.workdays import today
from tests.makers import make_centre, make_material, make_staff, make_submitted

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


@pytest.fixture
def postal_app(world):
    permit = world["permit"]
    permit.offers_post = True
    permit.save()
    id_card = make_material(permit, name_en="Resident ID card")
    tenancy = make_material(permit, name_en="Tenancy agreement", order=1)
    centre = make_centre(slug="huangpu-centre", name_en="Huangpu Service Centre", services=[permit])
    clerk = world["clerk"]
    clerk.centre, clerk.first_name, clerk.last_name = centre, "Fang", "Liu"
    clerk.save()
    return log_postal_application(
        service=permit,
        centre=centre,
        clerk=clerk,
        applicant={
            "received_on": today() - datetime.timedelta(days=2),
            "applicant_name": "Li Lei",
            "contact_phone": "13900001111",
            "contact_email": "",
            "postal_address": "12 Fuxing Road",
            "language": "en",
        },
        answers={},
        form_version="",
        checks=[(id_card, "copy_ok", "Both sides"), (tenancy, "missing", "")],
    )


def receipt_url(app):
    return reverse("admin:applications_application_receipt", args=[app.pk])


def decode_qr(svg):
    """Draw segno's SVG path (rows of horizontal runs: M/m moves, h draws) and read it back with
    a real QR decoder."""
    scale = int(re.search(r'transform="scale\((\d+)\)"', svg).group(1))
    size = int(re.search(r'width="(\d+)"', svg).group(1)) // scale
    path = re.search(r'class="qrline"[^>]* d="([^"]+)"', svg).group(1)
    image = Image.new("L", (size * 8, size * 8), 255)
    draw = ImageDraw.Draw(image)
    x = y = 0.0
    for command, a, b in re.findall(r"([Mmh])(-?[\d.]+)(?:\s+(-?[\d.]+))?", path):
        if command == "M":
            x, y = float(a), float(b)
        elif command == "m":
            x, y = x + float(a), y + float(b)
        else:
            draw.rectangle([x * 8, (y - 0.5) * 8, (x + float(a)) * 8 - 1, (y + 0.5) * 8 - 1], fill=0)
            x += float(a)
    return zxingcpp.read_barcodes(image)[0].text


def test_the_receipt_shows_everything_the_applicant_needs(client, postal_app, world):
    client.force_login(world["clerk"])
    response = client.get(receipt_url(postal_app))
    body = response.content.decode()
    assert response.status_code == 200
    for text in [
        postal_app.reference,
        postal_app.tracking_code,
        "Residence permit",
        "Li Lei",
        "Resident ID card",
        "Copy acceptable",
        "Both sides",
        "Tenancy agreement",
        "Missing",
        postal_app.acceptance_due.isoformat(),
        postal_app.received_on.isoformat(),
        "Huangpu Service Centre",
        "Fang",
    ]:
        assert text in body, text
    assert body.count("<h1") == 1 and '<html lang="en">' in body
    assert "css/paper.css" in body and "<script" not in body
    assert AccessLog.objects.filter(application=postal_app, user=world["clerk"], action="view").exists()


def test_the_receipt_is_in_the_applicants_language(client, postal_app, world):
    Application.objects.filter(pk=postal_app.pk).update(language="zh-hans")
    client.force_login(world["clerk"])
    body = client.get(receipt_url(postal_app)).content.decode()
    assert '<html lang="zh-hans">' in body and "申请回执" in body


def test_the_qr_code_opens_the_tracking_page_with_the_reference_and_never_the_tracking_code(client, postal_app, world):
    client.force_login(world["clerk"])
    body = client.get(receipt_url(postal_app)).content.decode()
    svg = re.search(r"<svg.*?</svg>", body, re.S).group(0)
    assert 'role="img"' in svg and "aria-label=" in svg and "<title>" in svg  # a text alternative
    url = decode_qr(svg)
    parts = urlsplit(url)
    assert f"{parts.scheme}://{parts.netloc}" == settings.SITE_URL
    assert parts.path == "/en/track/"
    assert parse_qs(parts.query) == {"ref": [postal_app.reference]}
    assert postal_app.tracking_code not in url and not parts.fragment
    # The page it opens has the reference filled in; the code is typed.
    page = client.get(f"{parts.path}?{parts.query}").content.decode()
    assert f'value="{postal_app.reference}"' in page
    assert postal_app.tracking_code not in page


def test_only_staff_who_may_see_the_application_print_its_receipt(client, postal_app, world):
    assert client.get(receipt_url(postal_app)).status_code == 302  # to the admin's sign-in
    client.force_login(world["other_officer"])  # Civil Affairs: not their department or centre
    assert client.get(receipt_url(postal_app)).status_code == 404
    client.force_login(make_staff("far-clerk", "Counter clerk", world["civil"]))
    assert client.get(receipt_url(postal_app)).status_code == 404
    client.force_login(world["officer"])  # the deciding department may print it again
    assert client.get(receipt_url(postal_app)).status_code == 200
    assert client.get(reverse("admin:applications_application_receipt", args=[999999])).status_code == 404


def test_online_applications_have_no_counter_receipt(client, world):
    online = make_submitted(world["permit"])
    client.force_login(world["officer"])
    assert client.get(receipt_url(online)).status_code == 404


def test_the_application_page_links_the_receipt_of_an_offline_application(client, postal_app, world):
    client.force_login(world["officer"])
    page = client.get(reverse("admin:applications_application_change", args=[postal_app.pk])).content.decode()
    assert receipt_url(postal_app) in page
