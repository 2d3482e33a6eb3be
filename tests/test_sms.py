"""Text messages: the backends SMS_BACKEND names (file, console, locmem, the operator's gateway by
dotted path), the one-message length rule (70 characters when any is outside the GSM alphabet,
160 otherwise), and the one rule of services/lib/notify.py (email when there is an address,
otherwise SMS). Every notification's SMS template, rendered with long realistic values in both
languages, fits in one message."""

import datetime
import stat
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.core import mail
from django.utils import timezone

from services.lib import notify, sms

ROOT = Path(__file__).resolve().parent.parent
# The messages a citizen gets about an application or a visit. The account messages
# (templates/accounts/sms/) carry a one-time link and are sent as two or three parts.
NOTIFICATION_TEMPLATES = sorted(
    str(path.relative_to(ROOT / "templates"))
    for folder in ("applications", "offline")
    for path in (ROOT / "templates" / folder / "sms").glob("*.txt")
)

LANGUAGES = ("zh-hans", "en")


# --- Backends ----------------------------------------------------------------------------------


def test_the_file_backend_writes_one_file_a_message_readable_by_its_owner_only(settings, tmp_path):
    settings.SMS_BACKEND = "file"
    settings.SMS_FILE_PATH = tmp_path / "sms"
    sms.send_sms("13912345678", "海浦市一网通办：您的申请已受理。")
    sms.send_sms("13912345678", "Second")
    first, second = sorted((tmp_path / "sms").iterdir())
    assert stat.S_IMODE(first.stat().st_mode) == 0o600
    assert stat.S_IMODE((tmp_path / "sms").stat().st_mode) == 0o700
    text = first.read_text(encoding="utf-8") + second.read_text(encoding="utf-8")
    assert "To: 13912345678" in text and "海浦市一网通办：您的申请已受理。" in text and "Second" in text
    assert "Length: 16 of 70 (1 SMS)" in text


def test_the_file_backend_is_the_default_and_writes_under_the_data_folder(settings, tmp_path):
    del settings.SMS_BACKEND
    del settings.SMS_FILE_PATH
    settings.DATA_DIR = tmp_path
    sms.send_sms("13912345678", "Hello")
    [written] = (tmp_path / "sms").iterdir()
    assert "Hello" in written.read_text(encoding="utf-8")


def test_the_console_backend_prints_the_message(settings, capsys):
    settings.SMS_BACKEND = "console"
    sms.send_sms("13912345678", "海浦市一网通办：测试")
    out = capsys.readouterr().out
    assert "To: 13912345678" in out and "海浦市一网通办：测试" in out


def test_the_locmem_backend_keeps_the_message(settings):
    settings.SMS_BACKEND = "locmem"
    sms.send_sms("13912345678", "Hello")
    assert sms.outbox == [("13912345678", "Hello")]


sent_by_function = []


def gateway_function(number, text):
    sent_by_function.append((number, text))


class Gateway:
    """A gateway client as an operator writes one: made once, `send` called for each message."""

    made = 0
    sent = []

    def __init__(self):
        Gateway.made += 1

    def send(self, number, text):
        if number == "13900000000":
            raise sms.SmsError("number rejected by the carrier", permanent=True)
        Gateway.sent.append((number, text))


def test_a_dotted_path_names_the_operators_gateway_function(settings):
    settings.SMS_BACKEND = "tests.test_sms.gateway_function"
    sms.send_sms("13912345678", "Hello")
    assert sent_by_function[-1] == ("13912345678", "Hello")


def test_a_dotted_path_names_a_gateway_class_made_once(settings):
    settings.SMS_BACKEND = "tests.test_sms.Gateway"
    Gateway.made, Gateway.sent = 0, []
    sms._gateways.pop("tests.test_sms.Gateway", None)
    sms.send_sms("13912345678", "One")
    sms.send_sms("13912345679", "Two")
    assert Gateway.sent == [("13912345678", "One"), ("13912345679", "Two")]
    assert Gateway.made == 1


def test_a_gateways_failure_reaches_the_caller(settings):
    settings.SMS_BACKEND = "tests.test_sms.Gateway"
    with pytest.raises(sms.SmsError) as failure:
        sms.send_sms("13900000000", "Hello")
    assert failure.value.permanent


def test_an_unknown_backend_is_an_error_naming_it(settings):
    settings.SMS_BACKEND = "nowhere.Gateway"
    with pytest.raises(ImportError):
        sms.send_sms("13912345678", "Hello")


# --- Length ------------------------------------------------------------------------------------


def test_chinese_text_fits_seventy_characters_in_one_message():
    assert sms.fits_one_message("中" * 70)
    assert not sms.fits_one_message("中" * 71)
    assert sms.parts("中" * 71) == 2  # 67 a part once the message is split
    assert sms.parts("中" * 135) == 3


def test_plain_english_fits_160_characters_but_one_chinese_character_makes_it_70():
    assert sms.fits_one_message("a" * 160)
    assert not sms.fits_one_message("a" * 161)
    assert not sms.fits_one_message("a" * 70 + "中")
    assert not sms.fits_one_message("a" * 70 + "…")  # the ellipsis is not in the GSM alphabet


