"""The relevance suite (issue 12, Tests): what citizens type, and the service they want in the top 5.

The queries were written first, the way people type them (official names, everyday words, words in
another order, English in UK and US spelling, whole sentences, pinyin and its initials, typos), and
only then was each paired with the demo service a person typing it is looking for. They were not
tailored to the catalogue's keywords: a query the search does not serve yet is marked xfail (not
strict) with the reason, and the mark comes off when the search serves it.

Each query goes through the search page, as a citizen sends it (the htmx fragment, so only the
results are rendered), on the demo city loaded once for the module. The suite runs on SQLite and, in
CI's second pass (.ci/run: `make test` with DATABASE_URL on PostgreSQL), on PostgreSQL: the same
queries, the same expectations. `test_the_suite_runs_on_postgresql_in_the_postgresql_pass` makes that
pass fail if it silently ran on SQLite (the rule of tests/test_databases.py).
"""

import os

import pytest
from django.db import connection

from services.demo.catalogue import demo_services
from tests.conftest import skip_or_fail

pytestmark = pytest.mark.django_db

TOP = 5


def xfail(reason):
    return pytest.mark.xfail(strict=False, reason=reason)


def case(query, slug, *marks):
    return pytest.param(query, slug, id=query, marks=marks)


# The queries the search does not serve yet, with what goes wrong (ENGINE's list to work from).
REGRESSED = xfail(
    "in the top 5 at f588819, not at e1206a1 (matching by the share of characters covered): "
    "孩子出生证明 only child-student-medical-insurance, newborn-registration. 护照过期了, 户口簿补办, 公司年报 "
    "and 社保 for individuals, regressed at the same time, pass again. Still failing after the IDF weight "
    "(ENGINE2): birth-medical-certificate has 孩子 in none of its fields, so the AND of the words never makes "
    "it a candidate, while child-student-medical-insurance has 孩子 and 出生医学证明 (among its materials, "
    "counted as fully as a name); needs the commonest word left out of the AND, or matches in the guide's "
    "body worth less in the share"
)
# --- Chinese, official names (or their core) -------------------------------------------------------
OFFICIAL_ZH = [
    case("结婚登记", "marriage-registration"),
    case("居民身份证换领", "id-card-renewal"),
    case("失业保险金申领", "unemployment-benefit"),
    case("公共租赁住房申请", "public-rental-housing"),
    case("无犯罪记录证明", "no-criminal-record-certificate"),
    case("养犬登记", "dog-registration"),
    case("个体工商户设立登记", "individual-business-registration"),
    case("食品经营许可", "food-business-permit"),
    case("异地就医备案", "out-of-town-treatment-filing"),
    case("机动车驾驶证初次申领", "driving-licence-first"),
    case("出生医学证明", "birth-medical-certificate"),
    case("居住证", "residence-permit"),
    case("护照", "passport-application"),
    case("港澳通行证", "hk-macao-permit"),
    case("个人所得税年度汇算", "iit-annual-reconciliation"),
    case("契税", "deed-tax"),
    case("工伤认定", "work-injury-recognition"),
    case("社会保障卡申领", "ssc-application"),
    case("住房公积金贷款", "hpf-loan"),
    case("不动产登记信息查询", "property-records-inquiry"),
]

