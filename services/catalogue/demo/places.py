# ruff: noqa: E501 - content file: each bilingual (Chinese, English) text pair stays on one line.
"""Districts, departments, life events and service centres of the fictional Haipu City (海浦市).

Haipu is a made-up Shanghai-like city used for demonstrations; none of these offices, phone
numbers or addresses are real.
"""

import datetime

# (slug, name_zh, name_en)
DISTRICTS = [
    ("jiangxin", "江心区", "Jiangxin District"),
    ("jinghu", "静湖区", "Jinghu District"),
    ("xuyuan", "徐园区", "Xuyuan District"),
    ("changfeng", "长风区", "Changfeng District"),
    ("pujiang", "普江区", "Pujiang District"),
    ("honggang", "虹港区", "Honggang District"),
    ("yanglin", "杨林区", "Yanglin District"),
    ("minxi", "闵溪区", "Minxi District"),
    ("baowan", "宝湾区", "Baowan District"),
    ("jiahe", "嘉禾区", "Jiahe District"),
    ("puxin", "浦新区", "Puxin District"),
    ("jintan", "金滩区", "Jintan District"),
    ("songlin", "松林区", "Songlin District"),
    ("qinghu", "青湖区", "Qinghu District"),
    ("fenghai", "奉海区", "Fenghai District"),
    ("chongdao", "崇岛区", "Chongdao District"),
    ("linhai", "临海新片区", "Linhai New Area"),
]


def complaint_channel(name, phone, email):
    """Every department's complaint text: the 12345 hotline first, then its own channels."""
    return (
        f"拨打 12345 市民服务热线（24 小时）反映对{name[0]}服务的意见，也可拨打{phone}或发送邮件至 {email}；"
        "在“海浦通”App 或本网站对办件作出“差评”的，部门将在 1 个工作日内回访、15 个工作日内整改反馈。",
        f"Call the 12345 citizen service hotline (24 hours) about the {name[1]}'s service, or call {phone} or "
        f"email {email}. If you rate an application 'poor' on this site or in the Haipu Tong app, the department "
        "calls you back within 1 working day and reports what it fixed within 15 working days.",
    )


