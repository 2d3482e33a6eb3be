"""The demo's digital-life directories (services/demo/life.py and data/life/*.yaml): the loader
on an empty database, a second load that adds nothing, the mistakes it names, and what the demo
city holds after `load_demo` (25+ published, bilingual entries per area; provider logins that
keep an organisation's entries).

The tests on an empty database come first: the module's `demo_city` (tests/conftest.py) is made
by the first test that asks for it and stays until the module ends."""

import copy
import io
import re

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError

from services.catalogue.models import District
from services.demo import files
from services.demo.catalogue import DemoDataError, load_demo_catalogue
from services.demo.life import demo_life, load_demo_life
from services.life.models import (
    AREA_MODELS,
    Area,
    ChangeRequest,
    Entry,
    Hospital,
    Hours,
    Organisation,
    Resource,
    Specialty,
    Subject,
)

CHINESE = re.compile(r"[\u4e00-\u9fff]")


def with_life_file(monkeypatch, stem, change):
    """Run what follows with data/life/<stem>.yaml changed by `change(content)`, on a copy."""
    real_read_all = files.read_all
    edited = []
    for name, content in real_read_all("life"):
        if name == stem:
            content = copy.deepcopy(content)
            change(content)
        edited.append((name, content))
    monkeypatch.setattr(files, "read_all", lambda folder: edited if folder == "life" else real_read_all(folder))


def with_users(monkeypatch, change):
    real_read = files.read
    content = copy.deepcopy(real_read("users.yaml"))
    change(content)
    monkeypatch.setattr(files, "read", lambda name: content if name == "users.yaml" else real_read(name))


def entry(content, slug):
    return next(e for e in content["entries"] if e["slug"] == slug)


def first_hospital(content):
    return entry(content, "first-hospital-internet-hospital")


def first_resource(content):
    return entry(content, "air-classroom-primary-maths")


def snapshot():
    """What the directories hold, as comparable values."""
    return {
        "entries": sorted(Entry.objects.values_list("slug", "area", "organisation__slug", "published", "updated_at")),
        "hours": sorted(Hours.objects.values_list("entry__slug", "weekday", "opens", "closes")),
        "organisations": Organisation.objects.count(),
        "specialties": Specialty.objects.count(),
        "subjects": Subject.objects.count(),
        "services": sorted(Entry.services.through.objects.values_list("entry__slug", "service__slug")),
        "life_events": sorted(Entry.life_events.through.objects.values_list("entry__slug", "lifeevent__slug")),
        "hospital_specialties": sorted(
            Hospital.specialties.through.objects.values_list("hospital__slug", "specialty__slug")
        ),
    }


# --- On an empty database ----------------------------------------------------------------------


def test_the_loader_fills_an_empty_database_from_every_file_of_data_life(db):
    load_demo_catalogue()
    counts = load_demo_life()
    stems = {stem for stem, _content in files.read_all("life")}
    assert {"health", "education"} <= stems
    for stem, content in files.read_all("life"):
        assert counts[stem] == len(content["entries"]) == Entry.objects.filter(area=stem).count(), stem
        assert Organisation.objects.filter(area=stem).count() == len(content["organisations"]), stem
    hospital = Hospital.objects.get(slug="first-hospital-internet-hospital")
    assert hospital.organisation.slug == "haipu-first-hospital" and hospital.district.slug == "jiangxin"
    assert hospital.grade == "3a" and hospital.insurance_online and hospital.fee_min == 16
    assert {"cardiology", "internal-medicine"} <= set(hospital.specialties.values_list("slug", flat=True))
    assert set(hospital.services.values_list("slug", flat=True)) == {
        "medical-insurance-enrolment",
        "medical-reimbursement",
    }
    assert list(hospital.life_events.values_list("slug", flat=True)) == ["health-and-care"]
    monday = hospital.hours.filter(weekday=0).get()
    assert (f"{monday.opens:%H:%M}", f"{monday.closes:%H:%M}") == ("08:00", "21:00")
    assert not hospital.hours.filter(weekday__gte=5, closes__gt="17:00").exists()
    resource = Resource.objects.get(slug="air-classroom-primary-maths")
    assert resource.subject.slug == "maths" and resource.stage == "primary" and resource.district is None
    assert Entry.objects.filter(published=True).count() >= Entry.objects.count() - 1


