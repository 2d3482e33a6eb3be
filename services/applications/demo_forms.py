# ruff: noqa: E501 - content file: each bilingual (Chinese, English) text pair stays on one line.
"""Online application forms for every Haipu City demo service that can be applied for online.

Each form is one to three question pages of three to ten questions. Shared building blocks
(the applicant's name, ID, mobile and address; the business's name and credit code; a bank
card) keep the keys that the citizen profile pre-fills (`full_name`, `id_number`, `phone`,
`email`, `address`); the rest of each form asks what that service really needs.

Every field may carry an `example`: a realistic answer used by the demo applications and by
the tests that fill in every demo form (see `demo_answers`). Examples are not stored.

`load_demo_forms()` writes the definitions idempotently: pages are matched by (service,
order) and fields by (page, key), so primary keys - and with them each form's version
fingerprint - stay the same when nothing changed, and drafts are not disturbed.
"""

import datetime
from collections import defaultdict
from decimal import Decimal

from django.db import transaction

from services.catalogue.models import Material, Service
from services.lib.validators import resident_id_check_char

from .formengine import condition_met
from .models import DateRule, FieldKind, FormField, FormPage
from .workdays import today as portal_today

TEXT, TEXTAREA, NUMBER, DATE = FieldKind.TEXT, FieldKind.TEXTAREA, FieldKind.NUMBER, FieldKind.DATE
CHOICE, MULTIPLE, YESNO, EMAIL = FieldKind.CHOICE, FieldKind.MULTIPLE, FieldKind.YESNO, FieldKind.EMAIL
MOBILE, ID_NUMBER, ADDRESS, FILE = FieldKind.MOBILE, FieldKind.ID_NUMBER, FieldKind.ADDRESS, FieldKind.FILE
PAST, FUTURE = DateRule.PAST, DateRule.FUTURE

LIMITS = ("min_length", "max_length", "min_value", "max_value", "min_date", "max_date", "date_rule", "max_file_mb")


def q(
    kind,
    key,
    label,
    hint=None,
    *,
    required=True,
    example=None,
    condition=None,
    choices=(),
    material=None,
    **limits,
):
    """One question. `label` and `hint` are (Chinese, English) pairs; `choices` a list of
    (key, Chinese, English); `condition` a (key, value) pair. The hint never repeats the
    condition: the form engine says "Answer only if your answer to … is …" for a condition on
    the same page, and a question whose condition is on an earlier page is shown only when it
    holds. `material` the English name
    of one of the service's materials (for uploads); `example` a demo answer, or a callable of
    today's date for dates that must move with the calendar."""
    unknown = set(limits) - set(LIMITS)
    if unknown:
        raise TypeError(f"unknown field options {unknown}")
    return {
        "kind": kind,
        "key": key,
        "label": label,
        "hint": hint or ("", ""),
        "required": required,
        "example": example,
        "condition": condition or ("", ""),
        "choices": list(choices),
        "material": material,
        **limits,
    }


def vary(field, **changes):
    """A shared question with some attributes changed for one form."""
    return {**field, **changes}


def page(title, *fields, intro=None):
    return {"title": title, "intro": intro or ("", ""), "fields": list(fields)}


def days(n):
    """An example date `n` days from today (negative: in the past)."""
    return lambda today: today + datetime.timedelta(days=n)


def resident_id(region, born, sequence):
    """A valid 18-character resident ID number: region code, date of birth, 3-digit sequence
    (odd for men, even for women) and its check character."""
    first17 = f"{region}{born:%Y%m%d}{sequence:03d}"
    return first17 + resident_id_check_char(first17)


# Demo people (all fictional; the ID numbers have correct check characters).
ID_ZHANG_WEI = "310104198803150011"  # the demo citizen, 张伟
ID_LI_NA = "310115199006080026"  # his wife, 李娜
ID_ZHANG_GUILAN = "11010519491231002X"  # his mother, 张桂兰
ID_WANG_QIANG = "310101197511230059"  # a company's legal representative, 王强
ID_CHEN_JIANGUO = "310106196207040039"  # a retiring neighbour, 陈建国
ID_ZHOU_MIN = "310112198509120049"  # a company's finance manager, 周敏
HOME = {"district": "xuyuan", "street": "天钥桥路 58 弄 6 号 1202 室"}
PREMISES_EXAMPLE = {"district": "puxin", "street": "张江路 88 号 3 幢 501 室"}


def school_entry_year(today):
    """Children start school in September: the next September from today."""
    return today.year if today.month < 9 else today.year + 1


def birth_window(today, age):
    """Birth dates of children who are `age` on 31 August of the coming school year."""
    year = school_entry_year(today)
    return datetime.date(year - age - 1, 9, 1), datetime.date(year - age, 8, 31)


# --- Options used by several forms ---------------------------------------------------------------

SEX = [("male", "男", "Male"), ("female", "女", "Female")]
BANKS = [
    ("icbc", "中国工商银行", "Industrial and Commercial Bank of China"),
    ("ccb", "中国建设银行", "China Construction Bank"),
    ("boc", "中国银行", "Bank of China"),
    ("abc", "中国农业银行", "Agricultural Bank of China"),
    ("bocom", "交通银行", "Bank of Communications"),
    ("hprcb", "海浦农村商业银行", "Haipu Rural Commercial Bank"),
]
RELATIONS = [
    ("spouse", "配偶", "Husband or wife"),
    ("child", "子女", "Son or daughter"),
    ("parent", "父母", "Parent"),
    ("sibling", "兄弟姐妹", "Brother or sister"),
    ("other", "其他近亲属", "Other close relative"),
]
DELIVERY = [
    ("post", "邮寄到家（免费）", "By post to my home (free)"),
    ("counter", "到窗口领取", "Collect it at a service centre"),
]
PURPOSES = [
    ("housing", "购房或租房", "Buying or renting a home"),
    ("car_plate", "机动车号牌额度", "Car plate quota"),
    ("school", "子女入学", "A child's school place"),
    ("visa", "办理签证", "A visa"),
    ("other", "其他", "Something else"),
]

# --- Questions shared by many forms --------------------------------------------------------------

FULL_NAME = q(
    TEXT,
    "full_name",
    ("姓名", "Full name"),
    ("与身份证件上的姓名一致。", "As on your identity document."),
    min_length=2,
    max_length=50,
    example="张伟",
)
ID = q(
    ID_NUMBER,
    "id_number",
    ("身份证件号码", "Identity document number"),
    (
        "内地居民填写 18 位居民身份证号码；港澳台居民和外国人请选择相应证件类型。",
        "Mainland residents: the 18-character resident ID number. Others: choose your type of document.",
    ),
    example=ID_ZHANG_WEI,
)
PHONE = q(
    MOBILE,
    "phone",
    ("手机号码", "Mobile number"),
    ("办理进度将以短信通知。", "We text you about progress."),
    example="13800138000",
)
EMAIL_OPTIONAL = q(
    EMAIL,
    "email",
    ("电子邮箱", "Email address"),
    ("选填，用于接收电子证照和通知。", "Optional: for e-certificates and notices."),
    required=False,
    example="citizen@example.com",
)
HOME_ADDRESS = q(
    ADDRESS,
    "address",
    ("在海浦的居住地址", "Your home address in Haipu"),
    ("填写实际居住的地址。", "Where you actually live."),
    example=HOME,
)
HUKOU_IN_HAIPU = q(
    YESNO, "hukou_in_haipu", ("户籍是否在海浦市？", "Is your household registration (hukou) in Haipu?"), example="no"
)
HUKOU_PROVINCE = q(
    TEXT,
    "hukou_province",
    ("户籍所在省（自治区、直辖市）", "Province of your household registration"),
    ("例如：安徽省。", "For example: Anhui."),
    condition=("hukou_in_haipu", "no"),
    max_length=30,
    example="安徽省",
)
BANK = q(
    CHOICE,
    "bank",
    ("开户银行", "Bank"),
    ("须为本市开户的本人借记卡。", "A debit card in your own name, opened in Haipu."),
    choices=BANKS,
    example="icbc",
)
BANK_ACCOUNT = q(
    TEXT,
    "bank_account",
    ("银行卡号", "Bank card number"),
    ("本人名下借记卡卡号，16 至 19 位数字。", "The 16 to 19 digits of your own debit card."),
    min_length=16,
    max_length=19,
    example="6222021001123456789",
)
DELIVERY_CHOICE = q(CHOICE, "delivery", ("领取方式", "How to receive it"), choices=DELIVERY, example="post")

COMPANY_NAME = q(
    TEXT,
    "company_name",
    ("单位名称", "Name of the business"),
    ("与营业执照一致。", "As on the business licence."),
    min_length=4,
    max_length=100,
    example="海浦云帆信息科技有限公司",
)
CREDIT_CODE = q(
    TEXT,
    "credit_code",
    ("统一社会信用代码", "Unified social credit code"),
    ("营业执照上的 18 位代码。", "The 18-character code on the business licence."),
    min_length=18,
    max_length=18,
    example="91310115MA1K4QX72B",
)
CONTACT_NAME = vary(
    FULL_NAME,
    label=("经办人姓名", "Name of the person handling this"),
    hint=("由单位指定的经办人。", "The person the business has asked to handle the application."),
)
CONTACT_PHONE = vary(PHONE, label=("经办人手机号码", "Mobile number of the person handling this"))
PREMISES = q(
    ADDRESS,
    "premises_address",
    ("经营场所地址", "Address of the premises"),
    ("与场所证明一致。", "As on the proof of premises."),
    example=PREMISES_EXAMPLE,
)
LEGAL_REP_NAME = q(
    TEXT,
    "legal_rep_name",
    ("法定代表人姓名", "Legal representative's name"),
    min_length=2,
    max_length=50,
    example="王强",
)
LEGAL_REP_ID = q(
    ID_NUMBER,
    "legal_rep_id",
    ("法定代表人身份证件号码", "Legal representative's identity document number"),
    example=ID_WANG_QIANG,
)
STAFF = q(NUMBER, "staff_count", ("职工人数", "Number of employees"), min_value=1, max_value=100000, example="36")
FLOOR_AREA = q(
    NUMBER,
    "floor_area",
    ("场所面积（平方米）", "Floor area (square metres)"),
    min_value=1,
    max_value=1000000,
    example="420",
)

ABOUT_YOU = ("申请人信息", "About you")
ABOUT_BUSINESS = ("单位信息", "About the business")


def about_you(*extra, title=ABOUT_YOU, address=HOME_ADDRESS):
    fields = [FULL_NAME, ID, PHONE] + ([address] if address else [])
    return page(title, *fields, *extra)


def about_business(*extra):
    return page(ABOUT_BUSINESS, COMPANY_NAME, CREDIT_CODE, CONTACT_NAME, CONTACT_PHONE, *extra)


def baby_page(*extra, intro=None):
    return page(
        ("宝宝的信息", "About the baby"),
        q(
            TEXT,
            "baby_name",
            ("宝宝姓名", "Baby's name"),
            ("已取名的填写；尚未取名的可填“待定”。", "If not named yet, write 待定 (to be decided)."),
            max_length=20,
            example="张一诺",
        ),
        q(DATE, "baby_birth_date", ("出生日期", "Date of birth"), date_rule=PAST, example=days(-20)),
        q(CHOICE, "baby_sex", ("性别", "Sex"), choices=SEX, example="female"),
        *extra,
        intro=intro,
    )


# --- The forms ------------------------------------------------------------------------------


