"""The demo's elderly-care and culture directories (issue 11 point 8): the content of
services/demo/data/life/elderly.yaml and culture.yaml read as YAML - enough entries of every kind,
bilingual, districts, services and life events that exist, well-formed hours, nursing homes with
beds, canteens with meal times, venues with booking, tickets and varied accessibility - and then
loaded by the demo's loader (services/demo/life.py) into the models."""

import collections
import datetime
import re

import pytest

from services.demo import files
from services.demo.catalogue import load_demo_catalogue
from services.demo.life import load_demo_life
from services.life.models import STALE_DAYS, Area, CarePlace, Entry, Hours, Venue

HAN = re.compile(r"[\u3400-\u9fff]")
DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
HOURS = re.compile(r"^(?P<days>[a-z,\-]+) (?P<opens>\d\d:\d\d)-(?P<closes>\d\d:\d\d)$")
NOT_FIELDS = {"organisation", "district", "hours", "services", "life_events", "updated_days_ago"}
MODELS = {"elderly": CarePlace, "culture": Venue}
# Text pairs every entry of the area fills in both languages.
TEXTS = {
    "elderly": ("name", "summary", "address", "hours_note", "fees", "eligibility"),
    "culture": ("name", "summary", "address", "hours_note", "ticket_note", "accessibility_note"),
}
ACCESSIBILITY = ("step_free", "wheelchairs", "tactile_guide", "audio_guide", "sign_language")


def content(stem):
    return files.read(f"life/{stem}.yaml")


def entries(stem):
    return content(stem)["entries"]


def of_kind(stem, kind):
    return [e for e in entries(stem) if e["kind"] == kind]


def weekdays(text):
    """[0-6] of "mon-fri", "tue-thu,sun", "daily"; ValueError for anything else."""
    if text == "daily":
        return list(range(7))
    days = []
    for item in text.split(","):
        first, _, last = item.partition("-")
        start, end = DAYS.index(first), DAYS.index(last or first)
        if end < start:
            raise ValueError(item)
        days += range(start, end + 1)
    return days


def spans(entry):
    """[(weekday, opens, closes)] of an entry's hours strings."""
    rows = []
    for text in entry.get("hours", []):
        match = HOURS.match(text)
        assert match, (entry["slug"], text)
        opens, closes = (datetime.time.fromisoformat(match[k]) for k in ("opens", "closes"))
        rows += [(day, opens, closes) for day in weekdays(match["days"])]
    return rows


def all_day(entry):
    return any(opens == closes == datetime.time(0) for _day, opens, closes in spans(entry))


# --- The files as YAML -------------------------------------------------------------------------


def test_the_elderly_file_has_35_entries_or_more_in_every_kind_with_enough_homes_and_canteens():
    kinds = collections.Counter(e["kind"] for e in entries("elderly"))
    assert sum(kinds.values()) >= 35
    assert set(kinds) == set(CarePlace.Kind.values)
    assert kinds["nursing_home"] >= 8 and kinds["canteen"] >= 5
    assert min(kinds.values()) >= 3


def test_the_culture_file_has_30_entries_or_more_in_every_kind():
    kinds = collections.Counter(e["kind"] for e in entries("culture"))
    assert sum(kinds.values()) >= 30
    assert set(kinds) == set(Venue.Kind.values)
    assert min(kinds.values()) >= 5


@pytest.mark.parametrize("stem", ["elderly", "culture"])
def test_every_key_of_an_entry_is_a_model_field_or_a_documented_key(stem):
    fields = {f.name for f in MODELS[stem]._meta.get_fields()}
    wrong = [(e["slug"], key) for e in entries(stem) for key in e if key not in fields | NOT_FIELDS]
    assert not wrong, wrong
    header = (files.DATA / "life" / f"{stem}.yaml").read_text(encoding="utf-8").split("\norganisations:")[0]
    assert all(key in header for key in NOT_FIELDS), "the header comment names the keys that are not fields"


@pytest.mark.parametrize("stem", ["elderly", "culture"])
def test_every_entry_is_bilingual_chinese_in_zh_and_no_chinese_in_en(stem):
    wrong = []
    for entry in entries(stem):
        for name in TEXTS[stem]:
            zh, en = entry.get(f"{name}_zh", ""), entry.get(f"{name}_en", "")
            if not (zh and en and HAN.search(zh)) or HAN.search(en):
                wrong.append((entry["slug"], name))
    for organisation in content(stem)["organisations"]:
        if not (HAN.search(organisation["name_zh"]) and organisation["name_en"]) or HAN.search(organisation["name_en"]):
            wrong.append((organisation["slug"], "name"))
    assert not wrong, wrong