def test_hours_past_midnight_and_all_day_are_stored_as_the_model_reads_them(db):
    load_demo_catalogue()
    load_demo_life()
    evening = Hospital.objects.get(slug="first-hospital-night-clinic")
    assert sorted(evening.hours.values_list("weekday", flat=True)) == [0, 1, 2, 3, 4]
    assert all(row.overnight() for row in evening.hours.all())
    whole_day = Hours.objects.filter(entry__area=Area.HEALTH, opens="00:00", closes="00:00")
    assert whole_day.values("entry").distinct().count() >= 2


def test_updated_days_ago_sets_when_the_entry_was_last_updated(db):
    load_demo_catalogue()
    load_demo_life()
    for area in (Area.HEALTH, Area.EDUCATION):
        stale = Entry.objects.filter(area=area).stale()
        assert 2 <= stale.count() <= 3, area
    hospital = Entry.objects.get(slug="first-hospital-internet-hospital")
    assert not hospital.is_stale()


def test_loading_twice_adds_nothing_and_brings_back_what_was_changed(db):
    load_demo_catalogue()
    load_demo_life()
    first = snapshot()
    hospital = Hospital.objects.get(slug="first-hospital-internet-hospital")
    hospital.name_en = "Renamed"
    hospital.hours_note_en = hospital.consult_how_zh = ""
    hospital.save()
    hospital.hours.all().delete()
    hospital.specialties.clear()
    load_demo_life()
    again = snapshot()
    # updated_at is set from now on each load: compare the rest, then the days.
    assert [e[:4] for e in again["entries"]] == [e[:4] for e in first["entries"]]
    assert {k: v for k, v in again.items() if k != "entries"} == {k: v for k, v in first.items() if k != "entries"}
    again = Hospital.objects.get(pk=hospital.pk)
    assert again.name_en == "Haipu First People's Hospital Internet Hospital"
    assert again.hours_note_en.startswith("Online follow-up visits") and again.consult_how_zh


def test_a_field_taken_out_of_the_file_goes_back_to_its_default_on_the_next_load(db, monkeypatch):
    load_demo_catalogue()
    load_demo_life()
    with_life_file(
        monkeypatch,
        "health",
        lambda c: [
            first_hospital(c).pop(k) for k in ("hours_note_en", "hours_note_zh", "consult_phone", "insurance_online")
        ],
    )
    load_demo_life()
    hospital = Hospital.objects.get(slug="first-hospital-internet-hospital")
    assert (hospital.hours_note_en, hospital.hours_note_zh, hospital.consult_phone) == ("", "", "")
    assert hospital.insurance_online is False


def test_the_demo_provider_logins_get_their_organisation(db):
    load_demo_catalogue()
    load_demo_life()
    user = get_user_model().objects.get(username="provider-health")
    assert user.organisation.slug == "haipu-first-hospital"
    assert list(user.groups.values_list("name", flat=True)) == ["Provider"] and user.is_staff


def test_the_demo_has_a_new_entry_and_a_change_waiting_for_the_editor(db):
    load_demo_catalogue()
    load_demo_life()
    new = Hospital.objects.get(slug="first-hospital-sleep-clinic-online")
    assert not new.published
    moved = Resource.objects.get(slug="air-classroom-junior-physics-live")
    assert moved.link == "https://www.haipu-edu.example.cn/air-classroom/junior/physics-live"  # public until approved
    waiting = ChangeRequest.objects.filter(status=ChangeRequest.Status.PENDING)
    assert {(r.entry.slug, r.submitted_by.username) for r in waiting} == {
        ("first-hospital-sleep-clinic-online", "provider-health"),
        ("air-classroom-junior-physics-live", "provider-education"),
    }
    assert waiting.get(entry=new).changes == {"published": True}
    assert set(waiting.get(entry=moved).changes) == {"link", "name_en", "name_zh"}
    load_demo_life()
    assert ChangeRequest.objects.count() == 2 and not Hospital.objects.get(pk=new.pk).published