# slug, code, (name), (description), phone, email, (address)
DEPARTMENTS = [
    (
        "psb",
        "PSB",
        ("海浦市公安局", "Haipu Municipal Public Security Bureau"),
        (
            "负责户籍管理、居民身份证、居住证、出入境证件和无犯罪记录证明等人口管理服务。",
            "Household registration (hukou), identity cards, residence permits, exit-entry documents and "
            "certificates of no criminal record.",
        ),
        "021-23010110",
        "psb@haipu.gov.example",
        ("海浦市江心区福安路 185 号", "185 Fu'an Road, Jiangxin District, Haipu"),
    ),
    (
        "traffic",
        "TPD",
        ("海浦市公安局交通警察总队", "Traffic Police Division of the Haipu PSB"),
        (
            "负责机动车登记、驾驶证、交通违法处理和交通事故处理等车驾管服务。",
            "Vehicle registration, driving licences, traffic offences and road accident handling.",
        ),
        "021-23011122",
        "traffic@haipu.gov.example",
        ("海浦市长风区中环西路 1000 号", "1000 Middle Ring West Road, Changfeng District, Haipu"),
    ),
    (
        "civil",
        "CAB",
        ("海浦市民政局", "Haipu Civil Affairs Bureau"),
        (
            "负责婚姻登记、收养登记、社会救助、养老服务、殡葬管理和社会组织登记。",
            "Marriage and adoption registration, social assistance, elderly care services, funerals and the "
            "registration of social organisations.",
        ),
        "021-23110300",
        "civil@haipu.gov.example",
        ("海浦市静湖区常德路 260 号", "260 Changde Road, Jinghu District, Haipu"),
    ),
    (
        "hrss",
        "HRSS",
        ("海浦市人力资源和社会保障局", "Haipu Human Resources and Social Security Bureau"),
        (
            "负责就业和失业登记、社会保险（养老、失业、工伤）、社会保障卡、职业技能培训和劳动关系。",
            "Employment and unemployment registration, social insurance (pensions, unemployment, work injury), the "
            "social security card, vocational training and labour relations.",
        ),
        "021-23120333",
        "hrss@haipu.gov.example",
        ("海浦市徐园区天钥桥路 58 号", "58 Tianyao Bridge Road, Xuyuan District, Haipu"),
    ),
    (
        "hpf",
        "HPF",
        ("海浦市住房公积金管理中心", "Haipu Housing Provident Fund Management Centre"),
        (
            "负责住房公积金的缴存、提取、贷款和转移接续。",
            "Housing provident fund contributions, withdrawals, loans and transfers.",
        ),
        "021-23130555",
        "hpf@haipu.gov.example",
        ("海浦市普江区浦兴路 300 号", "300 Puxing Road, Pujiang District, Haipu"),
    ),
    (
        "medins",
        "HSA",
        ("海浦市医疗保障局", "Haipu Healthcare Security Administration"),
        (
            "负责基本医疗保险参保、医疗费用报销、生育保险待遇和长期护理保险。",
            "Basic medical insurance enrolment, reimbursement of medical costs, maternity benefits and long-term "
            "care insurance.",
        ),
        "021-23140666",
        "medins@haipu.gov.example",
        ("海浦市静湖区北京西路 1388 号", "1388 Beijing West Road, Jinghu District, Haipu"),
    ),
    (
        "health",
        "HC",
        ("海浦市卫生健康委员会", "Haipu Health Commission"),
        (
            "负责出生医学证明、生育登记、预防接种、医疗机构执业许可和公共场所卫生许可。",
            "Birth medical certificates, birth registration, vaccination, licensing of medical institutions and "
            "hygiene permits for public venues.",
        ),
        "021-23150777",
        "health@haipu.gov.example",
        ("海浦市江心区世博村路 300 号", "300 Expo Village Road, Jiangxin District, Haipu"),
    ),
    (
        "edu",
        "EDU",
        ("海浦市教育委员会", "Haipu Education Commission"),
        (
            "负责幼儿园、小学和初中入学报名，学生资助和转学等教育服务。",
            "Kindergarten, primary and middle school enrolment, student financial aid and school transfers.",
        ),
        "021-23160888",
        "edu@haipu.gov.example",
        ("海浦市江心区大沽路 100 号", "100 Dagu Road, Jiangxin District, Haipu"),
    ),
    (
        "amr",
        "AMR",
        ("海浦市市场监督管理局", "Haipu Administration for Market Regulation"),
        (
            "负责企业和个体工商户登记注册、食品经营许可、产品质量和消费者权益保护。",
            "Registration of companies and individual businesses, food business permits, product quality and "
            "consumer protection.",
        ),
        "021-23170999",
        "amr@haipu.gov.example",
        ("海浦市徐园区肇嘉浜路 301 号", "301 Zhaojiabang Road, Xuyuan District, Haipu"),
    ),
    (
        "tax",
        "TAX",
        ("国家税务总局海浦市税务局", "Haipu Tax Service, State Taxation Administration"),
        (
            "负责税务登记、发票领用、纳税申报、个人所得税汇算和清税证明。",
            "Tax registration, invoices, tax returns, individual income tax annual reconciliation and tax clearance.",
        ),
        "021-23180366",
        "tax@haipu.gov.example",
        ("海浦市江心区中山南路 800 号", "800 Zhongshan South Road, Jiangxin District, Haipu"),
    ),
    (
        "pnr",
        "PNR",
        ("海浦市规划和自然资源局", "Haipu Planning and Natural Resources Bureau"),
        (
            "负责不动产登记、建设工程规划许可和土地利用管理。",
            "Real estate (property) registration, planning permits for construction and land use.",
        ),
        "021-23190222",
        "pnr@haipu.gov.example",
        ("海浦市静湖区北京西路 99 号", "99 Beijing West Road, Jinghu District, Haipu"),
    ),
    (
        "housing",
        "HAB",
        ("海浦市房屋管理局", "Haipu Housing Administration Bureau"),
        (
            "负责住房租赁登记备案、公共租赁住房、住房保障和物业管理。",
            "Registration of tenancy agreements, public rental housing, housing support and property management.",
        ),
        "021-23200444",
        "housing@haipu.gov.example",
        ("海浦市静湖区铜仁路 331 号", "331 Tongren Road, Jinghu District, Haipu"),
    ),
    (
        "construction",
        "CMC",
        ("海浦市住房和城乡建设管理委员会", "Haipu Housing and Urban-Rural Development Commission"),
        (
            "负责建筑工程施工许可、竣工验收备案、商品房预售许可和建筑市场管理。",
            "Construction permits, completion acceptance filing, pre-sale permits for new housing and the "
            "construction market.",
        ),
        "021-23210555",
        "construction@haipu.gov.example",
        ("海浦市江心区大沽路 100 号 2 号楼", "Building 2, 100 Dagu Road, Jiangxin District, Haipu"),
    ),
    (
        "transport",
        "TC",
        ("海浦市交通委员会", "Haipu Transport Commission"),
        (
            "负责道路运输经营许可、网约车和出租汽车管理、公共交通和非营业性客车额度。",
            "Road transport operating permits, ride-hailing and taxis, public transport and private car plate quotas.",
        ),
        "021-23220666",
        "transport@haipu.gov.example",
        ("海浦市江心区中山北路 1 号", "1 Zhongshan North Road, Jiangxin District, Haipu"),
    ),
    (
        "dpf",
        "DPF",
        ("海浦市残疾人联合会", "Haipu Disabled Persons' Federation"),
        (
            "负责残疾人证办理、残疾人生活和护理补贴、康复和辅助器具服务。",
            "Disability certificates, living and care allowances for disabled people, rehabilitation and assistive devices.",
        ),
        "021-23230777",
        "dpf@haipu.gov.example",
        ("海浦市长风区长寿路 211 号", "211 Changshou Road, Changfeng District, Haipu"),
    ),
    (
        "fire",
        "FRS",
        ("海浦市消防救援总队", "Haipu Fire and Rescue Service"),
        (
            "负责公众聚集场所投入使用、营业前消防安全检查和消防宣传。",
            "Fire safety inspections before public venues open, and fire safety education.",
        ),
        "021-23240119",
        "fire@haipu.gov.example",
        ("海浦市徐园区中山西路 229 号", "229 Zhongshan West Road, Xuyuan District, Haipu"),
    ),
    (
        "env",
        "EEB",
        ("海浦市生态环境局", "Haipu Ecology and Environment Bureau"),
        (
            "负责建设项目环境影响评价审批、排污许可和环境监管。",
            "Environmental impact assessment of construction projects, pollutant discharge permits and "
            "environmental supervision.",
        ),
        "021-23250888",
        "env@haipu.gov.example",
        ("海浦市静湖区大沽路 100 号 3 号楼", "Building 3, 100 Dagu Road, Jinghu District, Haipu"),
    ),
    (
        "culture",
        "CTB",
        ("海浦市文化和旅游局", "Haipu Culture and Tourism Bureau"),
        (
            "负责娱乐场所和演出场所经营许可、旅行社设立和文化市场管理。",
            "Licences for entertainment and performance venues, travel agencies and the cultural market.",
        ),
        "021-23260999",
        "culture@haipu.gov.example",
        ("海浦市静湖区延安西路 200 号", "200 Yan'an West Road, Jinghu District, Haipu"),
    ),
]

