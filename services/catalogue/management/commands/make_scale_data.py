"""`manage.py make_scale_data --services 5000`: synthetic services for load and scale testing.

Synthetic services have slugs `scale-1`, `scale-2`, ...; the command creates the ones missing up
to the number asked for, so running it again with the same number adds nothing and a larger
number adds the difference. Names, summaries and keywords are built from a vocabulary whose
words are drawn with a long-tailed (Zipf-like) distribution, so a search for a common word hits
many services and a rare word few, as in a real catalogue. Everything is written with
bulk_create in batches of 1,000 services (signals are bypassed, so the catalogue version is
bumped once at the end).
"""

import random
import time

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from services.catalogue import search
from services.catalogue.models import Audience, Department, LifeEvent, Material, Service, service_centre_model
from services.lib.cache import bump_version

BATCH = 1000
PREFIX = "scale-"

# (Chinese, English, synonyms zh, synonyms en): what a service is about.
SUBJECTS = [
    ("户外广告", "outdoor advertising", "广告牌 招牌", "billboard signboard"),
    ("建筑垃圾", "construction waste", "渣土 装修垃圾", "rubble debris"),
    ("犬只", "dog", "养狗 宠物", "pet dog licence"),
    ("船舶", "vessel", "船只 内河船", "boat ship"),
    ("农药经营", "pesticide trading", "农资", "agrochemicals"),
    ("档案", "archives", "档案查询 人事档案", "records file"),
    ("出版物", "publications", "图书 报刊", "books periodicals"),
    ("药品零售", "pharmacy retail", "药店", "drugstore chemist"),
    ("医疗器械", "medical devices", "器械经营", "medical equipment"),
    ("危险化学品", "hazardous chemicals", "危化品", "dangerous goods"),
    ("特种设备", "special equipment", "电梯 锅炉", "lift boiler pressure vessel"),
    ("计量器具", "measuring instruments", "计量", "metrology scales"),
    ("工程咨询", "engineering consulting", "咨询 工程顾问", "consultancy"),
    ("排水", "drainage", "排水许可 污水纳管", "sewer connection"),
    ("绿化", "greening", "树木 移植", "trees landscaping"),
    ("道路挖掘", "road excavation", "开挖 占路", "street works"),
    ("占道", "use of public roads", "占用道路", "road occupation"),
    ("民办学校", "private school", "民办教育", "private education"),
    ("培训机构", "training institution", "校外培训", "tutoring centre"),
    ("托育机构", "childcare centre", "托儿所 托育", "nursery daycare"),
    ("养老机构", "care home", "敬老院 养老院", "nursing home"),
    ("社会组织", "social organisation", "社会团体 民非", "NGO association"),
    ("慈善组织", "charity", "公益 募捐", "fundraising"),
    ("宗教活动场所", "place of worship", "宗教", "religious venue"),
    ("文物", "cultural relics", "文物保护", "heritage"),
    ("演出", "performance", "营业性演出", "show concert"),
    ("旅行社", "travel agency", "旅游", "tourism"),
    ("网吧", "internet cafe", "上网服务", "cybercafe"),
    ("人力资源服务", "human resources services", "职业中介 猎头", "recruitment agency"),
    ("劳务派遣", "labour dispatch", "派遣", "agency workers"),
    ("燃气", "gas supply", "燃气经营", "natural gas"),
    ("供水", "water supply", "自来水", "tap water"),
    ("电力", "electricity", "用电", "power connection"),
    ("停车场", "car park", "停车", "parking"),
    ("出租汽车", "taxi", "出租车", "cab"),
    ("货运车辆", "goods vehicle", "货车 通行证", "truck pass"),
    ("渔业", "fisheries", "捕捞 养殖", "fishing aquaculture"),
    ("种子", "seeds", "种子生产", "seed production"),
    ("动物防疫", "animal epidemic prevention", "兽医 检疫", "veterinary quarantine"),
    ("林木采伐", "tree felling", "采伐", "logging"),
    ("测绘", "surveying and mapping", "测绘资质", "survey"),
    ("气象", "meteorology", "防雷", "lightning protection"),
    ("人防工程", "civil air defence works", "人防", "air-raid shelter"),
    ("无线电", "radio", "无线电台", "radio station frequency"),
    ("专利", "patents", "知识产权", "intellectual property"),
    ("商标", "trademarks", "商标质押", "brand"),
    ("进出口", "import and export", "外贸 对外贸易", "foreign trade"),
    ("外商投资", "foreign investment", "外资", "FDI"),
    ("统计", "statistics", "统计调查", "survey returns"),
    ("退役军人", "veterans", "优抚 军休", "ex-servicemen"),
    ("住房维修资金", "housing maintenance fund", "维修基金", "repair fund"),
    ("物业", "property management", "物业服务", "estate management"),
    ("历史建筑", "historic buildings", "优秀历史建筑", "listed buildings"),
    ("体育场馆", "sports venue", "健身", "gym stadium"),
    ("游泳场所", "swimming venue", "游泳池", "pool"),
    ("殡葬", "funeral services", "墓地", "cemetery"),
    ("法律援助", "legal aid", "法援", "free legal advice"),
    ("公证", "notarisation", "公证书", "notary"),
    ("司法鉴定", "forensic appraisal", "鉴定", "expert witness"),
    ("人才引进", "talent attraction", "人才", "high-skilled talent"),
]
# (Chinese, English, audience it suits): what is done.
ACTIONS = [
    ("许可", "permit", Audience.BUSINESS),
    ("备案", "filing", Audience.BUSINESS),
    ("登记", "registration", Audience.BOTH),
    ("补贴申领", "subsidy claim", Audience.BOTH),
    ("证明开具", "certificate", Audience.INDIVIDUAL),
    ("年度检验", "annual inspection", Audience.BUSINESS),
    ("核准", "approval", Audience.BUSINESS),
    ("信息查询", "records search", Audience.BOTH),
    ("资质认定", "qualification", Audience.BUSINESS),
    ("奖励申报", "award application", Audience.BOTH),
    ("投诉处理", "complaint", Audience.INDIVIDUAL),
    ("费用减免", "fee waiver", Audience.INDIVIDUAL),
]
VARIANTS = [
    ("新办", "new"),
    ("延续", "renewal"),
    ("变更", "change"),
    ("补证", "replacement"),
    ("注销", "cancellation"),
    ("市级", "city level"),
    ("区级", "district level"),
]
LAWS = [
    ("《中华人民共和国行政许可法》", "Administrative Licensing Law of the People's Republic of China"),
    ("《优化营商环境条例》", "Regulations on Optimising the Business Environment"),
    ("《中华人民共和国政府信息公开条例》", "Regulations on Open Government Information"),
    ("《海浦市公共数据和一网通办管理办法》", "Haipu Measures on Public Data and One-Stop Online Services"),
]
LIMITS = [1, 3, 5, 10, 15, 20, 30, 60]