# --- Chinese, everyday words ------------------------------------------------------------------------
COLLOQUIAL_ZH = [
    case("驾照过期了", "driving-licence-renewal"),
    case("驾照丢了", "driving-licence-replacement"),
    case("退休金怎么领", "pension-application"),
    case("身份证丢了怎么办", "id-card-replacement"),
    case("身份证过期了", "id-card-renewal"),
    case("生孩子", "birth-registration"),
    case("生孩子报销", "maternity-benefit"),
    case("宝宝上户口", "newborn-registration"),
    case("开个小饭店", "food-business-permit"),
    case("开个小店", "individual-business-registration"),
    case("注册公司", "company-registration"),
    case("营业执照丢了", "business-licence-replacement"),
    case("租房提取公积金", "hpf-withdrawal-rent"),
    case("社保卡丢了", "ssc-replacement"),
    case("失业金怎么领", "unemployment-benefit"),
    case("老板拖欠工资", "labour-inspection-complaint"),
    case("上班受伤了", "work-injury-recognition"),
    case("孩子上小学报名", "primary-school-enrolment"),
    case("小升初", "middle-school-enrolment"),
    case("高考报名", "gaokao-registration"),
    case("毕业证丢了", "graduation-certificate-replacement"),
    case("新车上牌", "vehicle-registration"),
    case("二手车过户", "vehicle-transfer"),
    case("车子报废", "vehicle-deregistration"),
    case("交罚款", "traffic-offence-handling"),
    case("电动车上牌", "ebike-registration"),
    case("驾照扣分", "licence-points-study"),
    case("考驾照", "driving-licence-first"),
    case("房产证丢了", "property-certificate-replacement"),
    case("房贷还清了解押", "mortgage-discharge"),
    case("房产证加名字", "spouse-name-on-title"),
    case("卖二手房交税", "home-sale-tax"),
    case("老房子加装电梯", "lift-retrofit"),
    case("结婚证丢了", "marriage-certificate-replacement"),
    case("离婚", "divorce-registration"),
    case("低保", "minimum-living-allowance"),
    case("老人公交卡", "senior-transport-card"),
    case("办残疾证", "disability-certificate"),
    case("家人去世销户口", "hukou-cancellation-death"),
    case("医保报销", "medical-reimbursement"),
    case("小孩交医保", "child-student-medical-insurance"),
    case("个税退税", "iit-annual-reconciliation"),
    case("户口本丢了", "hukou-booklet-replacement"),
    case("改名字", "name-change"),
    case("小孩办身份证", "id-card-first-application"),
    case("护照过期了", "passport-renewal"),
    case("去香港签注", "hk-macao-endorsement"),
    case("狗证", "dog-registration"),
    case("健康证", "food-worker-health-certificate"),
    case("开网吧", "internet-cafe-licence"),
    case("开诊所", "medical-institution-licence"),
    case("开培训班", "training-institution-licence"),
    case("买到假货投诉", "consumer-complaint"),
    case("退休", "pension-application"),
    case("换驾照", "driving-licence-renewal"),
]

# --- Chinese, characters in another order or with words between them --------------------------------
REORDERED_ZH = [
    case("身份证补办", "id-card-replacement"),
    case("驾驶证补领", "driving-licence-replacement"),
    case("补办结婚证", "marriage-certificate-replacement"),
    case("护照补办", "passport-renewal"),
    case("社保卡补办", "ssc-replacement"),
    case("公积金租房提取", "hpf-withdrawal-rent"),
    case("营业执照补办", "business-licence-replacement"),
    case("户口簿补办", "hukou-booklet-replacement"),
    case("注销公司", "company-deregistration"),
    case("登记结婚", "marriage-registration"),
    case("驾驶证到期换证", "driving-licence-renewal"),
    case("身份证到期换领", "id-card-renewal"),
    case("补领不动产证书", "property-certificate-replacement"),
    case("养老金申领", "pension-application"),
]

# --- English: UK and US spelling, plurals ------------------------------------------------------------
ENGLISH = [
    case("driving licence renewal", "driving-licence-renewal"),
    case("lost driving licence", "driving-licence-replacement"),
    case("passport renewal", "passport-renewal"),
    case("marriage registration", "marriage-registration"),
    case("business licence", "company-registration"),
    case("business license", "company-registration"),
    case("social security card", "ssc-application"),
    case("unemployment benefits", "unemployment-benefit"),
    case("summer programme", "summer-care-programme"),
    case("summer program", "summer-care-programme"),
    case("dog license", "dog-registration"),
    case("number plates", "number-plate-replacement"),
    case("license plate replacement", "number-plate-replacement"),
    case("parking lot registration", "parking-lot-filing"),
    case("marriage license", "marriage-registration"),
    case("food business license", "food-business-permit"),
    case("tour guide license", "tour-guide-licence"),
    case("travel agency licence", "travel-agency-licence"),
    case("immunization record", "vaccination-certificate"),
    case("kindergarten enrollment", "kindergarten-enrolment"),
]

# --- English, what people write as a sentence or a situation ----------------------------------------
NATURAL_EN = [
    case("how do I renew my driver's license", "driving-licence-renewal"),
    case("how do I renew my passport", "passport-renewal"),
    case("my dad's pension", "pension-application"),
    case("open a cafe", "food-business-permit"),
    case("lost my ID card", "id-card-replacement"),
    case("my ID card expired", "id-card-renewal"),
    case("I lost my job", "unemployment-benefit"),
    case("register my newborn baby", "newborn-registration"),
    case("get married", "marriage-registration"),
    case("getting divorced", "divorce-registration"),
    case("start a company", "company-registration"),
    case("close my company", "company-deregistration"),
    case("hire a foreigner", "foreign-work-permit"),
    case("my boss hasn't paid my wages", "labour-inspection-complaint"),
    case("injured at work", "work-injury-recognition"),
    case("change my name", "name-change"),
    case("police clearance certificate", "no-criminal-record-certificate"),
    case("scrap my car", "vehicle-deregistration"),
    case("pay a traffic fine", "traffic-offence-handling"),
    case("bus pass for pensioners", "senior-transport-card"),
    case("income tax return", "iit-annual-reconciliation"),
    case("noise complaint", "pollution-complaint"),
    case("elevator for my apartment building", "lift-retrofit"),
    case("see a doctor in another city", "out-of-town-treatment-filing"),
    case("college entrance exam", "gaokao-registration"),
    case("new born baby registration", "newborn-registration"),
    case("re new my pass port", "passport-renewal"),
]