# slug, audience, (name), (description)
LIFE_EVENTS = [
    (
        "having-a-baby",
        "individual",
        ("生育", "Having a baby"),
        (
            "从孕期建档到新生儿落户、参保和领取生育津贴，一次了解全部事项。",
            "From pregnancy records to registering the baby's hukou, health insurance and the maternity allowance.",
        ),
    ),
    (
        "starting-school",
        "individual",
        ("入学", "Starting school"),
        (
            "幼儿园入园、小学和初中入学报名、转学和学生资助。",
            "Kindergarten and school enrolment, school transfers and financial aid for students.",
        ),
    ),
    (
        "getting-married",
        "individual",
        ("婚育", "Getting married"),
        (
            "结婚登记、补领结婚证和婚后户口、公积金等相关事项。",
            "Marriage registration, replacement certificates and what to update after the wedding.",
        ),
    ),
    (
        "finding-work",
        "individual",
        ("就业", "Finding work"),
        (
            "就业和失业登记、失业保险金、职业培训补贴和社保关系。",
            "Employment and unemployment registration, unemployment benefit, training subsidies and social insurance.",
        ),
    ),
    (
        "moving-to-haipu",
        "individual",
        ("来海浦", "Moving to Haipu"),
        (
            "新市民办理居住证、社保卡、医保和子女入学的指引。",
            "For newcomers: residence permit, social security card, health insurance and schooling for children.",
        ),
    ),
    (
        "moving-house",
        "individual",
        ("迁居", "Moving house"),
        (
            "户口迁移、租赁备案、公积金提取和地址变更。",
            "Transferring your hukou, registering a tenancy, provident fund withdrawals and changing your address.",
        ),
    ),
    (
        "buying-a-home",
        "individual",
        ("购房", "Buying a home"),
        (
            "不动产登记、公积金贷款和购房提取。",
            "Property registration, provident fund loans and withdrawals for a purchase.",
        ),
    ),
    (
        "buying-a-car",
        "individual",
        ("购车", "Buying a car"),
        (
            "机动车注册登记、转移登记和驾驶证业务。",
            "Registering a new or used car, transferring ownership and driving licence matters.",
        ),
    ),
    (
        "health-and-care",
        "individual",
        ("就医", "Seeing a doctor"),
        (
            "医保参保、医疗费用报销和异地就医。",
            "Health insurance enrolment, reimbursement of medical costs and treatment elsewhere.",
        ),
    ),
    (
        "retiring",
        "individual",
        ("退休", "Retiring"),
        (
            "养老金申领、公积金退休提取和退休后的医保。",
            "Claiming your pension, withdrawing your provident fund and health insurance after retirement.",
        ),
    ),
    (
        "disability-support",
        "individual",
        ("助残", "Disability support"),
        (
            "残疾人证、生活和护理补贴、辅助器具。",
            "Disability certificate, living and care allowances, assistive devices.",
        ),
    ),
    (
        "elderly-care",
        "individual",
        ("养老", "Elderly care"),
        (
            "老年综合津贴、养老服务补贴、居家照护和长期护理保险。",
            "Senior allowance, elderly care subsidy, home care and long-term care insurance.",
        ),
    ),
    (
        "hardship-support",
        "individual",
        ("救助", "Help in hardship"),
        ("最低生活保障、临时救助和住房保障。", "Minimum living allowance, emergency assistance and housing support."),
    ),
    (
        "death-and-funeral",
        "individual",
        ("身后事", "Death and funeral"),
        (
            "死亡证明、户口注销、丧葬补助和继承登记。",
            "Death certificate, cancelling the hukou, funeral grants and registering inherited property.",
        ),
    ),
    (
        "starting-a-business",
        "business",
        ("开办企业", "Starting a business"),
        (
            "营业执照、公章、税务登记、发票、社保和公积金开户，一网通办。",
            "Business licence, seal, tax registration, invoices, social insurance and provident fund accounts, all online.",
        ),
    ),
    (
        "hiring-staff",
        "business",
        ("招用员工", "Hiring staff"),
        (
            "就业登记、社保和公积金缴存、培训补贴。",
            "Employment registration, social insurance and provident fund contributions, training subsidies.",
        ),
    ),
    (
        "opening-a-restaurant",
        "business",
        ("开餐厅", "Opening a restaurant"),
        (
            "食品经营许可、消防安全检查、卫生许可和排污登记。",
            "Food business permit, fire safety inspection, hygiene permit and discharge registration.",
        ),
    ),
    (
        "construction-project",
        "business",
        ("工程建设", "Construction project"),
        (
            "规划许可、环评、施工许可和竣工验收备案。",
            "Planning permit, environmental assessment, construction permit and completion filing.",
        ),
    ),
    (
        "paying-taxes",
        "business",
        ("纳税", "Paying taxes"),
        (
            "税务登记、发票领用、一般纳税人登记和完税证明。",
            "Tax registration, invoices, general VAT taxpayer registration and tax payment certificates.",
        ),
    ),
    (
        "closing-a-business",
        "business",
        ("企业注销", "Closing a business"),
        (
            "清税、社保和公积金注销、企业注销登记。",
            "Tax clearance, closing social insurance and provident fund accounts, deregistering the company.",
        ),
    ),
]