def test_gsm_extension_characters_count_two_and_emoji_count_two():
    assert sms.length("[a]") == 5
    assert sms.length("€") == 2
    assert sms.length("😀中") == 3


def test_a_text_longer_than_one_message_is_refused():
    with pytest.raises(sms.MessageTooLong, match="71 characters where one SMS holds 70"):
        sms.check_one_message("中" * 71)
    with pytest.raises(sms.MessageTooLong):
        sms.check_one_message("")


# --- One rule: email when there is an address, otherwise SMS --------------------------------------

KIND = {
    "subject": "applications/email/event_subject.txt",
    "text": "applications/email/event.txt",
    "sms": "applications/sms/answered.txt",
}


def an_application():
    return SimpleNamespace(reference="HP26K7M2X9QDS", tracking_code="K7M2X9QD", applicant_name="Li Na")


def test_a_person_with_an_email_address_gets_an_email_and_no_text_message():
    app = an_application()
    context = {"application": app, "service": SimpleNamespace(name="Residence permit"), "event": None}
    did = notify.send_to_person(email="li@example.com", phone="13912345678", language="en", context=context, **KIND)
    assert did == "email" and len(mail.outbox) == 1 and not sms.outbox


def test_a_person_with_only_a_mobile_number_gets_a_text_message_in_their_language():
    did = notify.send_to_person(
        email=" ", phone="+86 139-1234-5678", language="zh_Hans", context={"application": an_application()}, **KIND
    )
    assert did == "sms" and not mail.outbox
    assert sms.outbox == [("13912345678", "海浦市一网通办：已收到您对申请HP26K7M2X9QDS的答复，部门将继续办理。")]


def test_an_unknown_or_empty_language_falls_back_to_the_portals(settings):
    assert settings.LANGUAGE_CODE == "zh-hans"
    for language in ("", None, "fr", "xx-yy"):
        notify.send_to_person(
            email="", phone="13912345678", language=language, context={"application": an_application()}, **KIND
        )
    assert len(sms.outbox) == 4  # one each: `all` over an empty outbox would prove nothing
    assert all(text.startswith("海浦市一网通办：") for _, text in sms.outbox)
    assert notify.person_language("EN") == "en"


def test_a_person_with_neither_gets_nothing_and_a_bad_number_is_not_texted(caplog):
    kw = {"email": "", "language": "en", "context": {"application": an_application()}, **KIND}
    assert notify.send_to_person(phone="", **kw) == "none"
    assert notify.send_to_person(phone="021-6321 0000", **kw) == "none"
    assert not sms.outbox
    assert "not a mainland mobile number" in caplog.text


def test_the_text_message_gets_the_sites_address_without_the_scheme(settings, tmp_path):
    settings.SITE_URL = "https://zwfw.haipu.gov.cn"
    template = tmp_path / "t.txt"
    template.write_text("{{ site_url }} {{ site_host }}")
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [tmp_path, *settings.TEMPLATES[0]["DIRS"]]}]
    assert notify.render_sms("t.txt", {}, "en") == "https://zwfw.haipu.gov.cn zwfw.haipu.gov.cn"


def test_a_value_named_to_shorten_is_cut_to_fit_and_left_out_when_only_that_fits(settings, tmp_path):
    template = tmp_path / "t.txt"
    template.write_text("{{ head }}{% if tail %}: {{ tail }}{% endif %}.")
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [tmp_path, *settings.TEMPLATES[0]["DIRS"]]}]
    cut = notify.render_sms("t.txt", {"head": "中" * 50, "tail": "文" * 40}, "en", shorten=("tail",))
    assert cut == "中" * 50 + ": " + "文" * 17 + "…"  # the full stop after an ellipsis goes
    english = notify.render_sms("t.txt", {"head": "a" * 140, "tail": "word " * 10}, "en", shorten=("tail",))
    assert english == "a" * 140 + ": word word word..." and len(english) == 159  # cut between words
    # An English message keeps to the GSM alphabet (160) rather than carry a cut Chinese value (70).
    assert (
        notify.render_sms("t.txt", {"head": "a" * 100, "tail": "文" * 40}, "en", shorten=("tail",)) == "a" * 100 + "."
    )
    with pytest.raises(sms.MessageTooLong):
        notify.render_sms("t.txt", {"head": "中" * 80, "tail": ""}, "en", shorten=("tail",))


# --- Typographic punctuation in English -----------------------------------------------------------


def test_typographic_punctuation_in_english_becomes_plain_so_the_message_stays_gsm():
    assert sms.plain_punctuation("It isn’t “valid” – see p. 2… — ‘ok’") == "It isn't \"valid\" - see p. 2... - 'ok'"
    assert sms.fits_one_message(sms.plain_punctuation("a" * 150 + "’–…"))