# Zipf-like weights: the first subjects are common, the last rare.
SUBJECT_WEIGHTS = [1 / (rank + 1) ** 0.8 for rank in range(len(SUBJECTS))]


def build_service(n, departments, rng):
    subject_zh, subject_en, syn_zh, syn_en = rng.choices(SUBJECTS, SUBJECT_WEIGHTS)[0]
    action_zh, action_en, audience = rng.choice(ACTIONS)
    variant_zh, variant_en = rng.choice(VARIANTS)
    department = rng.choice(departments)
    who_zh, who_en = {
        "individual": ("个人", "individuals"),
        "business": ("企业", "businesses"),
        "both": ("个人和企业", "individuals and businesses"),
    }[audience]
    online, counter = rng.random() < 0.7, rng.random() < 0.8
    post = rng.random() < 0.2
    if not (online or counter or post):
        counter = True
    statutory = rng.choice(LIMITS)
    promised = rng.choice([d for d in LIMITS if d <= statutory])
    law = rng.choice(LAWS)
    return Service(
        slug=f"{PREFIX}{n}",
        code=f"310000-{department.code}-S{n:06d}",
        department=department,
        audience=audience,
        name_zh=f"{subject_zh}{action_zh}（{variant_zh}）",
        name_en=f"{subject_en[0].upper()}{subject_en[1:]} {action_en} ({variant_en})",
        summary_zh=(
            f"{department.name_zh}受理的{subject_zh}{action_zh}事项（{variant_zh}），面向{who_zh}。事项编号 S{n}。"
        ),
        summary_en=(
            f"{subject_en[0].upper()}{subject_en[1:]} {action_en} ({variant_en}) handled by the "
            f"{department.name_en}, for {who_en}. Item S{n}."
        ),
        keywords_zh=f"{subject_zh} {action_zh} {variant_zh}",
        keywords_en=f"{subject_en}, {action_en}, {variant_en}",
        synonyms_zh=syn_zh,
        synonyms_en=syn_en,
        offers_online=online,
        offers_counter=counter,
        offers_post=post,
        eligibility_zh=f"在本市从事{subject_zh}相关活动的{who_zh}",
        eligibility_en=f"{who_en[0].upper()}{who_en[1:]} whose activities involve {subject_en} in Haipu",
        conditions_zh="符合相关法律法规和技术规范要求\n申请材料真实、完整、有效",
        conditions_en="Meets the relevant laws, regulations and technical standards\n"
        "The application materials are true, complete and valid",
        steps_zh="提交申请\n部门受理审查\n作出决定并送达结果",
        steps_en="Apply\nThe department accepts and reviews the application\nThe decision is made and sent to you",
        legal_basis_zh=law[0],
        legal_basis_en=law[1],
        statutory_limit_days=statutory,
        promised_limit_days=promised,
        counter_visits=(1 if counter and (not online or rng.random() < 0.3) else 0),
        popularity=int(rng.paretovariate(1.2) * 40),
        published=True,
    )