T = datetime.time

# Opening-hours patterns: (weekday, opens, closes) rows, and the note shown with them.
HOURS = {
    "standard": (
        [(d, T(9), T(17)) for d in range(5)],
        (
            "法定节假日休息，国务院公布的调休工作日正常办公。",
            "Closed on public holidays; open on the make-up working days announced by the State Council.",
        ),
    ),
    "saturday": (
        [(d, T(9), T(17)) for d in range(5)] + [(5, T(9), T(12))],
        (
            "周六上午提供延时服务，仅受理预约业务；法定节假日休息。",
            "Saturday mornings for booked visits only; closed on public holidays.",
        ),
    ),
    "lunch": (
        [(d, T(9), T(11, 30)) for d in range(5)] + [(d, T(13, 30), T(17)) for d in range(5)],
        (
            "中午 11:30-13:30 暂停办理；16:30 后停止取号。",
            "Closed for lunch 11:30-13:30; no new queue tickets after 16:30.",
        ),
    ),
    "long": (
        [(d, T(8, 30), T(17, 30)) for d in range(5)] + [(5, T(9), T(16))],
        (
            "工作日 8:30 开门，周六全天办公；法定节假日休息。",
            "Opens at 8:30 on working days and all day on Saturdays; closed on public holidays.",
        ),
    ),
    "evening": (
        [(d, T(9), T(17)) for d in (0, 1, 2, 4)] + [(3, T(9), T(20))],
        ("每周四延时至 20:00，方便上班族办理。", "Open until 20:00 on Thursdays for people who work during the day."),
    ),
}