def demo_form_definitions(today=None):
    """{service slug: [page, ...]} for every demo service that offers online application."""
    today = today or portal_today()
    primary_from, primary_to = birth_window(today, 6)
    kinder_from, kinder_to = birth_window(today, 3)
    primary_child_born = primary_from + datetime.timedelta(days=166)
    kinder_child_born = kinder_from + datetime.timedelta(days=200)

    return {
        # --- Public Security Bureau ---
        "residence-permit": [
            about_you(
                address=vary(
                    HOME_ADDRESS,
                    hint=(
                        "须与租赁备案或产权证明上的地址一致。",
                        "It must match your registered tenancy or title certificate.",
                    ),
                )
            ),
            page(
                ("在海浦居住的情况", "Living in Haipu"),
                vary(
                    HUKOU_PROVINCE,
                    condition=("", ""),
                    hint=(
                        "居住证申领人户籍均不在本市。",
                        "Residence permit applicants have their hukou outside Haipu.",
                    ),
                ),
                q(
                    DATE,
                    "moved_in",
                    ("何时搬入现住址？", "When did you move into this address?"),
                    ("须已居住满半年。", "You must have lived there for six months."),
                    date_rule=PAST,
                    example=days(-400),
                ),
                q(
                    CHOICE,
                    "housing",
                    ("住房类型", "Type of housing"),
                    choices=[
                        ("rented", "租赁住房", "Rented home"),
                        ("own", "自有住房", "My own home"),
                        ("dorm", "单位集体宿舍", "Employer's dormitory"),
                        ("relatives", "投靠亲友居住", "Living with relatives or friends"),
                    ],
                    example="rented",
                ),
                q(
                    CHOICE,
                    "basis",
                    ("在海浦居住的依据", "Why you live in Haipu"),
                    choices=[
                        ("work", "就业", "I work here"),
                        ("business", "经商", "I run a business here"),
                        ("study", "就读", "I study here"),
                    ],
                    example="work",
                ),
                q(
                    TEXT,
                    "employer",
                    ("工作单位名称", "Employer's name"),
                    ("与劳动合同或社保记录一致。", "As on your contract or social insurance record."),
                    condition=("basis", "work"),
                    max_length=100,
                    example="海浦云帆信息科技有限公司",
                ),
                DELIVERY_CHOICE,
            ),
        ],
        "residence-permit-endorsement": [
            about_you(),
            page(
                ("签注信息", "Endorsement details"),
                q(
                    TEXT,
                    "permit_number",
                    ("居住证号码", "Residence permit number"),
                    ("居住证正面的号码。", "The number on the front of the permit."),
                    min_length=8,
                    max_length=20,
                    example="HP3101042023008816",
                ),
                q(
                    YESNO,
                    "same_address",
                    ("居住地址与上次签注时相同吗？", "Do you still live at the address of your last endorsement?"),
                    example="no",
                ),
                q(
                    ADDRESS,
                    "new_address",
                    ("新的居住地址", "Your new address"),
                    ("搬家后须先办理居住登记。", "Register your new address with the community first."),
                    condition=("same_address", "no"),
                    example={"district": "minxi", "street": "龙吴路 1500 弄 12 号 301 室"},
                ),
            ),
        ],
        "hukou-transfer": [
            about_you(address=None),
            page(
                ("迁移信息", "About the move"),
                q(
                    CHOICE,
                    "reason",
                    ("迁移原因", "Reason for the move"),
                    choices=[
                        ("purchase", "购买住房", "I bought a home"),
                        ("join_spouse", "投靠配偶", "Joining my husband or wife"),
                        ("join_parent", "投靠父母", "Joining my parents"),
                        ("join_child", "投靠子女", "Joining my son or daughter"),
                        ("collective", "迁入单位集体户", "Into my employer's collective household"),
                    ],
                    example="purchase",
                ),
                q(
                    ADDRESS,
                    "new_address",
                    ("迁入地址", "New address for your hukou"),
                    example={"district": "jiahe", "street": "博乐路 77 弄 2 号 601 室"},
                ),
                q(
                    NUMBER,
                    "people_moving",
                    ("随迁人数（含本人）", "People moving with this application, including you"),
                    min_value=1,
                    max_value=10,
                    example="3",
                ),
                q(
                    YESNO,
                    "owns_new_home",
                    ("您是迁入地房屋的产权人吗？", "Do you own the home at the new address?"),
                    example="yes",
                ),
                q(
                    TEXT,
                    "owner_name",
                    ("产权人姓名", "Name of the home's owner"),
                    ("须提供产权人书面同意。", "The owner's written consent is needed."),
                    condition=("owns_new_home", "no"),
                    max_length=50,
                    example="张建华",
                ),
            ),
        ],
        "newborn-registration": [
            baby_page(
                q(
                    TEXT,
                    "hospital",
                    ("出生医院", "Hospital where the baby was born"),
                    max_length=100,
                    example="海浦市第一妇婴保健院",
                ),
                q(
                    TEXT,
                    "birth_cert_number",
                    ("出生医学证明编号", "Birth medical certificate number"),
                    ("证明右上角的编号，一个字母加 9 位数字。", "Top right of the certificate: a letter and 9 digits."),
                    min_length=10,
                    max_length=10,
                    example="Q310245871",
                ),
            ),
            page(
                ("父母的信息", "About the parents"),
                q(
                    ID_NUMBER,
                    "father_id",
                    ("父亲身份证件号码", "Father's identity document number"),
                    example=ID_ZHANG_WEI,
                ),
                q(ID_NUMBER, "mother_id", ("母亲身份证件号码", "Mother's identity document number"), example=ID_LI_NA),
                q(
                    CHOICE,
                    "register_with",
                    ("户口随谁登记？", "Register the baby in whose household?"),
                    choices=[("father", "随父亲", "The father's"), ("mother", "随母亲", "The mother's")],
                    example="father",
                ),
            ),
        ],
        "hukou-cancellation-death": [
            page(
                ("逝者的信息", "About the person who died"),
                q(
                    TEXT,
                    "deceased_name",
                    ("逝者姓名", "Their full name"),
                    min_length=2,
                    max_length=50,
                    example="张德海",
                ),
                q(
                    ID_NUMBER,
                    "deceased_id",
                    ("逝者身份证件号码", "Their identity document number"),
                    example=ID_CHEN_JIANGUO,
                ),
                q(DATE, "date_of_death", ("死亡日期", "Date of death"), date_rule=PAST, example=days(-12)),
                q(
                    CHOICE,
                    "place_of_death",
                    ("死亡地点", "Where they died"),
                    choices=[
                        ("hospital", "医疗机构", "In hospital"),
                        ("home", "家中", "At home"),
                        ("other", "其他地点", "Elsewhere"),
                    ],
                    example="hospital",
                ),
            ),
            page(
                ("办理人的信息", "About you"),
                FULL_NAME,
                ID,
                PHONE,
                q(
                    CHOICE,
                    "relation",
                    ("您与逝者的关系", "Your relation to the person who died"),
                    choices=RELATIONS,
                    example="child",
                ),
            ),
        ],
        "no-criminal-record-certificate": [
            about_you(),
            page(
                ("证明的用途", "What the certificate is for"),
                q(
                    CHOICE,
                    "purpose",
                    ("用途", "Purpose"),
                    choices=[
                        ("job", "入职", "A new job"),
                        ("study", "升学", "Further study"),
                        ("abroad", "出国（境）", "Going abroad"),
                        ("adoption", "收养", "Adoption"),
                        ("other", "其他", "Something else"),
                    ],
                    example="job",
                ),
                q(
                    TEXT,
                    "purpose_other",
                    ("请说明用途", "Tell us what it is for"),
                    condition=("purpose", "other"),
                    max_length=100,
                    example="出租车从业资格",
                ),
                HUKOU_IN_HAIPU,
                q(
                    FILE,
                    "residence_permit_scan",
                    ("上传居住证", "Upload your residence permit"),
                    (
                        "上传居住证正反面；已在电子证照库领取的可跳过。",
                        "Both sides of the permit. Skip this if it is in your e-certificate wallet.",
                    ),
                    condition=("hukou_in_haipu", "no"),
                    required=False,
                    material="Haipu residence permit",
                    max_file_mb=5,
                ),
                vary(
                    EMAIL_OPTIONAL,
                    hint=(
                        "选填：电子证明发送至此邮箱；不填可在“海浦通”App 中查看。",
                        "Optional: we email the e-certificate here; otherwise find it in the Haipu Tong app.",
                    ),
                ),
            ),
        ],
        # --- Traffic police ---
        "vehicle-registration": [
            page(
                ("车辆所有人", "The vehicle's owner"),
                q(
                    CHOICE,
                    "owner_type",
                    ("所有人类型", "The vehicle is owned by"),
                    choices=[("person", "个人", "A person"), ("company", "单位", "A business")],
                    example="person",
                ),
                q(
                    TEXT,
                    "company_name",
                    ("单位名称", "Name of the business"),
                    condition=("owner_type", "company"),
                    max_length=100,
                    example="海浦云帆信息科技有限公司",
                ),
                vary(
                    FULL_NAME, label=("所有人或经办人姓名", "Owner's name (or the person handling it for a business)")
                ),
                ID,
                PHONE,
            ),
            page(
                ("车辆信息", "The vehicle"),
                q(
                    TEXT,
                    "vin",
                    ("车辆识别代号（VIN）", "Vehicle identification number (VIN)"),
                    ("合格证上的 17 位代码。", "The 17 characters on the certificate of conformity."),
                    min_length=17,
                    max_length=17,
                    example="LSVAU2180N2183645",
                ),
                q(TEXT, "make_model", ("品牌型号", "Make and model"), max_length=60, example="上汽大众 朗逸"),
                q(
                    DATE,
                    "purchase_date",
                    ("购车日期", "Date of purchase"),
                    ("与购车发票一致。", "As on the sales invoice."),
                    date_rule=PAST,
                    example=days(-6),
                ),
                q(
                    CHOICE,
                    "fuel",
                    ("能源类型", "Power"),
                    choices=[
                        ("petrol", "汽油", "Petrol"),
                        ("electric", "纯电动", "Battery electric"),
                        ("hybrid", "插电式混合动力", "Plug-in hybrid"),
                    ],
                    example="electric",
                ),
            ),
        ],
        "driving-licence-renewal": [
            about_you(),
            page(
                ("驾驶证信息", "Your driving licence"),
                q(
                    DATE,
                    "licence_expiry",
                    ("驾驶证有效期至", "Licence valid until"),
                    ("驾驶证正本上的有效期截止日期。", "The end date printed on the licence."),
                    example=days(45),
                ),
                q(
                    CHOICE,
                    "vehicle_class",
                    ("准驾车型", "Vehicle class"),
                    choices=[
                        ("C1", "C1 小型汽车", "C1 car"),
                        ("C2", "C2 小型自动挡汽车", "C2 automatic car"),
                        ("B2", "B2 大型货车", "B2 heavy goods vehicle"),
                        ("A1", "A1 大型客车", "A1 bus"),
                    ],
                    example="C1",
                ),
                DELIVERY_CHOICE,
            ),
        ],
        "driving-licence-replacement": [
            about_you(),
            page(
                ("遗失情况", "What happened"),
                q(
                    CHOICE,
                    "how_lost",
                    ("驾驶证", "Your licence was"),
                    choices=[("lost", "遗失", "Lost"), ("stolen", "被盗", "Stolen"), ("damaged", "损毁", "Damaged")],
                    example="lost",
                ),
                q(
                    YESNO,
                    "reported_to_police",
                    ("已向公安机关报案吗？", "Have you reported the theft to the police?"),
                    condition=("how_lost", "stolen"),
                    example="yes",
                ),
                q(DATE, "lost_on", ("发现遗失的日期", "When did you notice?"), date_rule=PAST, example=days(-3)),
                DELIVERY_CHOICE,
            ),
        ],
        "vehicle-inspection-label": [
            page(
                ("车辆和检验", "The vehicle and its inspection"),
                vary(FULL_NAME, label=("机动车所有人", "Owner of the vehicle")),
                PHONE,
                q(
                    TEXT,
                    "plate_number",
                    ("号牌号码", "Number plate"),
                    ("例如：浦A·K2368。", "For example 浦A·K2368."),
                    min_length=7,
                    max_length=9,
                    example="浦A·K2368",
                ),
                q(
                    CHOICE,
                    "vehicle_type",
                    ("车辆类型", "Type of vehicle"),
                    choices=[
                        ("car", "小型汽车", "Car"),
                        ("van", "小型货车", "Small van"),
                        ("motorcycle", "摩托车", "Motorcycle"),
                    ],
                    example="car",
                ),
                q(
                    DATE,
                    "inspected_on",
                    ("检验合格日期", "Date the vehicle passed inspection"),
                    date_rule=PAST,
                    example=days(-2),
                ),
                q(
                    DATE,
                    "insurance_until",
                    ("交强险有效期至", "Compulsory insurance valid until"),
                    date_rule=FUTURE,
                    example=days(200),
                ),
            ),
        ],
        # --- Civil affairs ---
        "marriage-certificate-replacement": [
            page(
                ("双方的信息", "About the two of you"),
                FULL_NAME,
                ID,
                q(
                    TEXT,
                    "spouse_name",
                    ("配偶姓名", "Your husband's or wife's name"),
                    min_length=2,
                    max_length=50,
                    example="李娜",
                ),
                q(ID_NUMBER, "spouse_id", ("配偶身份证件号码", "Their identity document number"), example=ID_LI_NA),
            ),
            page(
                ("结婚登记", "Your marriage registration"),
                q(
                    DATE,
                    "married_on",
                    ("结婚登记日期", "Date of the marriage registration"),
                    date_rule=PAST,
                    example="2016-05-20",
                ),
                q(
                    TEXT,
                    "registry",
                    ("原登记机关", "Where you registered"),
                    ("例如：徐园区民政局婚姻登记处。", "For example: Xuyuan District marriage registry."),
                    max_length=100,
                    example="徐园区民政局婚姻登记处",
                ),
                q(
                    CHOICE,
                    "reason",
                    ("补领原因", "Why you need a replacement"),
                    choices=[("lost", "遗失", "Lost"), ("damaged", "损毁", "Damaged")],
                    example="lost",
                ),
            ),
        ],
        "senior-allowance": [
            about_you(),
            page(
                ("津贴发放", "Receiving the allowance"),
                q(
                    NUMBER,
                    "hukou_years",
                    ("取得本市户籍的年数", "Years you have had a Haipu hukou"),
                    min_value=0,
                    max_value=120,
                    example="55",
                ),
                q(
                    YESNO,
                    "lives_alone",
                    ("是否独居？", "Do you live alone?"),
                    ("独居老人可同时登记关爱服务。", "People living alone can also sign up for visits."),
                    example="no",
                ),
                BANK,
                BANK_ACCOUNT,
            ),
        ],
        "elderly-care-subsidy": [
            about_you(),
            page(
                ("照护需求", "Care needs"),
                q(
                    CHOICE,
                    "care_level",
                    ("照护需求等级", "Assessed care level"),
                    ("长期护理保险评估结论中的等级。", "From your long-term care assessment."),
                    choices=[(str(n), f"{n} 级", f"Level {n}") for n in range(1, 7)],
                    example="3",
                ),
                q(
                    MULTIPLE,
                    "services_wanted",
                    ("需要的服务", "Services you need"),
                    ("可多选。", "Choose all that apply."),
                    choices=[
                        ("meals", "助餐", "Meals"),
                        ("bathing", "助浴", "Help with bathing"),
                        ("cleaning", "助洁", "Cleaning"),
                        ("medical", "助医", "Help with medical visits"),
                        ("day_care", "日间照料", "Day care"),
                    ],
                    example=["meals", "cleaning"],
                ),
                q(
                    NUMBER,
                    "monthly_income",
                    ("本人月收入（元）", "Your monthly income (RMB)"),
                    min_value=0,
                    max_value=1000000,
                    example="2860",
                ),
            ),
        ],
        "minimum-living-allowance": [
            about_you(),
            page(
                ("家庭情况", "Your household"),
                q(
                    NUMBER,
                    "household_size",
                    ("共同生活的家庭成员人数", "People in your household"),
                    min_value=1,
                    max_value=20,
                    example="3",
                ),
                q(
                    NUMBER,
                    "monthly_income",
                    ("家庭月收入合计（元）", "Household income per month (RMB)"),
                    min_value=0,
                    max_value=1000000,
                    example="2100",
                ),
                q(
                    YESNO,
                    "other_property",
                    (
                        "除现住房外，家庭还有其他住房吗？",
                        "Does your household own any home other than the one you live in?",
                    ),
                    example="no",
                ),
                q(
                    TEXTAREA,
                    "other_property_details",
                    ("请说明其他住房的情况", "Tell us about the other homes"),
                    condition=("other_property", "yes"),
                    max_length=500,
                    example="老家宅基地房一处，无出租收入。",
                ),
                q(
                    TEXTAREA,
                    "hardship",
                    ("生活困难的原因", "What caused the hardship?"),
                    ("例如失业、重病、残疾。", "For example losing a job, serious illness or disability."),
                    min_length=10,
                    max_length=1000,
                    example="本人去年失业，妻子患病需长期治疗，家庭收入难以维持基本生活。",
                ),
            ),
        ],
        "temporary-assistance": [
            about_you(),
            page(
                ("遇到的困难", "Your emergency"),
                q(
                    CHOICE,
                    "hardship_type",
                    ("困难类型", "What happened"),
                    choices=[
                        ("illness", "突发重病", "Sudden serious illness"),
                        ("accident", "意外事故", "An accident"),
                        ("disaster", "自然灾害", "A natural disaster"),
                        ("fire", "火灾", "A fire"),
                        ("other", "其他", "Something else"),
                    ],
                    example="accident",
                ),
                q(DATE, "happened_on", ("发生日期", "When did it happen?"), date_rule=PAST, example=days(-9)),
                q(
                    NUMBER,
                    "amount_needed",
                    ("需要救助的金额（元）", "How much help you need (RMB)"),
                    min_value=1,
                    max_value=50000,
                    example="8000",
                ),
                q(
                    TEXTAREA,
                    "description",
                    ("具体情况", "Tell us what happened"),
                    min_length=10,
                    max_length=1000,
                    example="家中老人摔伤住院手术，自付医疗费用超过家庭三个月收入。",
                ),
            ),
        ],
        # --- Disabled Persons' Federation ---
        "disability-certificate": [
            about_you(),
            page(
                ("残疾情况", "About the disability"),
                q(
                    CHOICE,
                    "disability_type",
                    ("残疾类别", "Type of disability"),
                    choices=[
                        ("visual", "视力残疾", "Sight"),
                        ("hearing", "听力残疾", "Hearing"),
                        ("speech", "言语残疾", "Speech"),
                        ("physical", "肢体残疾", "Physical"),
                        ("intellectual", "智力残疾", "Intellectual"),
                        ("mental", "精神残疾", "Mental health"),
                        ("multiple", "多重残疾", "More than one"),
                    ],
                    example="physical",
                ),
                q(
                    YESNO,
                    "home_assessment",
                    ("行动不便，需要上门评定吗？", "Do you need the assessment at home because you cannot travel?"),
                    example="no",
                ),
                q(
                    FILE,
                    "medical_records",
                    ("病历资料", "Medical records"),
                    (
                        "如有近期病历或检查报告请上传，可缩短评定时间。",
                        "If you have recent medical records or test results, uploading them speeds up the assessment.",
                    ),
                    required=False,
                    material="Medical records",
                ),
            ),
        ],
        "disability-allowances": [
            about_you(),
            page(
                ("补贴申请", "The allowances"),
                q(
                    TEXT,
                    "certificate_number",
                    ("残疾人证号", "Disability certificate number"),
                    (
                        "20 位：身份证号码加两位类别等级代码。",
                        "20 characters: your ID number and a two-digit category code.",
                    ),
                    min_length=20,
                    max_length=22,
                    example=ID_ZHANG_WEI + "42",
                ),
                q(
                    MULTIPLE,
                    "allowances",
                    ("申请的补贴", "Allowances you are applying for"),
                    choices=[
                        ("living", "困难残疾人生活补贴", "Living allowance for disabled people on low incomes"),
                        ("care", "重度残疾人护理补贴", "Care allowance for severely disabled people"),
                    ],
                    example=["living", "care"],
                ),
                BANK,
                BANK_ACCOUNT,
            ),
        ],
        "assistive-devices": [
            about_you(),
            page(
                ("辅助器具", "The devices"),
                q(
                    TEXT,
                    "certificate_number",
                    ("残疾人证号", "Disability certificate number"),
                    min_length=20,
                    max_length=22,
                    example=ID_ZHANG_WEI + "42",
                ),
                q(
                    MULTIPLE,
                    "devices",
                    ("需要的辅助器具", "Devices you need"),
                    choices=[
                        ("wheelchair", "轮椅", "Wheelchair"),
                        ("hearing_aid", "助听器", "Hearing aid"),
                        ("walker", "助行器", "Walking frame"),
                        ("prosthesis", "假肢", "Prosthesis"),
                        ("magnifier", "助视器", "Low-vision aid"),
                    ],
                    example=["wheelchair"],
                ),
                q(
                    YESNO,
                    "home_fitting",
                    ("需要上门适配评估吗？", "Do you need the fitting done at home?"),
                    example="yes",
                ),
            ),
        ],
        # --- Human resources and social security ---
        "ssc-application": [
            about_you(),
            page(
                ("制卡和领卡", "Making and receiving the card"),
                vary(BANK, label=("社保卡金融功能合作银行", "Bank for the card's payment functions"), hint=("", "")),
                DELIVERY_CHOICE,
                q(
                    ADDRESS,
                    "delivery_address",
                    ("邮寄地址", "Address to post the card to"),
                    ("不填则寄往居住地址。", "Leave blank to use your home address."),
                    required=False,
                    condition=("delivery", "post"),
                    example=HOME,
                ),
                vary(
                    EMAIL_OPTIONAL,
                    hint=(
                        "选填：电子社保卡开通提醒发送至此邮箱。",
                        "Optional: we email you when the electronic card is ready.",
                    ),
                ),
            ),
        ],
        "ssc-replacement": [
            about_you(),
            page(
                ("补换原因", "Why you need a new card"),
                q(
                    CHOICE,
                    "reason",
                    ("补换原因", "Reason"),
                    choices=[
                        ("lost", "遗失", "Lost"),
                        ("damaged", "损坏", "Damaged"),
                        ("expired", "有效期满", "Expired"),
                        ("upgrade", "换领新版卡", "Upgrade to the new card"),
                    ],
                    example="damaged",
                ),
                q(
                    YESNO,
                    "suspended",
                    ("原卡已挂失吗？", "Have you already suspended the lost card?"),
                    ("未挂失的可拨打 12333 立即挂失。", "If not, call 12333 to suspend it now."),
                    condition=("reason", "lost"),
                    example="yes",
                ),
                DELIVERY_CHOICE,
            ),
        ],
        "unemployment-registration": [
            about_you(),
            page(
                ("原工作情况", "Your last job"),
                q(
                    TEXT,
                    "last_employer",
                    ("原工作单位", "Your last employer"),
                    max_length=100,
                    example="海浦星河贸易有限公司",
                ),
                q(DATE, "job_ended", ("劳动关系终止日期", "Date your job ended"), date_rule=PAST, example=days(-25)),
                q(
                    CHOICE,
                    "reason",
                    ("离职原因", "Why it ended"),
                    choices=[
                        ("contract_end", "劳动合同到期", "My contract ended"),
                        ("dismissed", "单位解除劳动合同", "My employer ended it"),
                        ("resigned", "本人辞职", "I resigned"),
                        ("closed", "单位关闭或破产", "The employer closed down"),
                    ],
                    example="contract_end",
                ),
                q(
                    YESNO,
                    "wants_training",
                    ("希望参加免费职业培训吗？", "Would you like free vocational training?"),
                    example="yes",
                ),
            ),
        ],
        "unemployment-benefit": [
            about_you(),
            page(
                ("申领信息", "Your claim"),
                q(DATE, "job_ended", ("劳动关系终止日期", "Date your job ended"), date_rule=PAST, example=days(-25)),
                q(
                    NUMBER,
                    "contribution_years",
                    ("失业保险累计缴费年限", "Years of unemployment insurance contributions"),
                    ("缴费满 1 年方可申领。", "You need at least one year."),
                    min_value=1,
                    max_value=50,
                    example="6",
                ),
                BANK,
                BANK_ACCOUNT,
            ),
        ],
        "employment-registration": [
            about_business(),
            page(
                ("新招用人员", "The new employee"),
                q(TEXT, "employee_name", ("职工姓名", "Employee's name"), min_length=2, max_length=50, example="周敏"),
                q(
                    ID_NUMBER,
                    "employee_id",
                    ("职工身份证件号码", "Employee's identity document number"),
                    example=ID_ZHOU_MIN,
                ),
                q(
                    DATE,
                    "start_date",
                    ("入职日期", "First day of work"),
                    ("入职 30 日内办理登记。", "Register within 30 days of the start."),
                    example=days(-5),
                ),
                q(
                    CHOICE,
                    "contract_type",
                    ("劳动合同类型", "Type of contract"),
                    choices=[
                        ("fixed", "固定期限", "Fixed term"),
                        ("open", "无固定期限", "Open-ended"),
                        ("task", "以完成一定工作任务为期限", "For a defined piece of work"),
                    ],
                    example="fixed",
                ),
                q(
                    NUMBER,
                    "monthly_wage",
                    ("月工资（元）", "Monthly wage (RMB)"),
                    ("不得低于本市最低工资标准。", "At least the Haipu minimum wage."),
                    min_value=2690,
                    max_value=1000000,
                    example="9500",
                ),
            ),
        ],
        "employer-social-insurance": [
            about_business(),
            page(
                ("参保信息", "Social insurance details"),
                PREMISES,
                STAFF,
                q(
                    TEXT,
                    "account_bank",
                    ("基本存款账户开户行", "Bank of the company's basic account"),
                    max_length=100,
                    example="中国工商银行海浦张江支行",
                ),
                q(
                    TEXT,
                    "company_account",
                    ("基本存款账户账号", "Company account number"),
                    min_length=8,
                    max_length=30,
                    example="1001234509000123456",
                ),
            ),
        ],
        "pension-application": [
            about_you(),
            page(
                ("退休和领取", "Retiring and receiving your pension"),
                q(DATE, "retirement_date", ("达到退休年龄的日期", "Date you reach pension age"), example=days(30)),
                q(
                    NUMBER,
                    "contribution_years",
                    ("养老保险累计缴费年限", "Years of pension contributions"),
                    ("须满 15 年。", "At least 15 years."),
                    min_value=15,
                    max_value=60,
                    example="38",
                ),
                q(
                    CHOICE,
                    "job_type",
                    ("岗位类型", "Kind of work"),
                    choices=[
                        ("ordinary", "一般岗位", "An ordinary job"),
                        ("special", "特殊工种（提前退休）", "Hazardous work (early retirement)"),
                    ],
                    example="ordinary",
                ),
                BANK,
                BANK_ACCOUNT,
            ),
        ],
        "social-insurance-certificate": [
            page(
                ("开具对象", "Whose certificate"),
                q(
                    CHOICE,
                    "certificate_for",
                    ("证明对象", "The certificate is for"),
                    choices=[
                        ("person", "个人参保证明", "My own contributions"),
                        ("company", "单位参保证明", "A business's staff"),
                    ],
                    example="person",
                ),
                q(
                    TEXT,
                    "company_name",
                    ("单位名称", "Name of the business"),
                    condition=("certificate_for", "company"),
                    max_length=100,
                    example="海浦云帆信息科技有限公司",
                ),
                FULL_NAME,
                ID,
            ),
            page(
                ("证明内容", "What the certificate shows"),
                q(DATE, "period_from", ("起始月份", "From"), date_rule=PAST, example=days(-730)),
                q(DATE, "period_to", ("截止月份", "To"), date_rule=PAST, example=days(-1)),
                q(CHOICE, "purpose", ("用途", "What it is for"), choices=PURPOSES, example="car_plate"),
            ),
        ],
        "training-subsidy": [
            about_you(),
            page(
                ("培训和证书", "Your training and certificate"),
                q(TEXT, "course", ("培训项目", "Course"), max_length=100, example="育婴员（四级）"),
                q(
                    TEXT,
                    "provider",
                    ("培训机构", "Training provider"),
                    max_length=100,
                    example="海浦市职业技能培训中心",
                ),
                q(
                    DATE,
                    "certificate_date",
                    ("取得证书日期", "Date you got the certificate"),
                    ("须在取证后 12 个月内申请。", "Apply within 12 months."),
                    date_rule=PAST,
                    example=days(-40),
                ),
                q(
                    NUMBER,
                    "fee_paid",
                    ("实际缴纳培训费（元）", "Training fee you paid (RMB)"),
                    min_value=0,
                    max_value=20000,
                    example="1800",
                ),
                BANK_ACCOUNT,
            ),
        ],
        "startup-subsidy": [
            about_you(address=None),
            page(
                ("您的企业", "Your business"),
                COMPANY_NAME,
                CREDIT_CODE,
                q(
                    DATE,
                    "founded",
                    ("成立日期", "Date the business was registered"),
                    date_rule=PAST,
                    example=days(-120),
                ),
                q(NUMBER, "employees", ("带动就业人数", "People employed"), min_value=0, max_value=10000, example="4"),
                q(
                    YESNO,
                    "wants_loan",
                    ("同时申请创业担保贷款吗？", "Do you also want a guaranteed start-up loan?"),
                    example="yes",
                ),
            ),
            page(
                ("创业担保贷款", "The guaranteed loan"),
                q(
                    NUMBER,
                    "loan_amount",
                    ("贷款金额（元）", "Amount to borrow (RMB)"),
                    ("个人最高 50 万元。", "Up to RMB 500,000."),
                    condition=("wants_loan", "yes"),
                    min_value=10000,
                    max_value=500000,
                    example="300000",
                ),
                q(
                    NUMBER,
                    "loan_years",
                    ("贷款期限（年）", "Term (years)"),
                    condition=("wants_loan", "yes"),
                    min_value=1,
                    max_value=3,
                    example="3",
                ),
                intro=(
                    "贷款由合作银行发放，财政给予贴息。",
                    "The loan comes from a partner bank; the city pays part of the interest.",
                ),
            ),
        ],
        "labour-arbitration": [
            about_you(),
            page(
                ("争议情况", "The dispute"),
                q(
                    TEXT,
                    "employer_name",
                    ("被申请人（用人单位）", "The employer you have the dispute with"),
                    max_length=100,
                    example="海浦星河贸易有限公司",
                ),
                q(
                    MULTIPLE,
                    "claims",
                    ("仲裁请求", "What you are claiming"),
                    choices=[
                        ("wages", "拖欠工资", "Unpaid wages"),
                        ("overtime", "加班费", "Overtime pay"),
                        ("severance", "经济补偿", "Severance pay"),
                        ("insurance", "补缴社会保险", "Unpaid social insurance"),
                        ("injury", "工伤待遇", "Work injury benefits"),
                        ("other", "其他", "Something else"),
                    ],
                    example=["wages", "severance"],
                ),
                q(
                    NUMBER,
                    "amount_claimed",
                    ("请求金额合计（元）", "Total amount claimed (RMB)"),
                    min_value=0,
                    max_value=100000000,
                    example="36500",
                ),
                q(
                    TEXTAREA,
                    "facts",
                    ("事实和理由", "What happened"),
                    ("写明时间、经过和您的请求依据。", "Say when and what happened, and why you are owed this."),
                    min_length=20,
                    max_length=2000,
                    example="本人于 2023 年 3 月入职，单位自今年 7 月起拖欠工资三个月，并于 10 月以经营困难为由口头辞退本人，未支付经济补偿。",
                ),
            ),
        ],
        "death-grant": [
            page(
                ("逝者的信息", "About the person who died"),
                q(
                    TEXT,
                    "deceased_name",
                    ("逝者姓名", "Their full name"),
                    min_length=2,
                    max_length=50,
                    example="张德海",
                ),
                q(
                    ID_NUMBER,
                    "deceased_id",
                    ("逝者身份证件号码", "Their identity document number"),
                    example=ID_CHEN_JIANGUO,
                ),
                q(DATE, "date_of_death", ("死亡日期", "Date of death"), date_rule=PAST, example=days(-12)),
            ),
            page(
                ("领取人", "Who receives the grant"),
                FULL_NAME,
                ID,
                q(
                    CHOICE,
                    "relation",
                    ("您与逝者的关系", "Your relation to the person who died"),
                    choices=RELATIONS,
                    example="child",
                ),
                BANK_ACCOUNT,
            ),
        ],
        "employer-account-closure": [
            about_business(),
            page(
                ("注销信息", "Closing the accounts"),
                q(
                    CHOICE,
                    "reason",
                    ("注销原因", "Why the accounts are closing"),
                    choices=[
                        ("deregistered", "企业注销", "The business is closing"),
                        ("merged", "合并或分立", "A merger or split"),
                        ("moved", "迁出本市", "Moving out of Haipu"),
                    ],
                    example="deregistered",
                ),
                q(
                    MULTIPLE,
                    "accounts",
                    ("注销的账户", "Accounts to close"),
                    choices=[
                        ("social_insurance", "社会保险账户", "Social insurance"),
                        ("provident_fund", "住房公积金账户", "Housing provident fund"),
                    ],
                    example=["social_insurance", "provident_fund"],
                ),
                q(
                    YESNO,
                    "staff_settled",
                    ("全部职工已转移或封存吗？", "Have all employees' accounts been transferred or frozen?"),
                    example="yes",
                ),
            ),
        ],
        # --- Housing provident fund ---
        "hpf-withdrawal-rent": [
            about_you(),
            page(
                ("租房情况", "Your rented home"),
                q(
                    CHOICE,
                    "rent_type",
                    ("租房类型", "Type of tenancy"),
                    choices=[
                        ("registered", "已登记备案的租赁", "Registered tenancy"),
                        ("unregistered", "未备案的租赁", "Unregistered tenancy"),
                        ("public", "公共租赁住房", "Public rental housing"),
                    ],
                    example="unregistered",
                ),
                q(
                    NUMBER,
                    "monthly_rent",
                    ("月租金（元）", "Monthly rent (RMB)"),
                    min_value=1,
                    max_value=100000,
                    example="4200",
                ),
                q(
                    FILE,
                    "lease",
                    ("上传租赁合同", "Upload the tenancy agreement"),
                    (
                        "已备案的按实际租金提取，请上传合同。",
                        "With a registered tenancy you can withdraw the actual rent: upload the agreement.",
                    ),
                    condition=("rent_type", "registered"),
                    required=False,
                    material="Tenancy agreement",
                ),
                BANK_ACCOUNT,
            ),
        ],
        "hpf-withdrawal-retirement": [
            about_you(),
            page(
                ("提取信息", "Your withdrawal"),
                q(DATE, "retired_on", ("退休日期", "Date you retired"), date_rule=PAST, example=days(-60)),
                BANK,
                BANK_ACCOUNT,
            ),
        ],
        "hpf-withdrawal-purchase": [
            about_you(),
            page(
                ("所购住房", "The home you bought"),
                q(
                    ADDRESS,
                    "property_address",
                    ("房屋地址", "Address of the home"),
                    example={"district": "jiahe", "street": "博乐路 77 弄 2 号 601 室"},
                ),
                q(
                    DATE,
                    "purchase_date",
                    ("购房合同签订日期", "Date of the purchase contract"),
                    date_rule=PAST,
                    example=days(-90),
                ),
                q(
                    NUMBER,
                    "price",
                    ("房屋总价（元）", "Price (RMB)"),
                    min_value=1,
                    max_value=1000000000,
                    example="4680000",
                ),
                q(
                    YESNO,
                    "married",
                    ("是否已婚？", "Are you married?"),
                    ("已婚的可同时提取配偶的公积金。", "If you are married, your spouse's fund can be used too."),
                    example="yes",
                ),
                q(
                    ID_NUMBER,
                    "spouse_id",
                    ("配偶身份证件号码", "Your husband's or wife's identity document number"),
                    condition=("married", "yes"),
                    example=ID_LI_NA,
                ),
                BANK_ACCOUNT,
            ),
        ],
        "hpf-loan": [
            about_you(),
            page(
                ("贷款和房屋", "The loan and the home"),
                q(
                    ADDRESS,
                    "property_address",
                    ("所购房屋地址", "Address of the home you are buying"),
                    example={"district": "jiahe", "street": "博乐路 77 弄 2 号 601 室"},
                ),
                q(
                    NUMBER,
                    "price",
                    ("房屋总价（元）", "Price (RMB)"),
                    min_value=1,
                    max_value=1000000000,
                    example="4680000",
                ),
                q(
                    NUMBER,
                    "loan_amount",
                    ("申请贷款金额（元）", "Amount to borrow (RMB)"),
                    ("家庭最高 160 万元。", "Up to RMB 1,600,000 per family."),
                    min_value=10000,
                    max_value=1600000,
                    example="1200000",
                ),
                q(NUMBER, "loan_years", ("贷款期限（年）", "Term (years)"), min_value=1, max_value=30, example="25"),
                q(
                    YESNO,
                    "co_borrower",
                    ("配偶共同申请吗？", "Is your husband or wife borrowing with you?"),
                    example="yes",
                ),
            ),
        ],
        "hpf-employer-account": [
            about_business(),
            page(
                ("缴存信息", "Contributions"),
                STAFF,
                q(
                    CHOICE,
                    "rate",
                    ("缴存比例", "Contribution rate"),
                    ("单位和职工各按此比例缴存。", "Employer and employee each pay this share of wages."),
                    choices=[(str(n), f"{n}%", f"{n}%") for n in range(5, 13)],
                    example="7",
                ),
                q(DATE, "first_month", ("首次缴存月份", "First month of contributions"), example=days(20)),
            ),
        ],
        "hpf-transfer": [
            about_you(),
            page(
                ("原缴存地", "Your old account"),
                q(TEXT, "old_city", ("原缴存城市", "City of your old account"), max_length=30, example="合肥市"),
                q(
                    TEXT,
                    "old_centre",
                    ("原公积金中心", "Provident fund centre there"),
                    max_length=100,
                    example="合肥住房公积金管理中心",
                ),
                q(
                    TEXT,
                    "old_account",
                    ("原个人公积金账号", "Your old account number"),
                    min_length=6,
                    max_length=30,
                    example="340100123456789",
                ),
            ),
        ],
        # --- Healthcare security ---
        "medical-insurance-enrolment": [
            page(
                ("参保人", "Who is enrolling"),
                FULL_NAME,
                ID,
                PHONE,
                q(
                    CHOICE,
                    "insured_type",
                    ("参保人员类别", "Which group"),
                    choices=[
                        ("child", "未成年人", "A child"),
                        ("student", "在校大学生", "A university student"),
                        ("adult", "非从业成年居民", "An adult without a job"),
                        ("elderly", "老年居民", "A retired resident"),
                    ],
                    example="adult",
                ),
                HUKOU_IN_HAIPU,
                HUKOU_PROVINCE,
            ),
            page(
                ("缴费", "Paying"),
                q(
                    CHOICE,
                    "payment",
                    ("缴费方式", "How you will pay"),
                    choices=[
                        ("bank", "银行代扣", "Direct debit"),
                        ("app", "在“海浦通”App缴费", "In the Haipu Tong app"),
                        ("counter", "窗口缴费", "At a counter"),
                    ],
                    example="bank",
                ),
                vary(
                    BANK_ACCOUNT,
                    condition=("payment", "bank"),
                    label=("代扣银行卡号", "Card number for the direct debit"),
                ),
            ),
        ],
        "maternity-benefit": [
            about_you(),
            page(
                ("生育情况", "The birth"),
                q(DATE, "birth_date", ("分娩日期", "Date of the birth"), date_rule=PAST, example=days(-50)),
                q(
                    CHOICE,
                    "birth_type",
                    ("分娩方式", "Type of birth"),
                    choices=[("natural", "顺产", "Vaginal birth"), ("caesarean", "剖宫产", "Caesarean")],
                    example="natural",
                ),
                q(NUMBER, "babies", ("胎数", "Number of babies"), min_value=1, max_value=5, example="1"),
                q(TEXT, "employer", ("参保单位", "Your employer"), max_length=100, example="海浦云帆信息科技有限公司"),
                q(
                    FILE,
                    "discharge_summary",
                    ("出院小结", "Hospital discharge summary"),
                    (
                        "有并发症的请上传，可增加津贴天数。",
                        "Upload it if there were complications: they add days of allowance.",
                    ),
                    required=False,
                    material="Discharge summary",
                ),
                BANK_ACCOUNT,
            ),
        ],
        "medical-reimbursement": [
            about_you(),
            page(
                ("就医情况", "Your treatment"),
                q(TEXT, "hospital", ("就诊医院", "Where you were treated"), max_length=100, example="江苏省人民医院"),
                q(DATE, "treated_from", ("就诊开始日期", "Treatment started"), date_rule=PAST, example=days(-30)),
                q(DATE, "treated_to", ("就诊结束日期", "Treatment ended"), date_rule=PAST, example=days(-24)),
                q(
                    NUMBER,
                    "amount",
                    ("医疗费用总额（元）", "Total cost (RMB)"),
                    min_value=0.01,
                    max_value=10000000,
                    example="12860.5",
                ),
                q(
                    CHOICE,
                    "reason",
                    ("未直接结算的原因", "Why it was not settled at the hospital"),
                    choices=[
                        ("emergency", "异地急诊", "Emergency treatment outside Haipu"),
                        ("referral", "转诊转院", "Referral to another hospital"),
                        ("no_card", "未持卡就医", "I did not have my card"),
                    ],
                    example="emergency",
                ),
            ),
        ],
        "long-term-care-assessment": [
            about_you(),
            page(
                ("照护情况", "Care situation"),
                q(
                    CHOICE,
                    "lives_in",
                    ("目前居住在", "Where the person lives now"),
                    choices=[
                        ("home", "家中", "At home"),
                        ("care_home", "养老机构", "In a care home"),
                        ("hospital", "医院", "In hospital"),
                    ],
                    example="home",
                ),
                q(
                    MULTIPLE,
                    "conditions",
                    ("主要健康状况", "Main health conditions"),
                    choices=[
                        ("dementia", "认知障碍", "Dementia"),
                        ("stroke", "脑卒中后遗症", "After-effects of a stroke"),
                        ("bedridden", "长期卧床", "Bedridden"),
                        ("parkinson", "帕金森病", "Parkinson's disease"),
                        ("other", "其他", "Other"),
                    ],
                    required=False,
                    example=["stroke"],
                ),
                q(
                    DATE,
                    "visit_date",
                    ("希望上门评估的日期", "Preferred date for the assessment visit"),
                    ("评估员将在 5 个工作日内电话确认。", "The assessor calls within 5 working days to confirm."),
                    date_rule=FUTURE,
                    example=days(10),
                ),
            ),
        ],
        "medical-insurance-transfer": [
            about_you(),
            page(
                ("原参保地", "Your previous insurance"),
                q(TEXT, "from_city", ("原参保城市", "City where you were insured"), max_length=30, example="南京市"),
                q(
                    CHOICE,
                    "from_scheme",
                    ("原参保类型", "Scheme"),
                    choices=[
                        ("employee", "职工医保", "Employee medical insurance"),
                        ("resident", "居民医保", "Resident medical insurance"),
                    ],
                    example="employee",
                ),
                q(
                    DATE,
                    "last_paid",
                    ("原参保地最后缴费月份", "Last month paid there"),
                    date_rule=PAST,
                    example=days(-35),
                ),
            ),
        ],
        # --- Health commission ---
        "birth-medical-certificate": [
            baby_page(
                q(
                    TEXT,
                    "hospital",
                    ("出生医院", "Hospital where the baby was born"),
                    max_length=100,
                    example="海浦市第一妇婴保健院",
                )
            ),
            page(
                ("父母的信息", "About the parents"),
                q(TEXT, "mother_name", ("母亲姓名", "Mother's name"), min_length=2, max_length=50, example="李娜"),
                q(ID_NUMBER, "mother_id", ("母亲身份证件号码", "Mother's identity document number"), example=ID_LI_NA),
                q(
                    TEXT,
                    "father_name",
                    ("父亲姓名", "Father's name"),
                    ("未婚生育或父亲信息不详的可不填。", "Leave blank if unknown."),
                    required=False,
                    max_length=50,
                    example="张伟",
                ),
                q(
                    ID_NUMBER,
                    "father_id",
                    ("父亲身份证件号码", "Father's identity document number"),
                    required=False,
                    example=ID_ZHANG_WEI,
                ),
            ),
        ],
        "birth-registration": [
            page(
                ("夫妻双方", "The parents"),
                FULL_NAME,
                ID,
                q(
                    TEXT,
                    "spouse_name",
                    ("配偶姓名", "Your husband's or wife's name"),
                    min_length=2,
                    max_length=50,
                    example="李娜",
                ),
                q(ID_NUMBER, "spouse_id", ("配偶身份证件号码", "Their identity document number"), example=ID_LI_NA),
            ),
            page(
                ("生育情况", "The pregnancy"),
                q(
                    CHOICE,
                    "child_order",
                    ("这是第几个孩子？", "Which child is this?"),
                    choices=[
                        ("1", "第一个", "First"),
                        ("2", "第二个", "Second"),
                        ("3", "第三个及以上", "Third or later"),
                    ],
                    example="2",
                ),
                q(DATE, "due_date", ("预产期", "Due date"), date_rule=FUTURE, example=days(150)),
                PHONE,
            ),
        ],
        "vaccination-certificate": [
            baby_page(),
            page(
                ("接种点和监护人", "Clinic and parent"),
                q(
                    TEXT,
                    "clinic",
                    ("选择的接种门诊", "Vaccination clinic you will use"),
                    ("一般为居住地社区卫生服务中心。", "Usually your community health centre."),
                    max_length=100,
                    example="徐园区天平社区卫生服务中心",
                ),
                vary(FULL_NAME, label=("监护人姓名", "Parent's or guardian's name")),
                PHONE,
            ),
        ],
        "medical-institution-licence": [
            about_business(),
            page(
                ("拟设机构", "The institution"),
                q(
                    CHOICE,
                    "institution_type",
                    ("机构类别", "Type of institution"),
                    choices=[
                        ("clinic", "诊所", "Clinic"),
                        ("outpatient", "门诊部", "Outpatient department"),
                        ("dental", "口腔诊所", "Dental clinic"),
                        ("tcm", "中医诊所", "Traditional Chinese medicine clinic"),
                    ],
                    example="dental",
                ),
                PREMISES,
                q(
                    TEXTAREA,
                    "specialties",
                    ("诊疗科目", "Medical specialties offered"),
                    ("按《医疗机构诊疗科目名录》填写。", "As named in the national list of specialties."),
                    max_length=500,
                    example="口腔科；口腔内科专业；口腔颌面外科专业；预防口腔专业",
                ),
                q(
                    NUMBER,
                    "practitioners",
                    ("执业医师人数", "Number of licensed doctors"),
                    min_value=1,
                    max_value=1000,
                    example="3",
                ),
                q(NUMBER, "beds", ("床位或牙椅数", "Beds or dental chairs"), min_value=0, max_value=500, example="6"),
            ),
        ],
        "public-hygiene-permit": [
            about_business(),
            page(
                ("经营场所", "The venue"),
                q(
                    CHOICE,
                    "venue_type",
                    ("场所类别", "Type of venue"),
                    choices=[
                        ("hotel", "住宿场所", "Hotel or guesthouse"),
                        ("bath", "沐浴场所", "Bathhouse"),
                        ("beauty", "美容美发场所", "Hair and beauty salon"),
                        ("pool", "游泳场所", "Swimming pool"),
                    ],
                    example="beauty",
                ),
                PREMISES,
                FLOOR_AREA,
                vary(STAFF, label=("从业人员人数", "Number of staff")),
            ),
        ],
        # --- Education ---
        "primary-school-enrolment": [
            page(
                ("孩子的信息", "About your child"),
                q(TEXT, "child_name", ("孩子姓名", "Child's name"), min_length=2, max_length=50, example="张一鸣"),
                q(
                    ID_NUMBER,
                    "child_id",
                    ("孩子身份证件号码", "Child's identity document number"),
                    example=resident_id("310104", primary_child_born, 13),
                ),
                q(
                    DATE,
                    "child_birth_date",
                    ("出生日期", "Date of birth"),
                    (
                        f"今年入学的孩子出生于 {primary_from:%Y年%m月%d日} 至 {primary_to:%Y年%m月%d日}。",
                        f"Children starting school this year were born from {primary_from:%d %B %Y} to {primary_to:%d %B %Y}.",
                    ),
                    min_date=primary_from,
                    max_date=primary_to,
                    date_rule=PAST,
                    example=primary_child_born.isoformat(),
                ),
                HUKOU_IN_HAIPU,
                q(
                    NUMBER,
                    "permit_years",
                    ("父母持海浦居住证的年数", "Years a parent has held a Haipu residence permit"),
                    condition=("hukou_in_haipu", "no"),
                    min_value=0,
                    max_value=50,
                    example="4",
                ),
            ),
            page(
                ("家庭和志愿", "Your family and school choice"),
                vary(FULL_NAME, label=("家长姓名", "Parent's name")),
                PHONE,
                vary(HOME_ADDRESS, hint=("按实际居住地对口入学。", "Places are given by where you actually live.")),
                q(
                    TEXT,
                    "school_wish",
                    ("意向学校", "School you would like"),
                    ("选填。", "Optional."),
                    required=False,
                    max_length=100,
                    example="徐园区实验小学",
                ),
            ),
        ],
        "kindergarten-enrolment": [
            page(
                ("孩子的信息", "About your child"),
                q(TEXT, "child_name", ("孩子姓名", "Child's name"), min_length=2, max_length=50, example="张一诺"),
                q(
                    DATE,
                    "child_birth_date",
                    ("出生日期", "Date of birth"),
                    (
                        f"今年入园的孩子出生于 {kinder_from:%Y年%m月%d日} 至 {kinder_to:%Y年%m月%d日}。",
                        f"Children starting this year were born from {kinder_from:%d %B %Y} to {kinder_to:%d %B %Y}.",
                    ),
                    min_date=kinder_from,
                    max_date=kinder_to,
                    date_rule=PAST,
                    example=kinder_child_born.isoformat(),
                ),
                q(CHOICE, "child_sex", ("性别", "Sex"), choices=SEX, example="female"),
                q(
                    MULTIPLE,
                    "needs",
                    ("需要幼儿园了解的情况", "Anything the kindergarten should know"),
                    ("选填，可多选。", "Optional; choose all that apply."),
                    required=False,
                    choices=[
                        ("allergy", "食物过敏", "Food allergy"),
                        ("sen", "特殊教育需要", "Special educational needs"),
                        ("chronic", "慢性疾病", "A long-term illness"),
                    ],
                    example=["allergy"],
                ),
            ),
            page(
                ("家庭信息", "Your family"),
                vary(FULL_NAME, label=("家长姓名", "Parent's name")),
                PHONE,
                HOME_ADDRESS,
            ),
        ],
        "middle-school-enrolment": [
            page(
                ("孩子的信息", "About your child"),
                q(TEXT, "child_name", ("孩子姓名", "Child's name"), min_length=2, max_length=50, example="张一鸣"),
                q(
                    ID_NUMBER,
                    "child_id",
                    ("孩子身份证件号码", "Child's identity document number"),
                    example=resident_id("310104", datetime.date(primary_from.year - 5, 3, 2), 13),
                ),
                q(TEXT, "primary_school", ("就读小学", "Primary school"), max_length=100, example="徐园区实验小学"),
            ),
            page(
                ("家庭和志愿", "Your family and school choice"),
                vary(FULL_NAME, label=("家长姓名", "Parent's name")),
                PHONE,
                HOME_ADDRESS,
                q(
                    CHOICE,
                    "route",
                    ("报名方式", "How you are applying"),
                    choices=[
                        ("local", "公办学校对口入学", "The local state school"),
                        ("private", "民办学校报名（电脑随机录取）", "A private school (places drawn by lot)"),
                    ],
                    example="local",
                ),
            ),
        ],
        "student-financial-aid": [
            page(
                ("学生的信息", "About the student"),
                vary(FULL_NAME, label=("学生姓名", "Student's name")),
                vary(ID, label=("学生身份证件号码", "Student's identity document number")),
                q(TEXT, "school", ("就读学校", "School or university"), max_length=100, example="海浦市第二中学"),
                q(
                    CHOICE,
                    "stage",
                    ("学段", "Stage"),
                    choices=[
                        ("primary", "小学", "Primary"),
                        ("junior", "初中", "Junior secondary"),
                        ("senior", "普通高中", "Senior secondary"),
                        ("vocational", "中等职业学校", "Vocational school"),
                        ("university", "高等学校", "University"),
                    ],
                    example="senior",
                ),
            ),
            page(
                ("家庭经济情况", "The family's finances"),
                q(
                    CHOICE,
                    "family_status",
                    ("家庭困难类型", "The family's situation"),
                    choices=[
                        ("dibao", "最低生活保障家庭", "Receives the minimum living allowance"),
                        ("low_income", "低收入家庭", "Low income"),
                        ("orphan", "孤儿或事实无人抚养儿童", "Orphan or child without carers"),
                        ("disabled", "残疾学生或残疾人子女", "Disabled student or a disabled parent"),
                        ("other", "其他困难", "Other hardship"),
                    ],
                    example="low_income",
                ),
                q(
                    NUMBER,
                    "household_size",
                    ("家庭人口", "People in the household"),
                    min_value=1,
                    max_value=20,
                    example="4",
                ),
                q(
                    NUMBER,
                    "monthly_income",
                    ("家庭月收入（元）", "Household income per month (RMB)"),
                    min_value=0,
                    max_value=1000000,
                    example="3900",
                ),
                vary(PHONE, label=("家长手机号码", "Parent's mobile number")),
            ),
        ],
        # --- Market regulation ---
        "company-registration": [
            page(
                ("公司基本信息", "The company"),
                q(
                    TEXT,
                    "company_name",
                    ("拟设立公司名称", "Proposed company name"),
                    ("须先通过名称自主申报。", "Reserve the name first."),
                    min_length=4,
                    max_length=100,
                    example="海浦云帆信息科技有限公司",
                ),
                q(
                    CHOICE,
                    "company_type",
                    ("公司类型", "Type of company"),
                    choices=[
                        ("llc", "有限责任公司", "Limited liability company"),
                        ("single", "有限责任公司（自然人独资）", "Single-shareholder limited company"),
                        ("jsc", "股份有限公司", "Company limited by shares"),
                    ],
                    example="llc",
                ),
                q(
                    NUMBER,
                    "registered_capital",
                    ("注册资本（万元）", "Registered capital (RMB 10,000)"),
                    ("认缴出资须在公司成立之日起五年内缴足。", "Subscribed capital must be paid within five years."),
                    min_value=0,
                    max_value=100000000,
                    example="100",
                ),
                q(
                    TEXTAREA,
                    "business_scope",
                    ("经营范围", "Business scope"),
                    ("参照经营范围规范表述填写。", "Use the standard wording of the business scope catalogue."),
                    min_length=10,
                    max_length=2000,
                    example="一般项目：技术服务、技术开发、技术咨询、技术交流、技术转让、技术推广；软件开发；信息系统集成服务。",
                ),
                vary(PREMISES, label=("住所（经营场所）", "Registered address")),
            ),
            page(
                ("法定代表人和联系人", "Legal representative and contact"),
                LEGAL_REP_NAME,
                LEGAL_REP_ID,
                PHONE,
                q(
                    EMAIL,
                    "email",
                    ("电子邮箱", "Email address"),
                    ("电子营业执照的领取通知发至此邮箱。", "We send the e-licence notice here."),
                    example="wangqiang@example.com",
                ),
            ),
        ],
        "individual-business-registration": [
            about_you(address=None, title=("经营者信息", "About the owner")),
            page(
                ("个体工商户", "The business"),
                q(
                    TEXT,
                    "trade_name",
                    ("字号名称", "Trading name"),
                    (
                        "选填；不起字号的以经营者姓名登记。",
                        "Optional: without one, the business is registered under your name.",
                    ),
                    required=False,
                    max_length=50,
                    example="张记面馆",
                ),
                q(
                    TEXTAREA,
                    "business_scope",
                    ("经营范围", "Business scope"),
                    min_length=4,
                    max_length=1000,
                    example="餐饮服务；食品销售（仅销售预包装食品）。",
                ),
                PREMISES,
                q(
                    NUMBER,
                    "capital",
                    ("资金数额（万元）", "Capital (RMB 10,000)"),
                    min_value=0,
                    max_value=100000,
                    example="10",
                ),
                q(NUMBER, "employees", ("从业人数", "People working in it"), min_value=1, max_value=100, example="3"),
            ),
        ],
        "food-business-permit": [
            about_business(),
            page(
                ("经营项目", "What you will sell"),
                q(
                    MULTIPLE,
                    "food_types",
                    ("经营项目", "Food business activities"),
                    choices=[
                        ("prepacked", "预包装食品销售", "Selling pre-packed food"),
                        ("loose", "散装食品销售", "Selling loose food"),
                        ("hot", "热食类食品制售", "Cooking and selling hot food"),
                        ("cold", "冷食类食品制售", "Preparing and selling cold food"),
                        ("drinks", "自制饮品制售", "Making and selling drinks"),
                    ],
                    example=["hot", "drinks"],
                ),
                PREMISES,
                FLOOR_AREA,
                q(
                    YESNO,
                    "online_sales",
                    ("通过网络平台销售吗？", "Will you sell through online platforms?"),
                    example="yes",
                ),
                q(
                    TEXT,
                    "platforms",
                    ("网络平台名称", "Which platforms"),
                    condition=("online_sales", "yes"),
                    max_length=100,
                    example="美团、饿了么",
                ),
            ),
        ],
        "company-change-registration": [
            about_business(),
            page(
                ("变更事项", "What is changing"),
                q(
                    MULTIPLE,
                    "changes",
                    ("变更事项", "Changes"),
                    ("可多选。", "Choose all that apply."),
                    choices=[
                        ("name", "名称", "Name"),
                        ("address", "住所", "Registered address"),
                        ("legal_rep", "法定代表人", "Legal representative"),
                        ("capital", "注册资本", "Registered capital"),
                        ("scope", "经营范围", "Business scope"),
                        ("shareholders", "股东", "Shareholders"),
                    ],
                    example=["legal_rep", "scope"],
                ),
                q(
                    ID_NUMBER,
                    "new_legal_rep_id",
                    ("新任法定代表人身份证件号码", "New legal representative's identity document number"),
                    condition=("changes", "legal_rep"),
                    example=ID_ZHOU_MIN,
                ),
                q(
                    DATE,
                    "resolution_date",
                    ("股东会决议日期", "Date of the shareholders' resolution"),
                    date_rule=PAST,
                    example=days(-7),
                ),
                q(
                    TEXTAREA,
                    "details",
                    ("变更前后内容", "What it was and what it will be"),
                    min_length=10,
                    max_length=2000,
                    example="法定代表人由王强变更为周敏；经营范围增加：人工智能应用软件开发。",
                ),
            ),
        ],
        "company-deregistration": [
            about_business(),
            page(
                ("注销信息", "Closing the company"),
                q(
                    CHOICE,
                    "reason",
                    ("注销原因", "Why the company is closing"),
                    choices=[
                        ("resolution", "股东会决议解散", "The shareholders decided to dissolve it"),
                        ("term", "营业期限届满", "Its business term has ended"),
                        ("revoked", "被吊销营业执照", "Its licence was revoked"),
                    ],
                    example="resolution",
                ),
                q(
                    YESNO,
                    "simplified",
                    ("适用简易注销程序吗？", "Are you using simplified deregistration?"),
                    ("未开业或无债权债务的企业可简易注销。", "For companies that never traded or have no debts."),
                    example="no",
                ),
                q(
                    TEXT,
                    "liquidator",
                    ("清算组负责人", "Head of the liquidation group"),
                    condition=("simplified", "no"),
                    max_length=50,
                    example="王强",
                ),
            ),
        ],
        "annual-report": [
            about_business(),
            page(
                ("年度数据", "Figures for the year"),
                q(
                    CHOICE,
                    "report_year",
                    ("报告年度", "Year"),
                    choices=[(str(y), f"{y} 年度", str(y)) for y in (today.year - 1, today.year - 2)],
                    example=str(today.year - 1),
                ),
                q(NUMBER, "employees", ("从业人数", "Employees"), min_value=0, max_value=1000000, example="36"),
                q(
                    NUMBER,
                    "revenue",
                    ("营业总收入（万元）", "Total revenue (RMB 10,000)"),
                    min_value=0,
                    max_value=100000000,
                    example="1280.5",
                ),
                q(
                    NUMBER,
                    "total_assets",
                    ("资产总额（万元）", "Total assets (RMB 10,000)"),
                    min_value=0,
                    max_value=100000000,
                    example="860",
                ),
                q(
                    TEXT,
                    "website",
                    ("网站或网店网址", "Website or online shop"),
                    ("选填。", "Optional."),
                    required=False,
                    max_length=200,
                    example="www.yunfan.example",
                ),
            ),
        ],
        # --- Tax ---
        "tax-registration": [
            about_business(),
            page(
                ("办税信息", "Tax details"),
                LEGAL_REP_ID,
                q(
                    TEXT,
                    "finance_manager",
                    ("财务负责人", "Finance manager"),
                    min_length=2,
                    max_length=50,
                    example="周敏",
                ),
                q(
                    MOBILE,
                    "finance_phone",
                    ("财务负责人手机号码", "Finance manager's mobile number"),
                    example="13912345678",
                ),
                q(
                    YESNO,
                    "needs_invoices",
                    ("需要开具发票吗？", "Will you issue invoices?"),
                    (
                        "选择“是”的，登记后可直接申领数电发票额度。",
                        "If yes, you can apply for a digital invoice allowance straight after.",
                    ),
                    example="yes",
                ),
            ),
        ],
        "invoice-application": [
            about_business(),
            page(
                ("发票额度", "Invoice allowance"),
                q(
                    MULTIPLE,
                    "invoice_types",
                    ("发票种类", "Types of invoice"),
                    choices=[
                        ("special", "增值税专用发票", "Special VAT invoices"),
                        ("ordinary", "普通发票", "Ordinary invoices"),
                    ],
                    example=["special", "ordinary"],
                ),
                q(
                    NUMBER,
                    "monthly_amount",
                    ("预计月开票金额（元）", "Expected invoicing per month (RMB)"),
                    min_value=0,
                    max_value=10000000000,
                    example="800000",
                ),
                q(
                    ID_NUMBER,
                    "tax_contact_id",
                    ("办税人员身份证件号码", "Tax contact's identity document number"),
                    example=ID_ZHOU_MIN,
                ),
            ),
        ],
        "iit-annual-reconciliation": [
            about_you(),
            page(
                ("汇算信息", "Your reconciliation"),
                q(
                    CHOICE,
                    "result",
                    (f"{today.year - 1} 年度汇算结果", f"Result of your {today.year - 1} reconciliation"),
                    ("以个人所得税 App 试算结果为准。", "As calculated by the individual income tax app."),
                    choices=[
                        ("refund", "申请退税", "I am claiming a refund"),
                        ("pay", "补缴税款", "I owe tax and will pay it"),
                        ("none", "无需退补", "Nothing to pay or refund"),
                    ],
                    example="refund",
                ),
                q(
                    MULTIPLE,
                    "deductions",
                    ("享受的专项附加扣除", "Special deductions you claim"),
                    ("选填，可多选。", "Optional; choose all that apply."),
                    required=False,
                    choices=[
                        ("children", "子女教育", "Children's education"),
                        ("infant", "3 岁以下婴幼儿照护", "Care of children under 3"),
                        ("education", "继续教育", "Continuing education"),
                        ("medical", "大病医疗", "Serious illness"),
                        ("mortgage", "住房贷款利息", "Mortgage interest"),
                        ("rent", "住房租金", "Rent"),
                        ("elderly", "赡养老人", "Supporting parents"),
                    ],
                    example=["children", "elderly"],
                ),
                q(
                    YESNO,
                    "new_evidence",
                    ("有需要补充的扣除凭证吗？", "Do you have new evidence for a deduction?"),
                    example="no",
                ),
                q(
                    FILE,
                    "deduction_evidence",
                    ("上传扣除凭证", "Upload the evidence"),
                    (
                        "例如大病医疗票据、继续教育证书。",
                        "For example receipts for serious illness or a continuing education certificate.",
                    ),
                    condition=("new_evidence", "yes"),
                    material="Evidence for special deductions",
                ),
                vary(
                    BANK_ACCOUNT,
                    label=("退税银行卡号", "Card number for the refund"),
                    condition=("result", "refund"),
                ),
            ),
        ],
        "tax-clearance": [
            about_business(),
            page(
                ("清税信息", "Clearing your taxes"),
                q(
                    DATE,
                    "last_return",
                    ("最后一次纳税申报日期", "Date of your last tax return"),
                    date_rule=PAST,
                    example=days(-10),
                ),
                q(
                    YESNO,
                    "invoices_cancelled",
                    ("已缴销全部发票吗？", "Have all unused invoices been cancelled?"),
                    example="yes",
                ),
                q(
                    YESNO,
                    "taxes_paid",
                    ("已结清应纳税款、滞纳金和罚款吗？", "Have all taxes, late fees and fines been paid?"),
                    example="yes",
                ),
            ),
        ],
        "tax-payment-certificate": [
            page(
                ("纳税人", "The taxpayer"),
                q(
                    CHOICE,
                    "taxpayer_type",
                    ("纳税人类型", "The certificate is for"),
                    choices=[("person", "个人", "Me"), ("company", "单位", "A business")],
                    example="person",
                ),
                q(
                    TEXT,
                    "company_name",
                    ("单位名称", "Name of the business"),
                    condition=("taxpayer_type", "company"),
                    max_length=100,
                    example="海浦云帆信息科技有限公司",
                ),
                FULL_NAME,
                ID,
            ),
            page(
                ("证明内容", "What the certificate shows"),
                q(DATE, "period_from", ("税款所属期起", "Tax period from"), date_rule=PAST, example=days(-365)),
                q(DATE, "period_to", ("税款所属期止", "Tax period to"), date_rule=PAST, example=days(-1)),
                q(
                    MULTIPLE,
                    "taxes",
                    ("税种", "Taxes"),
                    choices=[
                        ("iit", "个人所得税", "Individual income tax"),
                        ("vat", "增值税", "VAT"),
                        ("cit", "企业所得税", "Corporate income tax"),
                        ("property", "房产税", "Property tax"),
                    ],
                    example=["iit"],
                ),
            ),
        ],
        "vat-general-taxpayer": [
            about_business(),
            page(
                ("登记信息", "Registration"),
                q(
                    NUMBER,
                    "annual_sales",
                    ("年应税销售额（元）", "Taxable sales in the last 12 months (RMB)"),
                    ("超过 500 万元的应当登记。", "Above RMB 5 million you must register."),
                    min_value=0,
                    max_value=100000000000,
                    example="6200000",
                ),
                q(
                    DATE,
                    "effective_from",
                    ("生效之日", "Take effect from"),
                    ("当月 1 日或次月 1 日。", "The first day of this or next month."),
                    date_rule=FUTURE,
                    example=days(3),
                ),
                q(
                    YESNO,
                    "sound_accounts",
                    (
                        "能按国家统一会计制度设置账簿、准确核算吗？",
                        "Do you keep accounts to the national accounting standards?",
                    ),
                    example="yes",
                ),
            ),
        ],
        # --- Planning and natural resources ---
        "property-registration": [
            page(
                ("卖方", "The seller"),
                q(
                    TEXT,
                    "seller_name",
                    ("卖方姓名或名称", "Seller's name"),
                    min_length=2,
                    max_length=100,
                    example="陈建国",
                ),
                q(
                    ID_NUMBER,
                    "seller_id",
                    ("卖方身份证件号码", "Seller's identity document number"),
                    example=ID_CHEN_JIANGUO,
                ),
            ),
            page(("买方", "The buyer"), FULL_NAME, ID, PHONE),
            page(
                ("房屋", "The property"),
                q(
                    ADDRESS,
                    "property_address",
                    ("房屋坐落", "Address of the property"),
                    example={"district": "jiahe", "street": "博乐路 77 弄 2 号 601 室"},
                ),
                q(
                    TEXT,
                    "title_number",
                    ("不动产权证书号", "Title certificate number"),
                    (
                        "例如：海浦（2021）嘉禾区不动产权第 0012345 号。",
                        'For example "海浦（2021）嘉禾区不动产权第 0012345 号".',
                    ),
                    max_length=60,
                    example="海浦（2021）嘉禾区不动产权第 0012345 号",
                ),
                q(
                    NUMBER,
                    "price",
                    ("成交价格（元）", "Price (RMB)"),
                    min_value=1,
                    max_value=10000000000,
                    example="4680000",
                ),
            ),
        ],
        "property-records-inquiry": [
            about_you(address=None),
            page(
                ("查询内容", "What to search"),
                q(
                    CHOICE,
                    "scope",
                    ("查询范围", "Search"),
                    choices=[
                        ("all", "本人名下全部不动产", "All property in my name"),
                        ("one", "指定房屋", "One property"),
                    ],
                    example="all",
                ),
                q(
                    ADDRESS,
                    "property_address",
                    ("房屋坐落", "Address of the property"),
                    condition=("scope", "one"),
                    example={"district": "jiahe", "street": "博乐路 77 弄 2 号 601 室"},
                ),
                q(CHOICE, "purpose", ("查询用途", "What it is for"), choices=PURPOSES, example="school"),
            ),
        ],
        "mortgage-registration": [
            about_you(address=None),
            page(
                ("抵押信息", "The mortgage"),
                q(
                    ADDRESS,
                    "property_address",
                    ("抵押房屋坐落", "Address of the mortgaged property"),
                    example={"district": "jiahe", "street": "博乐路 77 弄 2 号 601 室"},
                ),
                q(
                    TEXT,
                    "title_number",
                    ("不动产权证书号", "Title certificate number"),
                    max_length=60,
                    example="海浦（2021）嘉禾区不动产权第 0012345 号",
                ),
                q(
                    TEXT,
                    "lender",
                    ("抵押权人（贷款银行）", "Lender"),
                    max_length=100,
                    example="中国建设银行海浦嘉禾支行",
                ),
                q(
                    NUMBER,
                    "amount",
                    ("被担保债权数额（元）", "Amount secured (RMB)"),
                    min_value=1,
                    max_value=10000000000,
                    example="2400000",
                ),
                q(DATE, "term_end", ("债务履行期限至", "Loan term ends"), date_rule=FUTURE, example=days(365 * 25)),
            ),
        ],
        "planning-permit": [
            about_business(),
            page(
                ("建设项目", "The project"),
                q(TEXT, "project_name", ("项目名称", "Project name"), max_length=100, example="浦新区张江科创园三期"),
                q(
                    TEXT,
                    "project_code",
                    ("项目代码", "Project code"),
                    ("投资项目在线审批监管平台赋予的代码。", "The code from the investment project approval platform."),
                    min_length=10,
                    max_length=30,
                    example="2026-310115-65-01-004218",
                ),
                q(
                    ADDRESS,
                    "site_address",
                    ("建设地点", "Site"),
                    example={"district": "puxin", "street": "张江路 188 号地块"},
                ),
                q(
                    CHOICE,
                    "land_use",
                    ("用地性质", "Land use"),
                    choices=[
                        ("residential", "居住", "Housing"),
                        ("commercial", "商业办公", "Commercial and offices"),
                        ("industrial", "工业", "Industrial"),
                        ("public", "公共设施", "Public facilities"),
                    ],
                    example="commercial",
                ),
                q(
                    NUMBER,
                    "floor_area",
                    ("总建筑面积（平方米）", "Total floor area (square metres)"),
                    min_value=1,
                    max_value=10000000,
                    example="48600",
                ),
            ),
        ],
        # --- Housing ---
        "tenancy-registration": [
            page(
                ("出租人", "The landlord"),
                q(
                    TEXT,
                    "landlord_name",
                    ("出租人姓名或名称", "Landlord's name"),
                    min_length=2,
                    max_length=100,
                    example="陈建国",
                ),
                q(
                    ID_NUMBER,
                    "landlord_id",
                    ("出租人身份证件号码", "Landlord's identity document number"),
                    example=ID_CHEN_JIANGUO,
                ),
            ),
            page(("承租人", "The tenant"), FULL_NAME, ID, PHONE),
            page(
                ("房屋和租期", "The home and the lease"),
                q(ADDRESS, "rental_address", ("出租房屋地址", "Address of the rented home"), example=HOME),
                q(DATE, "lease_start", ("租期开始", "Lease starts"), example=days(-15)),
                q(DATE, "lease_end", ("租期结束", "Lease ends"), date_rule=FUTURE, example=days(350)),
                q(
                    NUMBER,
                    "monthly_rent",
                    ("月租金（元）", "Monthly rent (RMB)"),
                    min_value=1,
                    max_value=1000000,
                    example="6500",
                ),
            ),
        ],
        "public-rental-housing": [
            about_you(),
            page(
                ("住房需求", "Your housing needs"),
                q(
                    NUMBER,
                    "household_size",
                    ("申请家庭人数", "People in your household"),
                    min_value=1,
                    max_value=10,
                    example="3",
                ),
                HUKOU_IN_HAIPU,
                q(
                    NUMBER,
                    "permit_years",
                    ("持海浦居住证的年数", "Years you have held a Haipu residence permit"),
                    ("须满 2 年。", "At least 2 years."),
                    condition=("hukou_in_haipu", "no"),
                    min_value=0,
                    max_value=50,
                    example="3",
                ),
                q(
                    CHOICE,
                    "current_housing",
                    ("目前的住房", "Where you live now"),
                    choices=[
                        ("renting", "租房", "Renting"),
                        ("dorm", "单位宿舍", "Staff dormitory"),
                        ("relatives", "借住亲友家", "With family or friends"),
                    ],
                    example="renting",
                ),
                q(
                    MULTIPLE,
                    "districts",
                    ("意向区域", "Districts you would like"),
                    ("选填，可多选。", "Optional; choose all that apply."),
                    required=False,
                    choices=[
                        ("xuyuan", "徐园区", "Xuyuan"),
                        ("minxi", "闵溪区", "Minxi"),
                        ("puxin", "浦新区", "Puxin"),
                        ("jiahe", "嘉禾区", "Jiahe"),
                        ("songlin", "松林区", "Songlin"),
                    ],
                    example=["minxi", "songlin"],
                ),
            ),
        ],
        # --- Construction ---
        "construction-permit": [
            about_business(),
            page(
                ("工程信息", "The works"),
                q(
                    TEXT,
                    "project_name",
                    ("工程名称", "Name of the works"),
                    max_length=100,
                    example="浦新区张江科创园三期 1 号楼",
                ),
                q(
                    ADDRESS,
                    "site_address",
                    ("建设地点", "Site"),
                    example={"district": "puxin", "street": "张江路 188 号地块"},
                ),
                q(
                    TEXT,
                    "contractor",
                    ("施工总承包单位", "Main contractor"),
                    max_length=100,
                    example="海浦建工集团有限公司",
                ),
                q(
                    NUMBER,
                    "contract_price",
                    ("合同价格（万元）", "Contract price (RMB 10,000)"),
                    min_value=0,
                    max_value=100000000,
                    example="18600",
                ),
                q(DATE, "start_date", ("计划开工日期", "Planned start"), date_rule=FUTURE, example=days(30)),
            ),
        ],
        "completion-filing": [
            about_business(),
            page(
                ("工程信息", "The works"),
                q(
                    TEXT,
                    "project_name",
                    ("工程名称", "Name of the works"),
                    max_length=100,
                    example="浦新区张江科创园二期 3 号楼",
                ),
                q(
                    TEXT,
                    "permit_number",
                    ("施工许可证编号", "Construction permit number"),
                    min_length=10,
                    max_length=30,
                    example="310115202401150201",
                ),
                q(
                    DATE,
                    "accepted_on",
                    ("竣工验收日期", "Date of the completion acceptance"),
                    ("须在验收后 15 日内备案。", "File within 15 days of the acceptance."),
                    date_rule=PAST,
                    example=days(-4),
                ),
            ),
        ],
        # --- Transport ---
        "road-transport-permit": [
            about_business(),
            page(
                ("经营信息", "Your operation"),
                q(
                    NUMBER,
                    "vehicles",
                    ("营运车辆数", "Number of goods vehicles"),
                    min_value=1,
                    max_value=10000,
                    example="12",
                ),
                q(
                    ADDRESS,
                    "depot_address",
                    ("停车场地址", "Depot address"),
                    example={"district": "baowan", "street": "蕴川路 2200 号"},
                ),
                q(YESNO, "dangerous_goods", ("运输危险货物吗？", "Will you carry dangerous goods?"), example="yes"),
                q(
                    MULTIPLE,
                    "goods_classes",
                    ("危险货物类别", "Classes of dangerous goods"),
                    condition=("dangerous_goods", "yes"),
                    choices=[
                        ("2", "第 2 类 气体", "Class 2: gases"),
                        ("3", "第 3 类 易燃液体", "Class 3: flammable liquids"),
                        ("8", "第 8 类 腐蚀性物质", "Class 8: corrosive substances"),
                    ],
                    example=["3"],
                ),
            ),
        ],
        "ride-hailing-driver-permit": [
            about_you(),
            page(
                ("驾驶经历", "Your driving"),
                q(
                    DATE,
                    "licence_since",
                    ("初次领取驾驶证日期", "Date you first got your driving licence"),
                    ("须满 3 年驾龄。", "You need three years of driving."),
                    date_rule=PAST,
                    example="2014-07-18",
                ),
                q(
                    CHOICE,
                    "platform",
                    ("拟服务的平台", "Platform you will drive for"),
                    choices=[
                        ("didi", "滴滴出行", "DiDi"),
                        ("gaode", "高德打车", "Amap"),
                        ("caocao", "曹操出行", "CaoCao"),
                        ("other", "其他平台", "Another platform"),
                    ],
                    example="didi",
                ),
                HUKOU_IN_HAIPU,
                q(
                    FILE,
                    "residence_permit_scan",
                    ("上传居住证", "Upload your residence permit"),
                    (
                        "电子证照库已有的可跳过。",
                        "Skip this if it is in your e-certificate wallet.",
                    ),
                    condition=("hukou_in_haipu", "no"),
                    required=False,
                    material="Haipu residence permit",
                ),
            ),
        ],
        # --- Fire, environment, culture ---
        "fire-safety-inspection": [
            about_business(),
            page(
                ("场所信息", "The venue"),
                q(TEXT, "venue_name", ("场所名称", "Name of the venue"), max_length=100, example="云帆书店咖啡"),
                q(
                    CHOICE,
                    "venue_type",
                    ("场所类型", "Type of venue"),
                    choices=[
                        ("mall", "商场市场", "Shopping centre or market"),
                        ("restaurant", "餐饮场所", "Restaurant"),
                        ("cinema", "影剧院", "Cinema or theatre"),
                        ("karaoke", "歌舞娱乐场所", "Karaoke or dance venue"),
                        ("hotel", "宾馆饭店", "Hotel"),
                    ],
                    example="restaurant",
                ),
                PREMISES,
                FLOOR_AREA,
                q(DATE, "opening_date", ("计划开业日期", "Planned opening date"), date_rule=FUTURE, example=days(21)),
            ),
        ],
        "eia-approval": [
            about_business(),
            page(
                ("建设项目", "The project"),
                q(
                    TEXT,
                    "project_name",
                    ("项目名称", "Project name"),
                    max_length=100,
                    example="宝湾区新能源电池材料扩建项目",
                ),
                q(
                    ADDRESS,
                    "site_address",
                    ("建设地点", "Site"),
                    example={"district": "baowan", "street": "富锦路 1688 号"},
                ),
                q(
                    NUMBER,
                    "investment",
                    ("总投资（万元）", "Total investment (RMB 10,000)"),
                    min_value=0,
                    max_value=100000000,
                    example="32000",
                ),
                q(
                    CHOICE,
                    "report_type",
                    ("环评文件类型", "Type of assessment document"),
                    choices=[
                        ("report", "环境影响报告书", "Full environmental impact report"),
                        ("form", "环境影响报告表", "Environmental impact form"),
                    ],
                    example="report",
                ),
            ),
        ],
        "pollutant-discharge-registration": [
            about_business(),
            page(
                ("排放情况", "Discharges"),
                PREMISES,
                q(
                    MULTIPLE,
                    "pollutants",
                    ("产生的污染物", "What the business produces"),
                    choices=[
                        ("water", "废水", "Waste water"),
                        ("air", "废气", "Air emissions"),
                        ("solid", "一般固体废物", "Solid waste"),
                        ("noise", "噪声", "Noise"),
                    ],
                    example=["water", "solid"],
                ),
                q(
                    CHOICE,
                    "discharge_to",
                    ("废水去向", "Where waste water goes"),
                    choices=[
                        ("sewer", "市政污水管网", "The public sewer"),
                        ("river", "直接排入水体", "Directly into a river or the sea"),
                        ("none", "无废水外排", "No waste water leaves the site"),
                    ],
                    example="sewer",
                ),
            ),
        ],
        "entertainment-venue-licence": [
            about_business(),
            page(
                ("娱乐场所", "The venue"),
                q(TEXT, "venue_name", ("场所名称", "Name of the venue"), max_length=100, example="星光 KTV"),
                q(
                    CHOICE,
                    "venue_kind",
                    ("场所类别", "Kind of venue"),
                    choices=[
                        ("karaoke", "歌舞娱乐场所", "Karaoke or dance venue"),
                        ("arcade", "游艺娱乐场所", "Amusement arcade"),
                    ],
                    example="karaoke",
                ),
                PREMISES,
                q(NUMBER, "rooms", ("包房数量", "Number of private rooms"), min_value=0, max_value=500, example="18"),
                FLOOR_AREA,
            ),
        ],
    }


