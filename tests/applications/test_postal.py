"""A counter clerk logs an application received by post: the same form definition, material
checks and lifecycle as every application, with deadlines counted from the day received."""

import datetime
from html.parser import HTMLParser

import pytest
from django.urls import reverse
from django.utils import timezone

from services.applications.models import Application, MaterialCheck, Status
from services.applications.workdays import add_working_days, today
from services.catalogue.models import Channel
from tests.makers import make_centre, make_district, make_form, make_material, make_service, make_staff

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


@pytest.fixture
def post_world(world):
    make_district(slug="huangpu", name_en="Huangpu")
    permit = world["permit"]
    permit.offers_post = True
    permit.save()
    id_card = make_material(permit, name_en="Resident ID card")
    tenancy = make_material(permit, name_en="Tenancy agreement", order=1)
    make_form(permit)
    centre = make_centre(slug="huangpu-centre", services=[permit, world["marriage"]])
    clerk = world["clerk"]
    clerk.centre = centre
    clerk.save()
    return {**world, "centre": centre, "id_card": id_card, "tenancy": tenancy}


def register_url(service):
    return reverse("admin:applications_application_postal_register", args=[service.pk])


def letter(world, received_on, **changes):
    data = {
        "letter-received_on": received_on.isoformat(),
        "letter-applicant_name": "Li Lei",
        "letter-contact_phone": "139 0000 1111",
        "letter-contact_email": "",
        "letter-postal_address": "12 Fuxing Road, Huangpu",
        "letter-language": "en",
        "id_number__type": "resident_id",
        "id_number": "11010519491231002X",
        "email": "",
        "address__district": "huangpu",
        "address__street": "12 Fuxing Road",
        "birth_date": "1980-05-01",
        "reason": "new",
        "household": "2",
        "has_car": "no",
        f"enclosed-result-{world['id_card'].pk}": "copy_ok",
        f"enclosed-note-{world['id_card'].pk}": "Photocopy, both sides",
        f"enclosed-result-{world['tenancy'].pk}": "missing",
    }
    data.update(changes)
    return data


def test_a_clerk_logs_a_postal_application_with_deadlines_counted_from_the_day_received(client, post_world):
    received = today() - datetime.timedelta(days=9)
    client.force_login(post_world["clerk"])
    response = client.post(register_url(post_world["permit"]), letter(post_world, received))
    app = Application.objects.get(applicant_name="Li Lei")
    assert response.status_code == 302 and response["Location"] == reverse(
        "admin:applications_application_change", args=[app.pk]
    )
    assert app.status == Status.SUBMITTED and app.channel == Channel.POST
    assert app.centre == post_world["centre"] and app.registered_by == post_world["clerk"]
    assert app.received_on == received
    assert timezone.localtime(app.submitted_at).date() == received
    assert app.acceptance_due == add_working_days(received, 5)  # working days from the day received
    assert app.reference.startswith("HP") and app.tracking_code
    assert app.contact_phone == "13900001111" and app.language == "en"
    assert app.applicant_id_number == "11010519491231002X"
    assert app.answers["reason"] == "new" and app.answers["address"]["district"] == "huangpu"
    assert app.answers["postal_address"] == "12 Fuxing Road, Huangpu"
    checks = {c.material.name_en: (c.result, c.note) for c in MaterialCheck.objects.filter(application=app)}
    assert checks == {"Resident ID card": ("copy_ok", "Photocopy, both sides"), "Tenancy agreement": ("missing", "")}
    submitted = app.events.get(to_status=Status.SUBMITTED, kind="status")
    assert timezone.localtime(submitted.at).date() == received and submitted.actor == post_world["clerk"]


@pytest.mark.parametrize(
    ("days", "message"),
    [(-1, "The date received cannot be in the future."), (31, "cannot be more than 30 days ago")],
)
def test_a_date_received_in_the_future_or_over_30_days_back_is_refused_keeping_what_was_typed(
    client, post_world, days, message
):
    client.force_login(post_world["clerk"])
    received = today() - datetime.timedelta(days=days)
    response = client.post(register_url(post_world["permit"]), letter(post_world, received))
    body = response.content.decode()
    assert response.status_code == 400
    assert message in body and 'href="#id_letter-received_on"' in body
    assert 'value="Li Lei"' in body and "12 Fuxing Road, Huangpu" in body and 'value="2"' in body
    assert not Application.objects.filter(applicant_name="Li Lei").exists()


def test_thirty_days_back_and_today_are_accepted(client, post_world):
    client.force_login(post_world["clerk"])
    for days in (30, 0):
        response = client.post(
            register_url(post_world["permit"]),
            letter(post_world, today() - datetime.timedelta(days=days), **{"letter-applicant_name": f"Day {days}"}),
        )
        assert response.status_code == 302, days
    assert Application.objects.filter(channel=Channel.POST).count() == 2