def test_an_approved_demo_change_is_brought_back_by_a_second_load(db):
    from services.life import approvals

    load_demo_catalogue()
    load_demo_life()
    editor = get_user_model().objects.get(username="editor")
    request = ChangeRequest.objects.get(entry__slug="air-classroom-junior-physics-live", status="pending")
    approvals.approve(request, editor)
    assert Resource.objects.get(slug="air-classroom-junior-physics-live").link.endswith("/v2/junior/physics-live")
    load_demo_life()
    moved = Resource.objects.get(slug="air-classroom-junior-physics-live")
    assert moved.link.endswith("/air-classroom/junior/physics-live")
    assert moved.change_requests.filter(status="pending").count() == 1


def test_entries_not_in_the_demo_are_left_alone(db):
    load_demo_catalogue()
    load_demo_life()
    org = Organisation.objects.get(slug="haipu-first-hospital")
    own = Hospital.objects.create(
        organisation=org, slug="a-providers-own", name_zh="新门诊", name_en="New clinic", grade="3a", consult_phone="1"
    )
    load_demo_life()
    assert Hospital.objects.filter(pk=own.pk).exists()


@pytest.mark.parametrize(
    "stem, change, message",
    [
        (
            "health",
            lambda c: first_hospital(c).update(grdae="3a"),
            "life/health.yaml, entry 'first-hospital-internet-hospital': unknown key grdae",
        ),
        (
            "health",
            lambda c: first_hospital(c).update(organisation="haipu-twelfth-hospital"),
            "life/health.yaml, entry 'first-hospital-internet-hospital': unknown organisation 'haipu-twelfth-hospital'",
        ),
        (
            "health",
            lambda c: first_hospital(c).update(district="atlantis"),
            "life/health.yaml, entry 'first-hospital-internet-hospital': unknown district 'atlantis'",
        ),
        (
            "health",
            lambda c: first_hospital(c)["services"].append("medical-reimbursment"),
            "life/health.yaml, entry 'first-hospital-internet-hospital': unknown service 'medical-reimbursment'",
        ),
        (
            "health",
            lambda c: first_hospital(c)["life_events"].append("being-ill"),
            "life/health.yaml, entry 'first-hospital-internet-hospital': unknown life event 'being-ill'",
        ),
        (
            "health",
            lambda c: first_hospital(c)["specialties"].append("cardiolgy"),
            "life/health.yaml, entry 'first-hospital-internet-hospital': unknown specialty 'cardiolgy'",
        ),
        (
            "education",
            lambda c: first_resource(c).update(subject="maths-and-physics"),
            "life/education.yaml, entry 'air-classroom-primary-maths': unknown subject 'maths-and-physics'",
        ),
        (
            "health",
            lambda c: first_hospital(c).update(hours=["mon-fri 8:00-20:00"]),
            "life/health.yaml, entry 'first-hospital-internet-hospital', hours 'mon-fri 8:00-20:00': expected days",
        ),
        (
            "health",
            lambda c: first_hospital(c).update(hours=["weekdays 08:00-20:00"]),
            "life/health.yaml, entry 'first-hospital-internet-hospital', hours 'weekdays 08:00-20:00': "
            "'weekdays' is not days",
        ),
        (
            "health",
            lambda c: first_hospital(c).update(hours=["fri-mon 08:00-20:00"]),
            "hours 'fri-mon 08:00-20:00': the range 'fri-mon' runs backwards",
        ),
        (
            "health",
            lambda c: first_hospital(c).update(hours=["mon 08:00-25:00"]),
            "hours 'mon 08:00-25:00': times run from 00:00 to 23:59",
        ),
        (
            "health",
            lambda c: first_hospital(c).update(hours=["mon 08:00-08:00"]),
            "hours 'mon 08:00-08:00': a span that opens and closes at the same time must be 00:00-00:00",
        ),
        (
            "health",
            lambda c: first_hospital(c).update(hours=["daily 08:00-12:00", "mon 08:00-10:00"]),
            "hours 'mon 08:00-10:00': mon already has a span opening at 08:00",
        ),
        (
            "health",
            lambda c: first_hospital(c).update(grade="4a"),
            "life/health.yaml, entry 'first-hospital-internet-hospital': grade '4a' is not one of 3a, 3b, 2a, 2b, 1, "
            "none",
        ),
        (
            "health",
            lambda c: first_hospital(c).update(holiday_hours="open"),
            "entry 'first-hospital-internet-hospital': holiday_hours 'open' is not one of usual, sunday, closed",
        ),
        (
            "education",
            lambda c: first_resource(c).update(format="podcast"),
            "life/education.yaml, entry 'air-classroom-primary-maths': format 'podcast' is not one of video, live, "
            "ebook, exercises",
        ),
        (
            "health",
            lambda c: first_hospital(c).update(insurance_online="yes"),
            "entry 'first-hospital-internet-hospital': insurance_online must be true or false, not 'yes'",
        ),
        (
            "health",
            lambda c: first_hospital(c).update(fee_min=80),
            "entry 'first-hospital-internet-hospital': fee_max: The highest fee cannot be lower than the lowest fee.",
        ),
        (
            "health",
            lambda c: first_hospital(c).update(link="first-hospital.example.cn"),
            "entry 'first-hospital-internet-hospital': link: Enter a valid URL.",
        ),
        (
            "health",
            lambda c: first_hospital(c).update(name_en=""),
            "entry 'first-hospital-internet-hospital': name_zh and name_en must both be filled",
        ),
        (
            "health",
            lambda c: first_hospital(c).pop("summary_zh"),
            "entry 'first-hospital-internet-hospital': missing summary_zh",
        ),
        (
            "health",
            lambda c: first_hospital(c).update(updated_days_ago=-3),
            "entry 'first-hospital-internet-hospital': updated_days_ago must be a whole number of days",
        ),
        (
            "health",
            lambda c: c["entries"][1].update(slug="first-hospital-internet-hospital"),
            "entry 'first-hospital-internet-hospital': entry slug 'first-hospital-internet-hospital' is already "
            "used by life/health.yaml, entry 'first-hospital-internet-hospital'",
        ),
        (
            "health",
            lambda c: c["organisations"].append(dict(c["organisations"][0], slug="haipu-av-education-centre")),
            "life/health.yaml, organisation 'haipu-av-education-centre': organisation 'haipu-av-education-centre' "
            "is already used by life/education.yaml",
        ),
        (
            "health",
            lambda c: first_hospital(c).update(pending={"fee_min": 10}),
            "entry 'first-hospital-internet-hospital': pending fee_min is routine (published at once), not a change "
            "waiting for an editor",
        ),
        (
            "health",
            lambda c: first_hospital(c).update(pending={"nmae_en": "x"}),
            "entry 'first-hospital-internet-hospital': pending has an unknown key nmae_en",
        ),
        (
            "health",
            lambda c: first_hospital(c).update(organisation="ruihua-hospital", published=False),
            "entry 'first-hospital-internet-hospital': no demo login of 'ruihua-hospital' (users.yaml) to ask an "
            "editor",
        ),
        (
            "education",
            lambda c: c.update(specialties=[]),
            "life/education.yaml: unknown key specialties",
        ),
    ],
)
def test_a_mistake_in_a_life_file_is_named_with_its_file_and_entry(monkeypatch, stem, change, message):
    with_life_file(monkeypatch, stem, change)
    with pytest.raises(DemoDataError) as error:
        demo_life()
    assert message in str(error.value)