def test_slugs_are_unique_across_every_area():
    slugs = collections.Counter(e["slug"] for _stem, data in files.read_all("life") for e in data["entries"])
    assert not [slug for slug, n in slugs.items() if n > 1]
    organisations = collections.Counter(
        o["slug"] for _stem, data in files.read_all("life") for o in data["organisations"]
    )
    assert not [slug for slug, n in organisations.items() if n > 1]


@pytest.mark.parametrize("stem", ["elderly", "culture"])
def test_districts_services_life_events_and_organisations_exist_and_every_district_is_covered(stem):
    districts = {d["slug"] for d in files.read("places.yaml")["districts"]}
    services = {s["slug"] for _name, department in files.read_all("departments") for s in department["services"]}
    events = {e["slug"] for e in files.read("life_events.yaml")["life_events"]}
    organisations = {o["slug"] for o in content(stem)["organisations"]}
    wrong = []
    for entry in entries(stem):
        wrong += [(entry["slug"], "district")] if entry.get("district") not in districts else []
        wrong += [(entry["slug"], s) for s in entry.get("services", []) if s not in services]
        wrong += [(entry["slug"], e) for e in entry.get("life_events", []) if e not in events]
        wrong += [(entry["slug"], "organisation")] if entry["organisation"] not in organisations else []
    assert not wrong, wrong
    assert {e["district"] for e in entries(stem)} == districts


@pytest.mark.parametrize("stem", ["elderly", "culture"])
def test_hours_strings_are_well_formed_and_name_no_day_and_time_twice(stem):
    for entry in entries(stem):
        rows = spans(entry)
        assert rows, entry["slug"]
        assert len({(day, opens) for day, opens, _closes in rows}) == len(rows), entry["slug"]
        assert all(opens != closes or opens == datetime.time(0) for _day, opens, closes in rows), entry["slug"]
        assert entry["holiday_hours"] in ("usual", "sunday", "closed"), entry["slug"]
    assert len({e["holiday_hours"] for e in entries(stem)}) == 3


def test_nursing_homes_have_beds_free_beds_within_them_fees_and_care_level_eligibility():
    homes = of_kind("elderly", "nursing_home")
    for home in homes:
        assert isinstance(home["beds"], int) and isinstance(home["free_beds"], int), home["slug"]
        assert 0 <= home["free_beds"] <= home["beds"], home["slug"]
        assert "60" in home["eligibility_zh"] and "60" in home["eligibility_en"], home["slug"]
        assert "长期护理保险" in home["eligibility_zh"] + home["fees_zh"], home["slug"]
        assert "long-term-care-assessment" in home["services"], home["slug"]
        assert "elderly-care" in home["life_events"], home["slug"]
    assert any(h["free_beds"] == 0 for h in homes) and sum(h["free_beds"] > 0 for h in homes) >= 5
    assert sum(all_day(h) for h in homes) >= 5
    # Beds are for nursing homes only.
    assert not [e["slug"] for e in entries("elderly") if e["kind"] != "nursing_home" and "beds" in e]


def test_canteens_have_meal_times_and_a_price_for_older_people_and_only_canteens_do():
    canteens = of_kind("elderly", "canteen")
    for canteen in canteens:
        assert HAN.search(canteen["meal_times_zh"]) and canteen["meal_times_en"], canteen["slug"]
        assert 0 < canteen["senior_meal_price"] < 30, canteen["slug"]
    assert len({c["senior_meal_price"] for c in canteens}) >= 4
    assert not [e["slug"] for e in entries("elderly") if e["kind"] != "canteen" and "senior_meal_price" in e]


def test_elderly_entries_link_the_care_services_and_life_events_where_they_fit():
    linked = collections.Counter(s for e in entries("elderly") for s in e["services"])
    for slug in ("long-term-care-assessment", "senior-allowance", "elderly-care-subsidy", "disability-allowances"):
        assert linked[slug] >= 3, slug
    assert all("assistive-devices" in e["services"] for e in of_kind("elderly", "devices"))
    events = collections.Counter(le for e in entries("elderly") for le in e["life_events"])
    assert events["elderly-care"] >= 30 and events["retiring"] >= 3 and events["disability-support"] >= 3
    assert sum(all_day(e) for e in of_kind("elderly", "alarm")) >= 2


def test_digital_skills_classes_cover_smartphones_payments_booking_a_doctor_and_scams():
    text = " ".join(e["summary_en"] + e["name_en"] for e in of_kind("elderly", "digital_skills")).lower()
    for topic in ("smartphone", "pay", "doctor", "scam"):
        assert topic in text, topic