def test_every_problem_is_listed_at_once_and_nothing_is_registered(client, post_world):
    client.force_login(post_world["clerk"])
    data = letter(post_world, today(), **{"letter-applicant_name": "", "reason": "", "letter-contact_phone": "12"})
    del data[f"enclosed-result-{post_world['tenancy'].pk}"]
    response = client.post(register_url(post_world["permit"]), data)
    body = response.content.decode()
    assert response.status_code == 400
    assert "Enter the applicant&#x27;s full name." in body
    assert "Select an answer: Reason" in body
    assert "Record what was enclosed for “Tenancy agreement”." in body
    assert 'value="12 Fuxing Road"' in body  # the answers typed are kept
    assert not Application.objects.filter(channel=Channel.POST).exists()


def test_the_clerk_chooses_among_their_centres_postal_services_only(client, post_world):
    client.force_login(post_world["clerk"])
    page = client.get(reverse("admin:applications_application_postal")).content.decode()
    assert "Residence permit" in page and "Marriage registration" not in page  # marriage takes no post
    chosen = client.get(reverse("admin:applications_application_postal"), {"service": post_world["permit"].pk})
    assert chosen["Location"] == register_url(post_world["permit"])
    forged = client.get(reverse("admin:applications_application_postal"), {"service": post_world["marriage"].pk})
    assert forged.status_code == 400 and "Choose one of your centre" in forged.content.decode()
    assert client.get(register_url(post_world["marriage"])).status_code == 404


def test_a_clerk_of_another_centre_or_staff_without_a_centre_get_404(client, post_world):
    other_service = make_service(slug="elsewhere", offers_post=True, department=post_world["psb"])
    stranger = make_staff("stranger", "Counter clerk", post_world["psb"])
    stranger.centre = make_centre(slug="far-centre", services=[other_service])
    stranger.save()
    client.force_login(stranger)
    assert client.get(register_url(post_world["permit"])).status_code == 404
    assert client.post(register_url(post_world["permit"]), letter(post_world, today())).status_code == 404
    client.force_login(post_world["officer"])  # a case officer works at no counter
    assert client.get(reverse("admin:applications_application_postal")).status_code == 404
    assert client.get(register_url(post_world["permit"])).status_code == 404
    assert not Application.objects.filter(channel=Channel.POST).exists()


def test_a_service_taken_by_post_but_not_at_a_counter_is_logged_by_post(client, post_world):
    permit = post_world["permit"]
    permit.offers_counter = False
    permit.save()
    client.force_login(post_world["clerk"])
    response = client.post(register_url(permit), letter(post_world, today()))
    assert response.status_code == 302
    assert Application.objects.get(applicant_name="Li Lei").status == Status.SUBMITTED


def test_an_unpublished_service_is_not_offered_or_logged_by_post(client, post_world):
    permit = post_world["permit"]
    permit.published = False
    permit.save()
    client.force_login(post_world["clerk"])
    choose = reverse("admin:applications_application_postal")
    assert f'value="{permit.pk}"' not in client.get(choose).content.decode()
    assert client.post(register_url(permit), letter(post_world, today())).status_code == 404
    assert not Application.objects.exists()


class _Labels(HTMLParser):
    """The label targets, control ids and legend texts of a page."""

    def __init__(self):
        super().__init__()
        self.targets, self.controls, self.legends, self._legend = [], set(), [], None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "label":
            self.targets.append(attrs.get("for"))
        elif tag in ("input", "select", "textarea") and attrs.get("type") not in ("hidden", "submit"):
            self.controls.add(attrs.get("id"))
        elif tag == "legend":
            self._legend = ""

    def handle_data(self, data):
        if self._legend is not None:
            self._legend += data

    def handle_endtag(self, tag):
        if tag == "legend":
            self.legends.append(" ".join(self._legend.split()))
            self._legend = None


def test_the_postal_page_names_each_section_and_question_group_and_labels_each_control_once(client, post_world):
    client.force_login(post_world["clerk"])
    for response in (
        client.get(register_url(post_world["permit"])),
        client.post(register_url(post_world["permit"]), letter(post_world, today(), has_car="", reason="")),
    ):
        page = _Labels()
        page.feed(response.content.decode())
        assert {"The letter and the applicant", "The answers on the form", "Materials enclosed"} <= set(page.legends)
        assert {"Reason", "Do you own a car?", "ID number", "Home address"} <= set(page.legends)  # grouped
        assert "" not in page.targets and None not in page.targets  # no label pointing at nothing
        assert len(page.targets) == len(set(page.targets)), "a control with two labels"
        assert set(page.targets) <= page.controls
        assert {"id_id_number__type", "id_id_number"} <= set(page.targets)  # each part of the ID its own label


def test_a_letter_sent_twice_by_a_double_click_is_registered_once(client, post_world):
    client.force_login(post_world["clerk"])
    data = letter(post_world, today())
    first = client.post(register_url(post_world["permit"]), data)
    second = client.post(register_url(post_world["permit"]), data, follow=True)
    app = Application.objects.get()
    assert first["Location"] == second.redirect_chain[0][0]
    assert f"This letter was registered a moment ago as {app.reference}" in second.content.decode()
    assert client.post(register_url(post_world["permit"]), {**data, "letter-applicant_name": "Wang Fang"})
    assert Application.objects.count() == 2  # another letter is another application