def test_an_unknown_organisation_of_a_demo_login_is_named(monkeypatch):
    with_users(
        monkeypatch,
        lambda c: next(u for u in c["users"] if u["username"] == "provider-health").update(organisation="nowhere"),
    )
    with pytest.raises(DemoDataError, match=r"users.yaml, user 'provider-health': unknown organisation 'nowhere'"):
        demo_life()


def test_a_provider_login_without_an_organisation_is_refused(monkeypatch):
    with_users(
        monkeypatch,
        lambda c: next(u for u in c["users"] if u["username"] == "provider-culture").pop("organisation"),
    )
    with pytest.raises(
        DemoDataError, match=r"user 'provider-culture': a login in the Provider group needs an organisation"
    ):
        demo_life()


def test_load_demo_with_a_mistake_in_a_life_file_loads_nothing(db, monkeypatch):
    with_life_file(monkeypatch, "health", lambda c: first_hospital(c).update(district="atlantis"))
    with pytest.raises(CommandError, match=r"nothing was loaded: life/health.yaml, entry .* unknown district"):
        call_command("load_demo", stdout=io.StringIO())
    assert not District.objects.exists() and not Entry.objects.exists()


# --- The demo city (load_demo, once for the rest of the module) --------------------------------


@pytest.fixture
def city(demo_city, db):
    return demo_city