def test_venues_closed_on_mondays_have_no_monday_hours_and_say_so():
    closed_monday = [e for e in entries("culture") if 0 not in {day for day, _o, _c in spans(e)}]
    assert len(closed_monday) >= 12
    for venue in closed_monday:
        note = venue["hours_note_en"].lower()
        assert "monday" in note, venue["slug"]
        if "closed on mondays except public holidays" in note:
            # A holiday Monday opens with Sunday's hours.
            assert venue["holiday_hours"] == "sunday", venue["slug"]
            assert re.search("周一闭[馆园]（法定节假日除外）", venue["hours_note_zh"]), venue["slug"]
    assert sum("except public holidays" in v["hours_note_en"] for v in closed_monday) >= 10
    assert sum("last admission" in e["hours_note_en"].lower() for e in entries("culture")) >= 10


def test_venues_say_how_to_book_tickets_and_virtual_tours():
    venues = entries("culture")
    for venue in venues:
        if venue["booking_required"]:
            assert venue["booking_how_zh"] and venue["booking_how_en"] and venue["booking_url"], venue["slug"]
        assert venue["ticket_price"] >= 0, venue["slug"]
        assert venue.get("booking_url", "https://").startswith("https://"), venue["slug"]
        assert venue.get("virtual_tour_url", "https://").startswith("https://"), venue["slug"]
    assert 5 <= sum(v["booking_required"] for v in venues) <= len(venues) - 5
    assert sum(bool(v.get("virtual_tour_url")) for v in venues) >= len(venues) // 2
    assert sum(v["ticket_price"] == 0 for v in venues) >= 5 and sum(v["ticket_price"] > 0 for v in venues) >= 10
    assert sum("60" in v["ticket_note_en"] for v in venues) >= 10  # concessions for older people


def test_venues_accessibility_varies_by_feature_and_venue():
    venues = entries("culture")
    for flag in ACCESSIBILITY:
        assert all(type(v[flag]) is bool for v in venues), flag
        assert 3 <= sum(v[flag] for v in venues) <= len(venues) - 3, flag
    assert len({tuple(v[flag] for flag in ACCESSIBILITY) for v in venues}) >= 8
    assert any(all(v[flag] for flag in ACCESSIBILITY) for v in venues)
    assert any(not any(v[flag] for flag in ACCESSIBILITY) for v in venues)


@pytest.mark.parametrize("stem", ["elderly", "culture"])
def test_two_or_three_entries_are_stale_and_the_rest_recent(stem):
    stale = [e["slug"] for e in entries(stem) if e["updated_days_ago"] > STALE_DAYS]
    assert 2 <= len(stale) <= 3, stale


@pytest.mark.parametrize(("stem", "login"), [("elderly", "provider-elderly"), ("culture", "provider-culture")])
def test_the_organisation_marked_for_the_demo_provider_login_keeps_four_entries_or_more(stem, login):
    text = (files.DATA / "life" / f"{stem}.yaml").read_text(encoding="utf-8")
    marked = re.search(rf"# demo provider login: {login}\n\s*- \{{slug: ([a-z0-9-]+),", text)
    assert marked, f"no organisation marked for {login}"
    assert sum(e["organisation"] == marked[1] for e in entries(stem)) >= 4


# --- Loaded by the demo's loader ---------------------------------------------------------------


def test_the_loader_loads_both_files_into_care_places_and_venues(db):
    load_demo_catalogue()
    counts = load_demo_life()
    assert counts["elderly"] == len(entries("elderly")) == CarePlace.objects.count()
    assert counts["culture"] == len(entries("culture")) == Venue.objects.count()
    home = CarePlace.objects.get(slug="jinghu-jiangning-care-home")
    assert (home.kind, home.beds, home.free_beds, home.district.slug) == ("nursing_home", 42, 3, "jinghu")
    assert home.organisation.slug == "haipu-silver-years-care" and home.published
    assert set(home.services.values_list("slug", flat=True)) >= {"long-term-care-assessment", "senior-allowance"}
    assert list(home.hours.values_list("weekday", "opens", "closes")) == [
        (day, datetime.time(0), datetime.time(0)) for day in range(7)
    ]
    canteen = CarePlace.objects.get(slug="changfeng-fengqiao-senior-canteen")
    assert canteen.senior_meal_price == 12 and canteen.hours.filter(weekday=0).count() == 2
    museum = Venue.objects.get(slug="haipu-museum-peoples-square")
    assert not museum.hours.filter(weekday=0).exists() and museum.holiday_hours == "sunday"
    assert museum.booking_required and museum.ticket_price == 0 and museum.sign_language
    tower = Venue.objects.get(slug="haipu-tower")
    assert tower.hours.get(weekday=4).overnight() and not tower.hours.get(weekday=0).overnight()
    for area in (Area.ELDERLY, Area.CULTURE):
        assert 2 <= Entry.objects.filter(area=area).stale().count() <= 3, area
    assert (
        Hours.objects.filter(entry__area=Area.ELDERLY, opens="00:00", closes="00:00").values("entry").distinct().count()
        >= 8
    )