# --- Example answers --------------------------------------------------------------------------


def _spec_examples(slug, today):
    examples = {}
    for spec_page in demo_form_definitions(today).get(slug, []):
        for spec in spec_page["fields"]:
            examples[spec["key"]] = spec["example"]
    return examples


def _clip_number(value, field):
    if field.min_value is not None and value < field.min_value:
        value = field.min_value
    if field.max_value is not None and value > field.max_value:
        value = field.max_value
    return format(value.normalize(), "f")


def _fit_text(value, field):
    if field.min_length and len(value) < field.min_length:
        value = value + "0" * (field.min_length - len(value))
    return value[: field.max_length] if field.max_length else value


def example_value(field, example, today):
    """A valid answer to `field` in its stored shape: the definition's example if it has one,
    otherwise a plausible value that meets the field's limits."""
    kind = field.kind
    if callable(example):
        example = example(today)
    if isinstance(example, datetime.date):
        example = example.isoformat()
    if kind == ID_NUMBER:
        example = example or ID_ZHANG_WEI
        return example if isinstance(example, dict) else {"type": "resident_id", "number": example}
    if example not in (None, "", []):
        return example
    options = [key for key, _label in field.options()]
    if kind == TEXT:
        return _fit_text("海浦市示例", field)
    if kind == TEXTAREA:
        return _fit_text("情况属实，详见所附材料。", field)
    if kind == NUMBER:
        return _clip_number(Decimal(1), field)
    if kind == DATE:
        value = today + datetime.timedelta(days={PAST: -30, FUTURE: 14}.get(field.date_rule, 0))
        if field.min_date and value < field.min_date:
            value = field.min_date
        if field.max_date and value > field.max_date:
            value = field.max_date
        return value.isoformat()
    if kind == CHOICE:
        return options[0] if options else ""
    if kind == MULTIPLE:
        return options[:1]
    if kind == YESNO:
        return "no"
    if kind == EMAIL:
        return "citizen@example.com"
    if kind == MOBILE:
        return "13800138000"
    if kind == ADDRESS:
        return dict(HOME)
    return None  # files are uploaded, not answered