# --- Pinyin, full and initials -----------------------------------------------------------------------
PINYIN_ZH = [
    case("jiashizheng", "driving-licence-renewal"),
    case("shebaoka", "ssc-application"),
    case("huzhao", "passport-application"),
    case("shenfenzheng", "id-card-renewal"),
    case("juzhuzheng", "residence-permit"),
    case("jiehun dengji", "marriage-registration"),
    case("yingyezhizhao", "company-registration"),
    case("gongjijin daikuan", "hpf-loan"),
    case("jsz", "driving-licence-renewal"),
    case("sbk", "ssc-application"),
    case("sfz", "id-card-renewal"),
    case("jzz", "residence-permit"),
    case("yyzz", "company-registration"),
]

# --- English with one typo in a word of five letters or more -----------------------------------------
MISSPELLED_EN = [
    case("pasport renewal", "passport-renewal"),
    case("mariage registration", "marriage-registration"),
    case("unemployement benefit", "unemployment-benefit"),
    case("drivng licence", "driving-licence-renewal"),
    case("pension aplication", "pension-application"),
    case("kindergarden", "kindergarten-enrolment"),
    case("residance permit", "residence-permit"),
    case("divorse", "divorce-registration"),
    case("vacination record", "vaccination-certificate"),
    case("disibility certificate", "disability-certificate"),
    case("mortage discharge", "mortgage-discharge"),
    case("trademak", "trademark-application"),
]

# --- The audience switch: the same words, for a person or for a business -----------------------------
AUDIENCE = [
    pytest.param("社保", "business", "employer-social-insurance", id="社保-business"),
    pytest.param("社保", "individual", "ssc-application", id="社保-individual"),
    pytest.param("公积金", "business", "hpf-employer-account", id="公积金-business"),
    pytest.param("公积金", "individual", "hpf-withdrawal-rent", id="公积金-individual"),
    pytest.param("发票", "business", "invoice-application", id="发票-business"),
    pytest.param("发票", "individual", "tax-office-invoice", id="发票-individual"),
    pytest.param("医保", "business", "designated-medical-institution", id="医保-business"),
    pytest.param("医保", "individual", "medical-insurance-enrolment", id="医保-individual"),
    pytest.param("invoice", "business", "invoice-application", id="invoice-business"),
    pytest.param("invoice", "individual", "tax-office-invoice", id="invoice-individual"),
    pytest.param("social insurance", "business", "employer-social-insurance", id="social insurance-business"),
    pytest.param("provident fund", "business", "hpf-employer-account", id="provident fund-business"),
]