def test_chinese_text_keeps_its_full_width_punctuation():
    chinese = "海浦市一网通办：您的申请“居住证”已受理——请于3日内补交材料…"
    assert sms.plain_punctuation(chinese) == chinese
    mixed = "Centre 中心 – isn’t"  # any character outside GSM: UCS-2 anyway, left as typed
    assert sms.plain_punctuation(mixed) == mixed


def test_an_officers_note_with_a_curly_apostrophe_is_sent_whole_in_english(settings):
    settings.SITE_URL = LONG_HOST
    context = {
        "application": an_application(),
        "event": SimpleNamespace(get_to_status_display="Rejected"),
        "note": "Your income proof isn’t valid – bring the 2025 tax statement.",
    }
    text = notify.render_sms("applications/sms/status.txt", context, "en", shorten=("note",), drop=("site_host",))
    assert "Your income proof isn't valid - bring the 2025 tax statement." in text
    assert sms.is_gsm(text) and "zwfw.haipu.gov.cn" in text


def test_a_centre_name_with_a_dash_is_kept_in_an_english_booking_message(settings):
    settings.SITE_URL = LONG_HOST
    name = "Jiangxin District Service Centre – Second Branch (People’s Hall)"
    context = {**long_values("en"), "centre_name": name}
    text = notify.render_sms("offline/sms/booking_confirmed.txt", context, "en", shorten=("centre_name",))
    assert "Jiangxin District Service Centre - Second Branch (People's Hall)" in text
    zh = {**long_values("zh-hans"), "centre_name": "江心区行政服务中心（第二分中心）"}
    assert "江心区行政服务中心（第二分中心）" in notify.render_sms("offline/sms/booking_confirmed.txt", zh, "zh-hans")


def test_every_text_message_sent_is_made_plain_unless_it_is_chinese(settings):
    settings.SMS_BACKEND = "locmem"
    sms.send_sms("13912345678", "Haipu City Services: it’s confirmed – see you…")
    sms.send_sms("13912345678", "海浦市一网通办：“已确认”——欢迎…")
    assert [text for _, text in sms.outbox] == [
        "Haipu City Services: it's confirmed - see you...",
        "海浦市一网通办：“已确认”——欢迎…",
    ]


# --- Every notification template fits one message ---------------------------------------------

LONG_HOST = "https://zwfw.haipu.gov.cn"  # 17 characters without https://, like the city's real ones
VERY_LONG_HOST = "https://citizen-services.haipu-municipal.gov.cn"


def long_values(language):
    """The longest a value of each kind gets: the longest status name, a long note and list of
    items, and for visits a long centre name at a two-digit date and time."""
    zh = language == "zh-hans"
    app = SimpleNamespace(reference="HP26K7M2X9QDS", tracking_code="K7M2X9QD", applicant_name="欧阳娜娜" * 5)
    event = SimpleNamespace(get_to_status_display="需补充材料" if zh else "More information requested")
    centre = SimpleNamespace(
        name="浦东新区陆家嘴街道社区事务受理服务中心（分中心）"
        if zh
        else "Pudong New Area Lujiazui Sub-district Community Affairs Centre",
        address="世纪大道1188号" if zh else "1188 Century Avenue",
    )
    service = SimpleNamespace(
        name="城乡居民基本养老保险参保登记和待遇领取申请"
        if zh
        else "Urban and rural residents' basic pension insurance"
    )
    starts_at = timezone.make_aware(datetime.datetime(2026, 12, 28, 16, 30))
    return {
        "application": app,
        "event": event,
        "service": service,
        "count": 12,
        "needed": "；".join(["近三个月的租赁合同复印件（须由房东签字）"] * 5)
        if zh
        else "; ".join(["A copy of your tenancy contract"] * 5),
        "note": "申请人不符合居住证办理条件：在本市连续居住未满半年。" * 2
        if zh
        else "You have not lived in the city for six months. " * 3,
        "booking": SimpleNamespace(reference="BK26K7M2X9QDS", centre=centre, service=service, starts_at=starts_at),
        "centre": centre,
        "centre_name": centre.name,
        "starts_at": starts_at,
        "ends_at": starts_at + datetime.timedelta(minutes=30),
    }


def test_the_templates_are_found():
    assert "applications/sms/submitted.txt" in NOTIFICATION_TEMPLATES
    assert "applications/sms/info_requested.txt" in NOTIFICATION_TEMPLATES


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("template", NOTIFICATION_TEMPLATES)
@pytest.mark.parametrize("site", [LONG_HOST, VERY_LONG_HOST])
def test_every_notification_fits_in_one_text_message(settings, template, language, site):
    settings.SITE_URL = site
    text = notify.render_sms(
        template, long_values(language), language, shorten=("needed", "note", "centre_name"), drop=("site_host",)
    )
    assert sms.fits_one_message(text), f"{sms.length(text)} > {sms.limit(text)}: {text}"
    if language == "zh-hans":
        assert sum("\u4e00" <= char <= "\u9fff" for char in text) > 5, text  # translated
    if site == LONG_HOST and "site_host" in (ROOT / "templates" / template).read_text():
        assert "zwfw.haipu.gov.cn" in text  # the address is left out only when it is very long