def demo_answers(service, overrides=None, today=None):
    """Valid answers to the service's stored form, as stored in Application.answers: every
    question that would be shown (conditions applied in order), files left out. `overrides`
    replaces examples by key (for instance another person's name and ID)."""
    today = today or portal_today()
    examples = {**_spec_examples(service.slug, today), **(overrides or {})}
    answers = {}
    for form_page in service.form_pages.prefetch_related("fields"):
        for field in form_page.fields.all():
            if field.kind == FILE or not condition_met(field, answers):
                continue
            value = example_value(field, examples.get(field.key), today)
            if value not in (None, "", []):
                answers[field.key] = value
    return answers


# --- Loading ---------------------------------------------------------------------------------


def _page_values(spec):
    return {
        "title_zh": spec["title"][0],
        "title_en": spec["title"][1],
        "intro_zh": spec["intro"][0],
        "intro_en": spec["intro"][1],
    }


def _field_values(spec, order, materials):
    material = None
    if spec["material"]:
        material = materials.get(spec["material"])
        if material is None:
            raise ValueError(f"no material named {spec['material']!r} for the question {spec['key']!r}")
    values = {
        "kind": spec["kind"],
        "label_zh": spec["label"][0],
        "label_en": spec["label"][1],
        "hint_zh": spec["hint"][0],
        "hint_en": spec["hint"][1],
        "required": spec["required"],
        "choices": "\n".join("|".join(option) for option in spec["choices"]),
        "material_id": material.pk if material else None,
        "condition_key": spec["condition"][0],
        "condition_value": spec["condition"][1],
        "order": order,
        "max_file_mb": spec.get("max_file_mb", 10),
        "date_rule": spec.get("date_rule", DateRule.ANY),
    }
    for name in ("min_length", "max_length", "min_date", "max_date"):
        values[name] = spec.get(name)
    for name in ("min_value", "max_value"):
        value = spec.get(name)
        values[name] = None if value is None else Decimal(str(value))
    return values