# --- A second batch, written after the search engine landed and never run against it before being
# committed (a held-out set: the first batch's examples were known to those who built the engine) ---
LATER_ZH = [
    case("怎么办港澳通行证", "hk-macao-permit"),
    case("换身份证要带什么", "id-card-renewal"),
    case("孩子出生证明", "birth-medical-certificate", REGRESSED),
    case("开社保缴费证明", "social-insurance-certificate"),
    case("开无犯罪证明", "no-criminal-record-certificate"),
    case("退休了提取公积金", "hpf-withdrawal-retirement"),
    case("买房用公积金", "hpf-withdrawal-purchase"),
    case("外地医保转过来", "medical-insurance-transfer"),
    case("高龄补贴", "senior-allowance"),
    case("车检", "vehicle-inspection-label"),
    case("驾照到期", "driving-licence-renewal"),
    case("车牌号丢了", "number-plate-replacement"),
    case("撞车了私了", "minor-accident-quick-claim"),
    case("学车报名", "driving-licence-first"),
    case("狗狗办证", "dog-registration"),
    case("上幼儿园", "kindergarten-enrolment"),
    case("办暂住证", "residence-permit"),
    case("落户海浦", "hukou-move-in"),
    case("开公司", "company-registration"),
    case("公司年报", "annual-report"),
    case("个体户注销", "individual-business-deregistration"),
    case("申请公租房", "public-rental-housing"),
    case("房子抵押", "mortgage-registration"),
    case("查房产", "property-records-inquiry"),
    case("huji zhengming", "hukou-certificate"),
    case("wufanzui zhengming", "no-criminal-record-certificate"),
    case("gongzufang", "public-rental-housing"),
]
LATER_EN = [
    case("apply for a passport", "passport-application"),
    case("first passport", "passport-application"),
    case("renew ID card", "id-card-renewal"),
    case("baby birth certificate", "birth-medical-certificate"),
    case("marriage certificate lost", "marriage-certificate-replacement"),
    case("retirement pension", "pension-application"),
    case("withdraw provident fund to pay rent", "hpf-withdrawal-rent"),
    case("medical insurance for my child", "child-student-medical-insurance"),
    case("register as a sole trader", "individual-business-registration"),
    case("restaurant license", "food-business-permit"),
    case("company annual return", "annual-report"),
    case("learner driver", "driving-licence-first"),
    case("book a driving test", "driving-test-booking"),
    case("car registration", "vehicle-registration"),
    case("transfer car ownership", "vehicle-transfer"),
    case("work permit for a foreign employee", "foreign-work-permit"),
    case("residence permit for foreigners", "foreigner-residence-permit"),
    case("unpaid salary", "labour-inspection-complaint"),
    case("hong kong travel permit", "hk-macao-permit"),
    case("disabled person card", "disability-certificate"),
    case("rent subsidy", "low-income-rent-subsidy"),
    case("pasport", "passport-application"),
    case("driving licence renewel", "driving-licence-renewal"),
    case("certificat of no criminal record", "no-criminal-record-certificate"),
    case("maternaty benefit", "maternity-benefit"),
    case("unemploymant", "unemployment-benefit"),
    case("adopton registration", "adoption-registration"),
]

CHINESE = OFFICIAL_ZH + COLLOQUIAL_ZH + REORDERED_ZH + PINYIN_ZH + LATER_ZH
IN_ENGLISH = ENGLISH + NATURAL_EN + MISSPELLED_EN + LATER_EN
ALL = CHINESE + IN_ENGLISH


def top_slugs(client, query, language, audience=""):
    """The slugs of the first TOP results the search page shows for `query`."""
    response = client.get(f"/{language}/services/", {"q": query, "audience": audience}, headers={"HX-Request": "true"})
    assert response.status_code == 200
    return [service.slug for service in response.context["page"].object_list[:TOP]]


@pytest.mark.parametrize(("query", "slug"), CHINESE)
def test_a_chinese_query_finds_its_service_in_the_top_five(client, demo_city, query, slug):
    assert slug in top_slugs(client, query, "zh-hans")


@pytest.mark.parametrize(("query", "slug"), IN_ENGLISH)
def test_an_english_query_finds_its_service_in_the_top_five(client, demo_city, query, slug):
    assert slug in top_slugs(client, query, "en")


@pytest.mark.parametrize(("query", "audience", "slug"), AUDIENCE)
def test_the_audience_switch_puts_the_right_service_in_the_top_five(client, demo_city, query, audience, slug):
    language = "en" if query.isascii() else "zh-hans"
    assert slug in top_slugs(client, query, language, audience)


@pytest.mark.parametrize("query", ["社保", "公积金", "营业执照", "licence", "registration"])
def test_personal_results_hold_no_business_only_service(client, demo_city, query):
    business_only = {s["slug"] for s in demo_services() if s.get("audience") == "business"}
    language = "en" if query.isascii() else "zh-hans"
    response = client.get(f"/{language}/services/", {"q": query, "audience": "individual"})
    shown = {s.slug for s in response.context["page"].paginator.object_list}
    assert not shown & business_only


def test_the_suite_has_at_least_100_different_queries_each_for_a_demo_service():
    demo = {s["slug"] for s in demo_services()}
    queries = [p.values[0] for p in ALL]
    assert len(queries) >= 100
    assert len(set(queries)) == len(queries)
    assert {p.values[1] for p in ALL} <= demo
    assert {p.values[2] for p in AUDIENCE} <= demo


def test_the_suite_runs_on_postgresql_in_the_postgresql_pass():
    """CI's second pass sets REQUIRE_POSTGRES=1: there the relevance suite must really have run on
    PostgreSQL (tests/test_databases.py's rule); elsewhere this is a skip."""
    if connection.vendor == "postgresql":
        return
    if os.environ.get("REQUIRE_POSTGRES") == "1":
        skip_or_fail(f"REQUIRE_POSTGRES=1 but the relevance suite ran on {connection.vendor}")
    pytest.skip(f"not the PostgreSQL pass (this pass runs on {connection.vendor})")


# Small faults found by hand (issue 12, second pass) ---------------------------------------------