def build_materials(service, rng):
    business = service.audience == Audience.BUSINESS
    return [
        Material(
            service=service,
            order=0,
            name_zh="申请表",
            name_en="Application form",
            description_zh="在线填写或在窗口领取，由申请人签名。",
            description_en="Fill it in online or pick it up at the counter, and sign it.",
            accepted_file_types="pdf",
        ),
        Material(
            service=service,
            order=1,
            form=Material.Form.COPY,
            e_certificate=True,
            name_zh="营业执照" if business else "居民身份证",
            name_en="Business licence" if business else "Resident identity card",
            description_zh="已有电子证照的可免交。",
            description_en="Not needed when it is on record as an e-certificate.",
        ),
        Material(
            service=service,
            order=2,
            form=Material.Form.COPY,
            required=rng.random() < 0.6,
            name_zh="相关证明材料",
            name_en="Supporting documents",
            description_zh=f"与{service.name_zh}有关的证明材料。",
            description_en=f"Documents supporting your {service.name_en.lower()} application.",
        ),
    ]


class Command(BaseCommand):
    help = (
        "Create synthetic services scale-1..scale-N (bilingual, with materials, life events and centres) "
        "for load testing. Idempotent: only the missing ones are created."
    )

    def add_arguments(self, parser):
        parser.add_argument("--services", type=int, default=5000, help="Total number of synthetic services wanted.")

    def handle(self, *args, services, **options):
        if services < 0:
            raise CommandError("--services must be zero or more.")
        started = time.monotonic()
        if not Department.objects.filter(slug="psb").exists():
            self.stdout.write("The demo city is not loaded yet; loading it first.")
            call_command("load_demo", stdout=self.stdout)

        existing = {
            int(slug[len(PREFIX) :])
            for slug in Service.objects.filter(slug__startswith=PREFIX).values_list("slug", flat=True)
            if slug[len(PREFIX) :].isdigit()
        }
        missing = [n for n in range(1, services + 1) if n not in existing]
        if not missing:
            self.stdout.write(f"Nothing to do: {services} synthetic services already exist.")
            return

        departments = list(Department.objects.all())
        events = {
            Audience.INDIVIDUAL: list(LifeEvent.objects.filter(audience=Audience.INDIVIDUAL)),
            Audience.BUSINESS: list(LifeEvent.objects.filter(audience=Audience.BUSINESS)),
        }
        events[Audience.BOTH] = events[Audience.INDIVIDUAL] + events[Audience.BUSINESS]
        # Centres are the offline app's: reached through their relation, not imported (the
        # catalogue imports no other app - pyproject.toml).
        centres = list(service_centre_model().objects.values_list("pk", flat=True))
        event_through = Service.life_events.through
        centre_through = Service.centres.through

        for start in range(0, len(missing), BATCH):
            numbers = missing[start : start + BATCH]
            rngs = {n: random.Random(n) for n in numbers}  # deterministic per service
            with transaction.atomic():
                batch = Service.objects.bulk_create([build_service(n, departments, rngs[n]) for n in numbers])
                if any(s.pk is None for s in batch):  # backends that cannot return ids from bulk inserts
                    slugs = [s.slug for s in batch]
                    pks = dict(Service.objects.filter(slug__in=slugs).values_list("slug", "pk"))
                    for s in batch:
                        s.pk = pks[s.slug]
                materials, event_links, centre_links = [], [], []
                for n, service in zip(numbers, batch, strict=True):
                    rng = rngs[n]
                    materials += build_materials(service, rng)
                    pool = events[service.audience]
                    for event in rng.sample(pool, k=min(len(pool), rng.choice([0, 1, 1, 2]))):
                        event_links.append(event_through(service_id=service.pk, lifeevent_id=event.pk))
                    if service.offers_counter and centres:
                        for centre in rng.sample(centres, k=min(len(centres), rng.randint(1, 3))):
                            centre_links.append(centre_through(service_id=service.pk, servicecentre_id=centre))
                Material.objects.bulk_create(materials)
                event_through.objects.bulk_create(event_links)
                centre_through.objects.bulk_create(centre_links)
                search.index_services([s.pk for s in batch])  # bulk_create sends no signals
            self.stdout.write(f"  {start + len(numbers)}/{len(missing)} services")

        bump_version()
        self.stdout.write(
            self.style.SUCCESS(
                f"Created {len(missing)} synthetic services (scale-1..scale-{services}) in "
                f"{time.monotonic() - started:.1f}s; the catalogue now has {Service.objects.count()} services."
            )
        )
