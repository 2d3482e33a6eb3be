"""Building blocks for the demo catalogue: a material helper and the documents many services
ask for (identity card, household register, business licence...).

Every text is a pair ``(Chinese, English)``; multi-line guide fields are lists of such pairs,
one pair per line.
"""

ORIGINAL, COPY, BOTH = "original", "copy", "both"
IMAGES = "jpg,png"
DOCS = "pdf,jpg,png"
PDF = "pdf"


def mat(name, desc, form=ORIGINAL, copies=1, required=True, types=DOCS, ecert=False):
    """One required document: ``name`` and ``desc`` are (zh, en) pairs."""
    return {
        "name": name,
        "desc": desc,
        "form": form,
        "copies": copies,
        "required": required,
        "types": types,
        "ecert": ecert,
    }


def vary(material, **changes):
    """A shared material with some attributes changed for one service (e.g. ``desc``)."""
    return {**material, **changes}


def form(zh, en):
    """The service's own application form, downloadable from the guide page."""
    return mat(
        (f"《{zh}》", f"{en} (form)"),
        (
            f"在指南页下载或在窗口领取《{zh}》，如实填写并由申请人签名。在线申请时系统自动生成，无需另行上传。",
            f"Download the {en} form from this guide or pick one up at the counter, fill it in and sign it. "
            "When you apply online the form is generated for you and need not be uploaded.",
        ),
        types=PDF,
    )


ID_CARD = mat(
    ("居民身份证", "Resident identity card"),
    (
        "申请人本人有效期内的居民身份证；已在“海浦通”App 电子证照库中领取电子身份证的，可免交实体证件。",
        "The applicant's own valid resident identity card. If you hold the electronic ID in the Haipu Tong "
        "app e-licence wallet, you need not bring the card.",
    ),
    ecert=True,
)
HUKOU_BOOK = mat(
    ("居民户口簿", "Household register booklet (hukou booklet)"),
    (
        "申请人所在户的居民户口簿首页及本人页。",
        "The front page and the applicant's own page of the household register booklet.",
    ),
    ecert=True,
)
PHOTO = mat(
    ("近期免冠证件照片", "Recent passport-style photo"),
    (
        "白色背景、正面免冠、六个月内拍摄；可上传数码照片（JPG，不小于 358×441 像素），窗口也可现场免费拍摄。",
        "White background, facing the camera, no hat, taken within the last six months. Upload a digital photo "
        "(JPG, at least 358 x 441 pixels) or have one taken free of charge at the counter.",
    ),
    copies=2,
    types=IMAGES,
)
AGENT = mat(
    ("授权委托书及代理人身份证件", "Letter of authorisation and the agent's ID"),
    (
        "由他人代办时提供：申请人签名的授权委托书原件和代理人的居民身份证。本人办理无需提供。",
        "Only when someone applies on your behalf: the signed letter of authorisation and the agent's own "
        "identity card. Not needed when you apply yourself.",
    ),
    required=False,
)
BIZ_LICENCE = mat(
    ("营业执照", "Business licence"),
    (
        "加载统一社会信用代码的营业执照；已领取电子营业执照的可直接授权调用，无需提交纸质件。",
        "The business licence bearing the unified social credit code. If the company holds the electronic "
        "business licence, authorise its use instead of handing in paper.",
    ),
    form=COPY,
    ecert=True,
)
LEGAL_REP_ID = mat(
    ("法定代表人身份证件", "Legal representative's ID"),
    (
        "法定代表人（负责人）的居民身份证或护照。",
        "The identity card or passport of the legal representative (person in charge).",
    ),
    form=COPY,
    ecert=True,
)
COMPANY_SEAL_LETTER = mat(
    ("单位经办人授权书", "Company letter appointing the contact person"),
    (
        "加盖单位公章的经办人授权书及经办人身份证件；使用电子营业执照登录办理的无需提供。",
        "A letter with the company seal naming the person handling the application, and that person's ID. Not "
        "needed when you sign in with the electronic business licence.",
    ),
    required=False,
)
MARRIAGE_CERT = mat(
    ("结婚证", "Marriage certificate"),
    (
        "夫妻双方的结婚证；电子证照库已有记录的可免交。",
        "The couple's marriage certificate; not needed if it is already in the e-licence records.",
    ),
    form=BOTH,
    ecert=True,
)
BANK_CARD = mat(
    ("本人银行借记卡或社会保障卡（金融功能）", "Your own bank debit card or financial-enabled social security card"),
    (
        "用于发放款项的本人名下账户，须为本市开户的借记卡。",
        "The account that will receive the money; it must be a debit card in your own name opened in Haipu.",
    ),
    form=COPY,
)
PROPERTY_CERT = mat(
    ("不动产权证书", "Real estate title certificate"),
    (
        "房屋的不动产权证书（或原房地产权证）；已有电子证照的可免交。",
        "The real estate title certificate (or the old property ownership certificate) for the home; not needed "
        "when it is available as an e-certificate.",
    ),
    form=BOTH,
    ecert=True,
)
LEASE = mat(
    ("房屋租赁合同", "Tenancy agreement"),
    (
        "已办理租赁登记备案的房屋租赁合同；单位宿舍提供单位住宿证明。",
        "A tenancy agreement registered with the housing authorities; "
        "for staff dormitories, a letter from the employer.",
    ),
    form=COPY,
    copies=1,
)
BIRTH_CERT = mat(
    ("出生医学证明", "Birth medical certificate"),
    (
        "助产医疗机构签发的《出生医学证明》；电子版出生医学证明可直接调用。",
        "The birth medical certificate issued by the hospital where the baby was born; "
        "the electronic version can be used.",
    ),
    form=BOTH,
    ecert=True,
)
SSC = mat(
    ("社会保障卡", "Social security card"),
    ("本人社会保障卡或电子社保卡。", "Your own social security card, or the electronic social security card."),
    ecert=True,
)
RESIDENCE_PERMIT = mat(
    ("海浦市居住证", "Haipu residence permit"),
    ("非本市户籍人员提供在有效期内的居住证。", "For people without a Haipu hukou: a valid Haipu residence permit."),
    required=False,
    ecert=True,
)
DRIVING_LICENCE = mat(
    ("机动车驾驶证", "Driving licence"),
    (
        "本人机动车驾驶证；已申领电子驾驶证的可免交。",
        "Your driving licence; not needed if you hold the electronic driving licence.",
    ),
    ecert=True,
)
DISABILITY_CERT = mat(
    ("中华人民共和国残疾人证", "Disability certificate"),
    ("第二代残疾人证或电子残疾人证。", "The second-generation disability certificate or its electronic version."),
    ecert=True,
)
DEATH_CERT = mat(
    ("居民死亡医学证明（推断）书", "Medical certificate of death"),
    (
        "医疗机构或社区卫生服务中心出具的死亡医学证明。",
        "The medical certificate of death issued by a hospital or community health centre.",
    ),
    form=BOTH,
)