ACCESS = {
    "district": (
        "无障碍坡道和电梯直达各楼层，设无障碍卫生间、助听环路和手语视频服务；老年人、残疾人、孕妇可走绿色通道优先办理。",
        "Step-free ramp and lifts to every floor, accessible toilets, a hearing loop and video sign-language "
        "interpreting. Older people, disabled people and pregnant women are served first at the green-channel "
        "window.",
    ),
    "community": (
        "一楼办理，入口无台阶，设爱心座椅、老花镜和放大镜；行动不便的老人可预约上门帮办。",
        "All counters on the ground floor with a level entrance; priority seats, reading glasses and "
        "magnifiers. Older people who cannot travel can book a home visit.",
    ),
    "enterprise": (
        "电梯直达，设无障碍卫生间；提供帮办代办和外语服务（英语、日语）。",
        "Lift access and accessible toilets; help with filling in forms and service in English and Japanese.",
    ),
    "vehicle": (
        "停车场设无障碍车位，主楼入口有坡道，体检区设轮椅通道。",
        "Accessible parking bays, a ramp at the main entrance and wheelchair access to the medical check area.",
    ),
}

# slug, district, kind, (name), (address), phone, (transport), hours pattern
CENTRES = [
    (
        "jiangxin-admin-centre",
        "jiangxin",
        "district",
        ("江心区行政服务中心", "Jiangxin District Administrative Service Centre"),
        ("江心区南京东路 300 号", "300 Nanjing East Road, Jiangxin District"),
        "021-63210001",
        (
            "地铁 2、10 号线南京东路站 3 号口步行 5 分钟；公交 20、37 路",
            "Metro lines 2 and 10, Nanjing East Road station, exit 3, 5 minutes' walk; buses 20 and 37",
        ),
        "saturday",
    ),
    (
        "jinghu-admin-centre",
        "jinghu",
        "district",
        ("静湖区行政服务中心", "Jinghu District Administrative Service Centre"),
        ("静湖区胶州路 211 号", "211 Jiaozhou Road, Jinghu District"),
        "021-62530002",
        ("地铁 7 号线昌平路站 2 号口；公交 24、76 路", "Metro line 7, Changping Road station, exit 2; buses 24 and 76"),
        "evening",
    ),
    (
        "xuyuan-admin-centre",
        "xuyuan",
        "district",
        ("徐园区行政服务中心", "Xuyuan District Administrative Service Centre"),
        ("徐园区南丹东路 109 号", "109 Nandan East Road, Xuyuan District"),
        "021-64870003",
        (
            "地铁 1、4 号线海浦体育馆站 1 号口；公交 43、50 路",
            "Metro lines 1 and 4, Stadium station, exit 1; buses 43 and 50",
        ),
        "saturday",
    ),
    (
        "changfeng-admin-centre",
        "changfeng",
        "district",
        ("长风区行政服务中心", "Changfeng District Administrative Service Centre"),
        ("长风区大渡河路 1668 号", "1668 Daduhe Road, Changfeng District"),
        "021-52560004",
        ("地铁 13 号线大渡河路站 4 号口；公交 94 路", "Metro line 13, Daduhe Road station, exit 4; bus 94"),
        "standard",
    ),
    (
        "pujiang-admin-centre",
        "pujiang",
        "district",
        ("普江区行政服务中心", "Pujiang District Administrative Service Centre"),
        ("普江区合欢路 2 号", "2 Hehuan Road, Pujiang District"),
        "021-50980005",
        ("地铁 2 号线世纪公园站 5 号口；公交 794 路", "Metro line 2, Century Park station, exit 5; bus 794"),
        "long",
    ),
    (
        "honggang-admin-centre",
        "honggang",
        "district",
        ("虹港区行政服务中心", "Honggang District Administrative Service Centre"),
        ("虹港区飞虹路 518 号", "518 Feihong Road, Honggang District"),
        "021-65120006",
        ("地铁 4、10 号线海伦路站 1 号口；公交 17 路", "Metro lines 4 and 10, Hailun Road station, exit 1; bus 17"),
        "standard",
    ),
    (
        "yanglin-admin-centre",
        "yanglin",
        "district",
        ("杨林区行政服务中心", "Yanglin District Administrative Service Centre"),
        ("杨林区江浦路 2000 号", "2000 Jiangpu Road, Yanglin District"),
        "021-65430007",
        ("地铁 12 号线江浦公园站 2 号口；公交 135 路", "Metro line 12, Jiangpu Park station, exit 2; bus 135"),
        "lunch",
    ),
    (
        "minxi-admin-centre",
        "minxi",
        "district",
        ("闵溪区行政服务中心", "Minxi District Administrative Service Centre"),
        ("闵溪区浦闵路 6258 号", "6258 Pumin Road, Minxi District"),
        "021-64120008",
        ("地铁 5 号线莘庄站北广场；公交 闵溪 12 路", "Metro line 5, Xinzhuang station north square; Minxi bus 12"),
        "saturday",
    ),
    (
        "baowan-admin-centre",
        "baowan",
        "district",
        ("宝湾区行政服务中心", "Baowan District Administrative Service Centre"),
        ("宝湾区密山路 5 号", "5 Mishan Road, Baowan District"),
        "021-56690009",
        ("地铁 3 号线友谊路站 1 号口；公交 宝湾 1 路", "Metro line 3, Youyi Road station, exit 1; Baowan bus 1"),
        "lunch",
    ),
    (
        "jiahe-admin-centre",
        "jiahe",
        "district",
        ("嘉禾区行政服务中心", "Jiahe District Administrative Service Centre"),
        ("嘉禾区洪德路 1288 号", "1288 Hongde Road, Jiahe District"),
        "021-59990010",
        ("地铁 11 号线嘉禾新城站 3 号口；公交 嘉禾 5 路", "Metro line 11, Jiahe New Town station, exit 3; Jiahe bus 5"),
        "standard",
    ),
    (
        "puxin-admin-centre",
        "puxin",
        "district",
        ("浦新区行政服务中心", "Puxin District Administrative Service Centre"),
        ("浦新区合欢路 201 号", "201 Hehuan Road, Puxin District"),
        "021-58770011",
        ("地铁 2、9 号线龙阳路站 1 号口；公交 989 路", "Metro lines 2 and 9, Longyang Road station, exit 1; bus 989"),
        "long",
    ),
    (
        "jintan-admin-centre",
        "jintan",
        "district",
        ("金滩区行政服务中心", "Jintan District Administrative Service Centre"),
        ("金滩区金滩大道 2000 号", "2000 Jintan Avenue, Jintan District"),
        "021-57920012",
        ("金滩铁路金滩卫站换乘公交 金滩 2 路", "Jintan railway to Jintanwei, then Jintan bus 2"),
        "lunch",
    ),
    (
        "songlin-admin-centre",
        "songlin",
        "district",
        ("松林区行政服务中心", "Songlin District Administrative Service Centre"),
        ("松林区乐都路 8 号", "8 Ledu Road, Songlin District"),
        "021-57810013",
        ("地铁 9 号线醉白池站 2 号口；公交 松林 9 路", "Metro line 9, Zuibaichi station, exit 2; Songlin bus 9"),
        "saturday",
    ),
    (
        "qinghu-admin-centre",
        "qinghu",
        "district",
        ("青湖区行政服务中心", "Qinghu District Administrative Service Centre"),
        ("青湖区公园路 100 号", "100 Gongyuan Road, Qinghu District"),
        "021-59720014",
        ("地铁 17 号线漕盈路站 1 号口；公交 青湖 3 路", "Metro line 17, Caoying Road station, exit 1; Qinghu bus 3"),
        "standard",
    ),
    (
        "fenghai-admin-centre",
        "fenghai",
        "district",
        ("奉海区行政服务中心", "Fenghai District Administrative Service Centre"),
        ("奉海区望园路 1588 号", "1588 Wangyuan Road, Fenghai District"),
        "021-57190015",
        ("地铁 5 号线望园路站 2 号口；公交 南团线", "Metro line 5, Wangyuan Road station, exit 2; Nantuan bus line"),
        "lunch",
    ),
    (
        "chongdao-admin-centre",
        "chongdao",
        "district",
        ("崇岛区行政服务中心", "Chongdao District Administrative Service Centre"),
        ("崇岛区城桥镇八一路 333 号", "333 Bayi Road, Chengqiao Town, Chongdao District"),
        "021-59620016",
        ("南门港码头步行 10 分钟；公交 南堡专线", "10 minutes' walk from Nanmen ferry pier; Nanbao express bus"),
        "lunch",
    ),
    (
        "linhai-admin-centre",
        "linhai",
        "district",
        ("临海新片区政务服务中心", "Linhai New Area Government Service Centre"),
        ("临海新片区环湖西二路 888 号", "888 Huanhu West 2nd Road, Linhai New Area"),
        "021-68280017",
        ("地铁 16 号线滴水湖站 1 号口", "Metro line 16, Dishui Lake station, exit 1"),
        "saturday",
    ),
    # Community affairs acceptance centres: individual services close to home.
    (
        "waitan-community-centre",
        "jiangxin",
        "community",
        ("外滩街道社区事务受理服务中心", "Waitan Community Affairs Centre"),
        ("江心区福州路 188 号", "188 Fuzhou Road, Jiangxin District"),
        "021-63290101",
        ("地铁 2 号线南京东路站 6 号口", "Metro line 2, Nanjing East Road station, exit 6"),
        "saturday",
    ),
    (
        "jingansi-community-centre",
        "jinghu",
        "community",
        ("静湖寺街道社区事务受理服务中心", "Jinghusi Community Affairs Centre"),
        ("静湖区常德路 588 号", "588 Changde Road, Jinghu District"),
        "021-62470102",
        ("地铁 2、7 号线静湖寺站 4 号口", "Metro lines 2 and 7, Jinghusi station, exit 4"),
        "standard",
    ),
    (
        "tianping-community-centre",
        "xuyuan",
        "community",
        ("天平街道社区事务受理服务中心", "Tianping Community Affairs Centre"),
        ("徐园区天平路 208 号", "208 Tianping Road, Xuyuan District"),
        "021-64370103",
        ("地铁 10 号线交通大学站 7 号口", "Metro line 10, Jiaotong University station, exit 7"),
        "lunch",
    ),
    (
        "caoyang-community-centre",
        "changfeng",
        "community",
        ("曹杨新村街道社区事务受理服务中心", "Caoyang Community Affairs Centre"),
        ("长风区枣阳路 80 号", "80 Zaoyang Road, Changfeng District"),
        "021-52840104",
        ("地铁 11 号线枫桥路站 1 号口", "Metro line 11, Fengqiao Road station, exit 1"),
        "standard",
    ),
    (
        "huamu-community-centre",
        "pujiang",
        "community",
        ("花木街道社区事务受理服务中心", "Huamu Community Affairs Centre"),
        ("普江区梅花路 1188 号", "1188 Meihua Road, Pujiang District"),
        "021-50330105",
        ("地铁 7 号线花木路站 2 号口", "Metro line 7, Huamu Road station, exit 2"),
        "saturday",
    ),
    (
        "sichuanbei-community-centre",
        "honggang",
        "community",
        ("四川北路街道社区事务受理服务中心", "Sichuan North Road Community Affairs Centre"),
        ("虹港区多伦路 150 号", "150 Duolun Road, Honggang District"),
        "021-56960106",
        ("地铁 3 号线东宝兴路站 1 号口", "Metro line 3, Dongbaoxing Road station, exit 1"),
        "standard",
    ),
    (
        "wujiaochang-community-centre",
        "yanglin",
        "community",
        ("五角场街道社区事务受理服务中心", "Wujiaochang Community Affairs Centre"),
        ("杨林区政民路 318 号", "318 Zhengmin Road, Yanglin District"),
        "021-55060107",
        ("地铁 10 号线江湾体育场站 4 号口", "Metro line 10, Jiangwan Stadium station, exit 4"),
        "evening",
    ),
    (
        "xinzhuang-community-centre",
        "minxi",
        "community",
        ("莘庄镇社区事务受理服务中心", "Xinzhuang Community Affairs Centre"),
        ("闵溪区莘建东路 58 号", "58 Xinjian East Road, Minxi District"),
        "021-64920108",
        ("地铁 1 号线莘庄站南广场步行 8 分钟", "Metro line 1, Xinzhuang station south square, 8 minutes' walk"),
        "lunch",
    ),
    (
        "anting-community-centre",
        "jiahe",
        "community",
        ("安亭镇社区事务受理服务中心", "Anting Community Affairs Centre"),
        ("嘉禾区墨玉南路 1055 号", "1055 Moyu South Road, Jiahe District"),
        "021-69570109",
        ("地铁 11 号线安亭站 2 号口", "Metro line 11, Anting station, exit 2"),
        "standard",
    ),
    (
        "sheshan-community-centre",
        "songlin",
        "community",
        ("佘山镇社区事务受理服务中心", "Sheshan Community Affairs Centre"),
        ("松林区佘山镇北松公路 9000 号", "9000 Beisong Road, Sheshan Town, Songlin District"),
        "021-57650110",
        ("地铁 9 号线佘山站换乘 松林 21 路", "Metro line 9 to Sheshan, then Songlin bus 21"),
        "lunch",
    ),
    (
        "zhujiajiao-community-centre",
        "qinghu",
        "community",
        ("朱家角镇社区事务受理服务中心", "Zhujiajiao Community Affairs Centre"),
        ("青湖区朱家角镇沙家埭路 18 号", "18 Shajiadai Road, Zhujiajiao Town, Qinghu District"),
        "021-59240111",
        ("地铁 17 号线朱家角站 1 号口", "Metro line 17, Zhujiajiao station, exit 1"),
        "standard",
    ),
    # Enterprise service centres: business registration, permits, tax.
    (
        "pujiang-enterprise-centre",
        "pujiang",
        "enterprise",
        ("普江区企业服务中心", "Pujiang Enterprise Service Centre"),
        ("普江区世纪大道 1600 号 2 楼", "2F, 1600 Century Avenue, Pujiang District"),
        "021-68540201",
        ("地铁 2、4、6、9 号线世纪大道站 11 号口", "Metro lines 2, 4, 6 and 9, Century Avenue station, exit 11"),
        "long",
    ),
    (
        "jiangxin-enterprise-centre",
        "jiangxin",
        "enterprise",
        ("江心区企业服务中心", "Jiangxin Enterprise Service Centre"),
        ("江心区延安东路 300 号 1 楼", "1F, 300 Yan'an East Road, Jiangxin District"),
        "021-63350202",
        ("地铁 14 号线豫园站 2 号口", "Metro line 14, Yuyuan station, exit 2"),
        "standard",
    ),
    (
        "minxi-enterprise-centre",
        "minxi",
        "enterprise",
        ("闵溪区企业服务中心", "Minxi Enterprise Service Centre"),
        ("闵溪区虹桥路 2188 号", "2188 Hongqiao Road, Minxi District"),
        "021-64010203",
        ("地铁 10 号线龙溪路站 1 号口", "Metro line 10, Longxi Road station, exit 1"),
        "saturday",
    ),
    (
        "linhai-enterprise-centre",
        "linhai",
        "enterprise",
        ("临海新片区企业服务中心", "Linhai New Area Enterprise Service Centre"),
        ("临海新片区申港大道 200 号", "200 Shengang Avenue, Linhai New Area"),
        "021-68280204",
        ("地铁 16 号线滴水湖站换乘 临海 3 路", "Metro line 16 to Dishui Lake, then Linhai bus 3"),
        "standard",
    ),
    # Vehicle administration offices (traffic police).
    (
        "changfeng-vehicle-office",
        "changfeng",
        "vehicle",
        ("海浦市车辆管理所长风分所", "Changfeng Vehicle Administration Office"),
        ("长风区中环西路 1000 号", "1000 Middle Ring West Road, Changfeng District"),
        "021-52980301",
        ("地铁 15 号线古浪路站 3 号口；设免费停车场", "Metro line 15, Gulang Road station, exit 3; free parking"),
        "long",
    ),
    (
        "puxin-vehicle-office",
        "puxin",
        "vehicle",
        ("海浦市车辆管理所浦新分所", "Puxin Vehicle Administration Office"),
        ("浦新区华夏中路 555 号", "555 Huaxia Middle Road, Puxin District"),
        "021-58950302",
        (
            "地铁 2 号线广兰路站换乘 浦新 22 路；设免费停车场",
            "Metro line 2 to Guanglan Road, then bus 22; free parking",
        ),
        "saturday",
    ),
]