@pytest.mark.parametrize("area", list(Area))
def test_the_demo_city_has_25_published_entries_or_more_in_every_area(city, area):
    assert AREA_MODELS[area].objects.filter(published=True).count() >= 25


def test_every_demo_entry_is_bilingual(city):
    names = ("name", "summary", "address", "hours_note")
    wrong = []
    for values in Entry.objects.values("slug", *(f"{n}_{lang}" for n in names for lang in ("zh", "en"))):
        for name in names:
            zh, en = values[f"{name}_zh"], values[f"{name}_en"]
            if bool(zh) != bool(en) or (zh and not CHINESE.search(zh)) or CHINESE.search(en):
                wrong.append((values["slug"], name))
    assert Entry.objects.exists() and not wrong, wrong


def test_every_demo_provider_keeps_an_organisation_of_its_area_with_several_entries(city):
    User = get_user_model()
    for area, username in [
        (Area.HEALTH, "provider-health"),
        (Area.EDUCATION, "provider-education"),
        (Area.ELDERLY, "provider-elderly"),
        (Area.CULTURE, "provider-culture"),
    ]:
        user = User.objects.get(username=username)
        assert (
            user.is_staff and not user.is_superuser and list(user.groups.values_list("name", flat=True)) == ["Provider"]
        ), username
        assert user.organisation is not None and user.organisation.area == area, username
        assert user.organisation.entries.filter(published=True).count() >= 3, username
    editor = User.objects.get(username="editor")
    assert editor.is_staff and editor.organisation is None
    assert list(editor.groups.values_list("name", flat=True)) == ["Content editor"]


def test_the_health_directory_covers_grades_specialties_fees_and_hours(city):
    hospitals = Hospital.objects.filter(published=True)
    assert hospitals.count() >= 28
    assert hospitals.values("grade").distinct().count() >= 4
    assert Specialty.objects.filter(hospitals__published=True).distinct().count() >= 15
    assert hospitals.filter(insurance_online=True).exists() and hospitals.filter(insurance_online=False).exists()
    assert hospitals.filter(prescription_delivery=True).exists()
    assert hospitals.filter(prescription_delivery=False).exists()
    assert hospitals.exclude(fee_min=None).exclude(fee_max=None).count() >= 20
    assert Hours.objects.filter(entry__in=hospitals, opens="00:00", closes="00:00").exists()
    assert Hours.objects.filter(entry__in=hospitals, closes__lt="06:00", opens__gt="12:00").exists()
    assert set(District.objects.values_list("slug", flat=True)) == set(
        hospitals.exclude(district=None).values_list("district__slug", flat=True)
    )


def test_the_education_pool_covers_every_stage_format_and_both_languages(city):
    resources = Resource.objects.filter(published=True)
    assert resources.count() >= 30
    assert set(resources.values_list("stage", flat=True)) == set(Resource.Stage.values)
    assert set(resources.values_list("format", flat=True)) == set(Resource.Format.values)
    assert Subject.objects.filter(resources__published=True).distinct().count() >= 10
    assert {"zh", "en"} <= set(resources.values_list("language", flat=True))
    assert resources.filter(free=True).exists() and resources.filter(free=False, price__gt=0).exists()
    assert resources.filter(captions=True).exists() and resources.filter(captions=False).exists()


def test_demo_entries_link_to_the_catalogue_where_they_relate(city):
    assert Hospital.objects.filter(services__slug="medical-reimbursement").exists()
    assert Hospital.objects.filter(life_events__slug="health-and-care").count() >= 10
    assert Resource.objects.filter(services__slug="primary-school-enrolment").exists()
    assert Resource.objects.filter(services__slug="middle-school-enrolment").exists()
    assert Resource.objects.filter(life_events__slug="starting-school").exists()
    assert Resource.objects.filter(stage="older", life_events__slug="retiring").exists()