def _apply(obj, values):
    """Set changed attributes; the names of those that changed."""
    changed = [name for name, value in values.items() if getattr(obj, name) != value]
    for name in changed:
        setattr(obj, name, values[name])
    return changed


def load_demo_forms(stdout=None, today=None):
    """Create or update the form of every demo service that offers online application. Pages
    are matched by (service, order), fields by (page, key); only what differs is written, and
    pages or fields the definition no longer has are deleted. Returns counts."""
    definitions = demo_form_definitions(today)
    services = {s.slug: s for s in Service.objects.filter(slug__in=definitions, offers_online=True)}
    materials = defaultdict(dict)
    for material in Material.objects.filter(service__in=services.values()):
        materials[material.service_id].setdefault(material.name_en, material)
    pages = defaultdict(dict)
    duplicate_pages = []
    for form_page in FormPage.objects.filter(service__in=services.values()).order_by("service", "order", "pk"):
        if form_page.order in pages[form_page.service_id]:
            duplicate_pages.append(form_page.pk)
        else:
            pages[form_page.service_id][form_page.order] = form_page
    fields = defaultdict(dict)
    for field in FormField.objects.filter(page__service__in=services.values()).order_by("pk"):
        fields[field.page_id].setdefault(field.key, field)

    stats = {"services": 0, "pages": 0, "fields": 0, "created": 0, "updated": 0, "deleted": 0}
    with transaction.atomic():
        if duplicate_pages:
            stats["deleted"] += (
                FormPage.objects.filter(pk__in=duplicate_pages).delete()[1].get("applications.FormPage", 0)
            )
        for slug, spec_pages in definitions.items():
            service = services.get(slug)
            if service is None:
                continue
            stats["services"] += 1
            stale_fields = []
            for order, spec_page in enumerate(spec_pages, start=1):
                stats["pages"] += 1
                form_page = pages[service.pk].pop(order, None)
                values = _page_values(spec_page)
                if form_page is None:
                    form_page = FormPage.objects.create(service=service, order=order, **values)
                    stats["created"] += 1
                elif changed := _apply(form_page, values):
                    form_page.save(update_fields=changed)
                    stats["updated"] += 1
                existing = fields.pop(form_page.pk, {})
                new = []
                for field_order, spec in enumerate(spec_page["fields"]):
                    stats["fields"] += 1
                    values = _field_values(spec, field_order, materials[service.pk])
                    field = existing.pop(spec["key"], None)
                    if field is None:
                        new.append(FormField(page=form_page, key=spec["key"], **values))
                    elif changed := _apply(field, values):
                        field.save(update_fields=[name.removesuffix("_id") for name in changed])
                        stats["updated"] += 1
                stale_fields += [f.pk for f in existing.values()]
                FormField.objects.bulk_create(new)
                stats["created"] += len(new)
            if stale_fields:
                stats["deleted"] += FormField.objects.filter(pk__in=stale_fields).delete()[0]
            leftover_pages = [p.pk for p in pages.pop(service.pk, {}).values()]
            if leftover_pages:
                stats["deleted"] += FormPage.objects.filter(pk__in=leftover_pages).delete()[0]
    if stdout is not None:
        stdout.write(
            f"  {stats['services']} online forms, {stats['pages']} question pages, {stats['fields']} questions "
            f"({stats['created']} created, {stats['updated']} updated, {stats['deleted']} deleted)"
        )
    return stats