def test_a_typo_of_one_word_finds_the_driving_licence_services_first_and_not_every_licence(client, demo_city):
    response = client.get("/en/services/", {"q": "drivng licence"}, headers={"HX-Request": "true"})
    shown = [s.slug for s in response.context["page"].paginator.object_list]
    assert {"driving-licence-renewal", "driving-licence-first", "driving-licence-replacement"} <= set(shown[:TOP])
    assert len(shown) < 30


def test_a_district_name_lists_that_districts_centres_and_no_other(demo_city):
    from services.catalogue import search

    centres = search.find_centres("江心区")
    assert len(centres) == 3
    assert {c.district.name_zh for c in centres} == {"江心区"}
    assert search.find_centres("养老金") == []  # 金 of 金滩区 is no reason to list a centre


def test_a_suggestion_is_never_a_query_that_finds_nothing(client, demo_city):
    from services.catalogue import search

    assert search.find_services("zzzz qqqq").suggestion is None  # not "zzz qqqq" (zzz: pinyin of 暂住证)
    for query in ["pensoin qqqq", "passpart", "marraige"]:
        result = search.find_services(query, language="en")
        if result.suggestion:
            assert search.find_services(result.suggestion, language="en").ids


# The independent reviewer's faults (issue 12, third pass) ------------------------------------------


def all_slugs(client, query, language="zh-hans", **params):
    response = client.get(f"/{language}/services/", {"q": query, **params}, headers={"HX-Request": "true"})
    assert response.status_code == 200
    return [s.slug for s in response.context["page"].paginator.object_list]


@pytest.mark.parametrize("query", ["养犬登记", "狗证", "养狗", "办狗证"])
def test_a_service_named_by_a_rare_word_is_not_followed_by_every_service_sharing_a_common_word(
    client, demo_city, query
):
    # 养犬 is a word of the name (养犬登记) even though the segmenter cuts it into 养, 犬: a
    # service that only shares 登记 is no answer.
    shown = all_slugs(client, query)
    assert shown[0] == "dog-registration"
    assert len(shown) < 15


@pytest.mark.parametrize(
    ("query", "event"),
    [
        ("搬家", "moving-house"),
        ("结婚", "getting-married"),
        ("开饭店", "opening-a-restaurant"),
        ("开店", "starting-a-business"),
    ],
)
def test_everyday_words_for_a_life_event_bring_up_the_event(demo_city, query, event):
    from services.catalogue import search

    result = search.find_services(query, language="zh")
    assert event in [e.slug for e in result.life_events]
    assert set(result.ids) >= {s.pk for s in result.life_events[0].services.filter(published=True)}


def test_a_word_many_services_have_counts_less_than_a_rare_one(client, demo_city):
    shown = all_slugs(client, "孩子上小学报名")
    assert shown[0] == "primary-school-enrolment"


def test_when_the_filters_remove_the_strong_matches_the_weak_ones_are_not_presented_as_the_answer(client, demo_city):
    from services.catalogue import search
    from services.catalogue.models import District, SearchDocument

    # No passport service is offered online in Jiangxin: what only mentions a passport among its
    # materials or FAQ (23 services before) is no answer.
    params = {"q": "passport", "district": "jiangxin", "channel": "online"}
    response = client.get("/en/services/", params)
    assert response.status_code == 200
    shown = [s.pk for s in response.context["page"].paginator.object_list]
    documents = SearchDocument.objects.filter(service_id__in=shown)
    assert all(" passport " in f" {d.name_terms} {d.keyword_terms} {d.summary_terms} " for d in documents)
    unfiltered = len(all_slugs(client, "passport", "en"))
    result = search.find_services(
        "passport", filters={"district": District.objects.get(slug="jiangxin"), "channel": "online"}, language="en"
    )
    assert result.without_filters == unfiltered - len(result.ids) > 0
    text = response.content.decode()
    assert "search for “passport” without the filters" in text
    if shown:
        assert f"{unfiltered - len(shown)} more services match without the filters" in text
    else:
        assert f"{unfiltered} services" in text


def test_a_filtered_page_says_how_many_more_services_match_without_the_filters(client, demo_city):
    response = client.get("/en/services/", {"q": "registration", "channel": "online"})
    shown = response.context["page"].paginator.count
    unfiltered = len(all_slugs(client, "registration", "en"))
    assert 0 < shown < unfiltered
    text = response.content.decode()
    assert f"{unfiltered - shown} more services match without the filters" in text
    assert "search for “registration” without the filters" in text
    response = client.get("/zh-hans/services/", {"q": "registration", "channel": "online"})
    assert "去掉筛选条件，还有" in response.content.decode()
