# ruff: noqa: E501 - content file: each bilingual (Chinese, English) text pair stays on one line.
"""Demo services: public security, traffic police, civil affairs and disability support."""

from .base import (
    AGENT,
    BANK_CARD,
    BIRTH_CERT,
    BOTH,
    COPY,
    DEATH_CERT,
    DISABILITY_CERT,
    DRIVING_LICENCE,
    HUKOU_BOOK,
    ID_CARD,
    LEASE,
    MARRIAGE_CERT,
    PHOTO,
    PROPERTY_CERT,
    RESIDENCE_PERMIT,
    mat,
    vary,
)

PEOPLE_SERVICES = [
    # --- Public Security Bureau --------------------------------------------------------------
    dict(
        slug="residence-permit",
        dept="psb",
        aud="individual",
        events=["moving-to-haipu", "finding-work"],
        name=("居住证申领", "Residence permit application"),
        summary=(
            "来海浦居住满半年的非本市户籍人员申领《海浦市居住证》，凭证享受子女入学、社保、公积金等公共服务。",
            "People without a Haipu hukou who have lived in the city for six months can get a Haipu residence "
            "permit, which opens schooling for children, social insurance and other public services.",
        ),
        kw=(
            "居住证 暂住证 外来人口 新市民 积分 居住登记",
            "residence permit, residence card, newcomer, migrant, points",
        ),
        syn=("居住证办理 办居住证 临时居住证", "residence card, temporary residence permit, hukou alternative"),
        ch="ocp",
        visits=1,
        limits=(15, 7),
        pop=386200,
        elig=[
            (
                "在本市居住半年以上、已办理居住登记的非本市户籍人员",
                "People without a Haipu hukou who have registered "
                "their address and lived in Haipu for at least six months",
            ),
            ("未满 16 周岁的未成年人可由监护人代为申领", "Children under 16 may apply through a parent or guardian"),
        ],
        cond=[
            (
                "有合法稳定就业、合法稳定住所或连续就读之一",
                "You have stable legal work, a stable legal home, or are studying full-time in Haipu",
            ),
            (
                "已在居住地社区办理居住登记满半年",
                "Your address has been registered with the local community for six months",
            ),
            ("居住地址须与租赁备案或产权证明一致", "The address must match your registered tenancy or property title"),
        ],
        steps=[
            (
                "在线填写申请或到社区事务受理服务中心提交材料",
                "Apply online or hand in the materials at a community affairs centre",
            ),
            (
                "派出所核查居住信息（必要时上门核实）",
                "The local police station checks your address, sometimes with a visit",
            ),
            ("审核通过后采集照片、制证", "Once approved, your photo is taken and the permit is made"),
            ("选择到窗口领取或邮寄到家", "Collect the permit at the counter or have it posted to you"),
        ],
        fee=None,
        law=[
            ("《居住证暂行条例》", "Interim Regulations on Residence Permits"),
            ("《海浦市居住证管理办法》", "Haipu Measures for the Administration of Residence Permits"),
        ],
        mats=[
            ID_CARD,
            PHOTO,
            vary(
                LEASE,
                desc=(
                    "租住的提供已登记备案的租赁合同；自有住房提供不动产权证书；单位集体宿舍提供单位住宿证明。",
                    "Tenants: the registered tenancy agreement. Owners: the title certificate. Staff "
                    "dormitories: a letter from the employer.",
                ),
            ),
            mat(
                ("就业或就读证明", "Proof of work or study"),
                (
                    "劳动合同或在本市缴纳社保的记录；在校学生提供学校出具的就读证明。",
                    "Your employment contract or Haipu social insurance record; students bring a letter from their school.",
                ),
                form=COPY,
            ),
            AGENT,
        ],
        faqs=[
            (
                (
                    "居住证有效期多长？需要每年签注吗？",
                    "How long is the permit valid? Does it need renewing every year?",
                ),
                (
                    "居住证有效期三年，每年需办理一次签注，逾期未签注的暂停享受相关公共服务。",
                    "It is valid for three years but must be endorsed once a year; without the endorsement the related "
                    "services are suspended.",
                ),
            ),
            (
                ("租房合同没有备案可以申请吗？", "Can I apply if my tenancy is not registered?"),
                (
                    "请先由房东或本人办理租赁登记备案，可在本网站“房屋租赁合同登记备案”事项在线办理。",
                    "Register the tenancy first; you can do it online through the 'tenancy agreement registration' service.",
                ),
            ),
        ],
    ),
    dict(
        slug="residence-permit-endorsement",
        dept="psb",
        aud="individual",
        events=["moving-to-haipu"],
        name=("居住证签注", "Residence permit annual endorsement"),
        summary=(
            "居住证持有人每年办理一次签注，延续居住证的有效使用。",
            "Holders of a Haipu residence permit renew its endorsement once a year to keep it valid for services.",
        ),
        kw=("居住证 签注 续签 年审", "residence permit endorsement, renewal, annual check"),
        syn=("居住证续签 居住证年检", "residence permit renewal, residence card renewal"),
        ch="oc",
        visits=0,
        limits=(5, 1),
        pop=254000,
        elig=[("持有有效期内《海浦市居住证》的人员", "Holders of a valid Haipu residence permit")],
        cond=[
            ("居住地址、就业或就读情况未中断", "You still live, work or study in Haipu"),
            ("在签注到期前 30 日内申请", "Apply within 30 days before the endorsement expires"),
        ],
        steps=[
            ("登录后选择居住证并确认居住信息", "Sign in, choose your permit and confirm your details"),
            ("系统自动比对社保和租赁备案信息", "The system checks your social insurance and tenancy records"),
            ("签注成功后电子居住证即时更新", "Once endorsed, your electronic permit is updated at once"),
        ],
        fee=None,
        law=[("《居住证暂行条例》", "Interim Regulations on Residence Permits")],
        mats=[vary(RESIDENCE_PERMIT, required=True), ID_CARD],
        faqs=[
            (
                ("签注过期了怎么办？", "What if the endorsement has lapsed?"),
                (
                    "逾期未签注的，可随时补办签注，补办后居住证年限自补办之日起连续计算。",
                    "You can still endorse it; the years of residence count again from the day you do.",
                ),
            )
        ],
    ),
    dict(
        slug="id-card-renewal",
        dept="psb",
        aud="individual",
        events=["moving-to-haipu"],
        name=("居民身份证换领", "ID card renewal"),
        summary=(
            "居民身份证有效期满、证件损坏或登记项目变更时，换领新的居民身份证。",
            "Get a new resident identity card when yours expires, is damaged, or your details have changed.",
        ),
        kw=("身份证 换证 到期 过期 换领 二代证", "ID card, identity card, renew, expired, replacement"),
        syn=("身份证到期换证 换身份证", "resident identity card renewal, ID renewal"),
        ch="cp",
        visits=1,
        limits=(60, 15),
        pop=512300,
        elig=[
            ("本市户籍居民", "Residents with a Haipu hukou"),
            (
                "在本市居住的外省市户籍居民可异地换领",
                "Residents from other provinces living in Haipu can renew here too",
            ),
        ],
        cond=[
            ("身份证有效期满前三个月内或已过期", "Your card expires within three months or has already expired"),
            ("须本人到场采集人像和指纹", "You must come in person for your photo and fingerprints"),
        ],
        steps=[
            (
                "预约并到派出所或行政服务中心户籍窗口",
                "Book a visit and go to a police station or a district centre hukou counter",
            ),
            ("现场拍照、采集指纹，缴纳工本费", "Have your photo and fingerprints taken and pay the fee"),
            ("选择邮寄到家或到窗口领取", "Choose delivery by post or collection at the counter"),
        ],
        fee=(
            "工本费 20 元；临时居民身份证 10 元；邮寄费由快递公司收取",
            "Card fee RMB 20; temporary ID card RMB 10; postage charged by the courier",
        ),
        law=[("《中华人民共和国居民身份证法》", "Resident Identity Card Law of the People's Republic of China")],
        mats=[
            vary(ID_CARD, desc=("原居民身份证（过期的也需交回）。", "Your old identity card, even if expired.")),
            HUKOU_BOOK,
            vary(
                PHOTO,
                required=False,
                desc=(
                    "窗口现场免费拍摄；也可提供符合标准的照片回执。",
                    "Taken free at the counter, or bring a photo receipt that meets the standard.",
                ),
            ),
        ],
        faqs=[
            (
                ("换领期间需要乘坐火车怎么办？", "I need to take a train while my card is being made. What can I do?"),
                (
                    "可在换领时同时申领临时居民身份证，当场领取，有效期三个月。",
                    "Apply for a temporary ID card at the same time; you get it on the spot and it is valid for three months.",
                ),
            ),
            (
                ("16 周岁以下儿童需要办身份证吗？", "Do children under 16 need an ID card?"),
                (
                    "可自愿申领，有效期五年，须由监护人陪同办理。",
                    "They may apply; the card is valid for five years and a parent or guardian must come along.",
                ),
            ),
        ],
        at=["district", "community"],
    ),
    dict(
        slug="id-card-replacement",
        dept="psb",
        aud="individual",
        events=[],
        name=("居民身份证补领", "Lost ID card replacement"),
        summary=("居民身份证丢失后挂失并补领新证。", "Report a lost identity card and get a replacement."),
        kw=("身份证 丢失 遗失 补办 挂失", "ID card lost, stolen, replace, report lost"),
        syn=("补办身份证 身份证挂失", "replace identity card, lost ID"),
        ch="c",
        visits=1,
        limits=(60, 15),
        pop=198400,
        elig=[
            ("居民身份证丢失或被盗的本市户籍居民和外省市户籍居民", "Anyone whose identity card has been lost or stolen")
        ],
        cond=[
            ("须本人到场", "You must come in person"),
            ("原证已在线或到窗口挂失", "The lost card has been reported lost online or at the counter"),
        ],
        steps=[
            ("在线或到窗口挂失原身份证", "Report the card lost online or at a counter"),
            ("到户籍窗口拍照、采集指纹并缴费", "Go to a hukou counter for photo and fingerprints and pay the fee"),
            ("邮寄或到窗口领取新证", "Receive the new card by post or collect it"),
        ],
        fee=("补领工本费 40 元", "Replacement fee RMB 40"),
        law=[("《中华人民共和国居民身份证法》", "Resident Identity Card Law of the People's Republic of China")],
        mats=[
            HUKOU_BOOK,
            vary(PHOTO, required=False, desc=("窗口现场免费拍摄。", "Taken free of charge at the counter.")),
        ],
        faqs=[
            (
                ("找回了原来的身份证还能用吗？", "I found my old card. Can I still use it?"),
                (
                    "已挂失补领的原证自动作废，请交回户籍窗口。",
                    "No. A card reported lost is cancelled; please hand it in at a hukou counter.",
                ),
            )
        ],
        at=["district", "community"],
    ),
    dict(
        slug="hukou-transfer",
        dept="psb",
        aud="individual",
        events=["moving-house", "getting-married", "moving-to-haipu"],
        name=("户口迁移（市内迁移）", "Household registration transfer (within Haipu)"),
        summary=(
            "在本市范围内因购房、投靠亲属等原因迁移户口，办理迁出与迁入“一站式”手续。",
            "Move your hukou to a new address in Haipu, for example after buying a home or to join family; "
            "moving out and in are done in one application.",
        ),
        kw=("户口 户籍 迁户口 落户 迁移 户口本", "hukou, household registration, transfer, move, household register"),
        syn=(
            "户口迁移 户籍迁移 迁户口 投靠落户",
            "hukou transfer, household registration move, residence registration",
        ),
        ch="oc",
        visits=1,
        limits=(20, 5),
        pop=143600,
        elig=[
            ("本市户籍居民", "Residents with a Haipu hukou"),
            (
                "在本市有合法固定住所的，或投靠配偶、子女、父母的",
                "With a legal home in Haipu, or joining a spouse, child or parent",
            ),
        ],
        cond=[
            (
                "迁入地址为本人或直系亲属产权房屋，或经产权人同意",
                "The new address is your own or a close relative's home, or its owner agrees",
            ),
            (
                "迁入集体户的须有单位或人才中心同意接收证明",
                "For a collective hukou you need the employer's or talent centre's consent",
            ),
        ],
        steps=[
            ("在线提交申请或到迁入地户籍窗口", "Apply online or at the hukou counter of the new address"),
            ("迁入地派出所审核住所和亲属关系", "The police station of the new address checks the home and family ties"),
            ("系统自动完成迁出，无需回原派出所", "Moving out is done automatically; no need to visit the old station"),
            ("到窗口领取新户口簿或户口页", "Collect the new booklet or page at the counter"),
        ],
        fee=None,
        law=[
            (
                "《中华人民共和国户口登记条例》",
                "Regulations of the People's Republic of China on Household Registration",
            ),
            ("《海浦市常住户口管理规定》", "Haipu Provisions on Permanent Household Registration"),
        ],
        mats=[
            ID_CARD,
            HUKOU_BOOK,
            PROPERTY_CERT,
            mat(
                ("亲属关系证明", "Proof of family relationship"),
                (
                    "投靠亲属的提供结婚证、出生医学证明或户籍部门出具的亲属关系证明。",
                    "When joining family: the marriage certificate, birth certificate or a certificate of relationship.",
                ),
                form=BOTH,
                required=False,
                ecert=True,
            ),
            mat(
                ("房屋产权人同意落户书面意见", "Property owner's written consent"),
                (
                    "迁入他人房屋的，由全体产权人签字同意。",
                    "If the home belongs to someone else, all owners sign their consent.",
                ),
                required=False,
            ),
        ],
        faqs=[
            (
                ("户口迁移要回老家派出所开迁移证吗？", "Do I have to go back to my old police station?"),
                (
                    "本市范围内迁移实行“一站式”办理，只需到迁入地窗口即可。",
                    "No. Within Haipu the transfer is one-stop: only the counter at the new address is needed.",
                ),
            ),
            (
                ("孩子户口可以跟随迁移吗？", "Can my children's hukou move with me?"),
                ("可以，同一申请中可添加随迁子女。", "Yes, add the children to the same application."),
            ),
        ],
        at=["district", "community"],
    ),
    dict(
        slug="newborn-registration",
        dept="psb",
        aud="individual",
        events=["having-a-baby"],
        name=("新生儿出生登记（报户口）", "Newborn registration (baby's hukou)"),
        summary=(
            "凭出生医学证明为新生儿申报户口，可与生育登记、医保参保、社保卡一并办理。",
            "Register your baby's hukou with the birth medical certificate; health insurance and the social "
            "security card can be applied for in the same go.",
        ),
        kw=(
            "新生儿 报户口 上户口 出生登记 宝宝落户 户口",
            "newborn, baby, birth registration, hukou, household registration",
        ),
        syn=("新生儿落户 出生申报户口 宝宝上户口", "baby registration, newborn hukou, birth hukou"),
        ch="oc",
        visits=0,
        limits=(10, 3),
        pop=96400,
        elig=[("父母一方为本市户籍居民的新生儿", "Babies with at least one parent holding a Haipu hukou")],
        cond=[
            (
                "在出生后一个月内申报（逾期可补报）",
                "Register within one month of the birth (late registration is possible)",
            ),
            (
                "随父或随母落户，落户地址须为父或母户籍地址",
                "The baby is registered at the father's or mother's hukou address",
            ),
        ],
        steps=[
            ("在线填写新生儿信息并选择落户地址", "Enter the baby's details online and choose the hukou address"),
            (
                "系统调用电子出生医学证明和父母证照",
                "The system retrieves the electronic birth certificate and parents' records",
            ),
            (
                "派出所审核，户口簿新生儿页邮寄到家",
                "The police station approves and posts the baby's register page to you",
            ),
        ],
        fee=None,
        law=[
            (
                "《中华人民共和国户口登记条例》",
                "Regulations of the People's Republic of China on Household Registration",
            )
        ],
        mats=[
            BIRTH_CERT,
            vary(ID_CARD, desc=("父母双方的居民身份证。", "Both parents' identity cards.")),
            vary(
                HUKOU_BOOK,
                desc=("落户所在户的居民户口簿。", "The household register booklet of the family the baby joins."),
            ),
            MARRIAGE_CERT,
        ],
        faqs=[
            (
                ("孩子出生后多久可以报户口？", "How soon after the birth can we register?"),
                (
                    "医院签发出生医学证明后即可在线申报，一般 3 个工作日内办结。",
                    "As soon as the hospital issues the birth certificate; most registrations are done within 3 working days.",
                ),
            ),
            (
                ("父母是外省市户籍怎么办？", "What if neither parent has a Haipu hukou?"),
                (
                    "请回父母户籍地办理，或在本市办理居住登记。",
                    "Register the baby at the parents' hukou place; the baby "
                    "can be added to the residence registration in Haipu.",
                ),
            ),
        ],
    ),
    dict(
        slug="hukou-cancellation-death",
        dept="psb",
        aud="individual",
        events=["death-and-funeral"],
        name=("死亡注销户口", "Cancelling the hukou of someone who has died"),
        summary=(
            "居民死亡后，家属办理户口注销，系统同步推送民政、社保、医保等部门。",
            "After a death, the family cancels the person's hukou; civil affairs, pensions and health insurance "
            "are told automatically.",
        ),
        kw=("死亡 注销户口 销户 去世 户口", "death, cancel hukou, deregister, passed away"),
        syn=("死亡销户 户口注销", "death registration, hukou cancellation"),
        ch="oc",
        visits=0,
        limits=(5, 1),
        pop=41800,
        elig=[
            (
                "本市户籍居民死亡后的亲属或户主",
                "Relatives of a Haipu resident who has died, or the head of the household",
            )
        ],
        cond=[("在居民死亡后一个月内办理", "Apply within one month of the death")],
        steps=[
            ("在线提交或到户籍窗口", "Apply online or at a hukou counter"),
            ("派出所核对死亡医学证明", "The police station checks the death certificate"),
            ("注销户口并交回死者身份证", "The hukou is cancelled; hand back the person's ID card"),
        ],
        fee=None,
        law=[
            (
                "《中华人民共和国户口登记条例》",
                "Regulations of the People's Republic of China on Household Registration",
            )
        ],
        mats=[
            DEATH_CERT,
            vary(HUKOU_BOOK, desc=("死者所在户的户口簿。", "The household register booklet of the person who died.")),
            vary(ID_CARD, desc=("死者居民身份证及申请人身份证。", "The ID card of the person who died and your own.")),
        ],
        faqs=[
            (
                ("注销户口后还需要去社保停发养老金吗？", "Do I need to tell the pension office separately?"),
                (
                    "不需要，户口注销信息会同步推送，可同时申请丧葬补助金。",
                    "No, it is told automatically. You can claim the funeral grant at the same time.",
                ),
            )
        ],
    ),
    dict(
        slug="no-criminal-record-certificate",
        dept="psb",
        aud="individual",
        events=["finding-work"],
        name=("无犯罪记录证明", "Certificate of no criminal record"),
        summary=(
            "为就业、出国、入学等需要，出具本人在本市无犯罪记录的证明，支持电子证明。",
            "A certificate that you have no criminal record in Haipu, for a job, study or going abroad; an "
            "electronic version is available.",
        ),
        kw=("无犯罪记录 无犯罪证明 良民证 政审", "no criminal record, police certificate, good conduct"),
        syn=("无犯罪记录证明 良民证", "police clearance certificate, certificate of good conduct"),
        ch="ocp",
        visits=0,
        limits=(15, 3),
        pop=178000,
        elig=[
            ("本市户籍居民", "Residents with a Haipu hukou"),
            ("持有效居住证的人员", "Holders of a valid Haipu residence permit"),
        ],
        cond=[("本人申请或书面委托他人代办", "You apply yourself or authorise someone in writing")],
        steps=[
            ("在线提交申请并说明用途", "Apply online and say what the certificate is for"),
            ("公安机关核查", "The police check their records"),
            ("下载电子证明或到窗口领取纸质证明", "Download the e-certificate or collect a paper one"),
        ],
        fee=None,
        law=[
            (
                "《公安机关办理无犯罪记录证明工作规定》",
                "Provisions on Issuing Certificates of No Criminal Record by Public Security Organs",
            )
        ],
        mats=[ID_CARD, RESIDENCE_PERMIT, AGENT],
        faqs=[
            (
                ("电子证明和纸质证明效力一样吗？", "Is the e-certificate as good as paper?"),
                ("效力相同，接收单位可扫码核验真伪。", "Yes. The receiving organisation scans the code to check it."),
            )
        ],
    ),
    dict(
        slug="temporary-id-card",
        dept="psb",
        aud="individual",
        events=[],
        name=("临时居民身份证申领", "Temporary ID card"),
        summary=(
            "在申领、换领、补领身份证期间急需使用的，可当场领取临时居民身份证。",
            "While your identity card is being made, get a temporary one on the spot.",
        ),
        kw=("临时身份证 身份证 急用", "temporary ID card, urgent, identity card"),
        syn=("临时身份证", "temporary identity card"),
        ch="c",
        visits=1,
        limits=(3, 1),
        pop=67500,
        elig=[
            (
                "正在申领、换领或补领居民身份证的居民",
                "Residents whose identity card is being issued, renewed or replaced",
            )
        ],
        cond=[("须本人到场", "You must come in person")],
        steps=[
            ("到户籍窗口提出申请", "Ask at a hukou counter"),
            ("现场拍照并缴费", "Have your photo taken and pay"),
            ("当场领取临时身份证", "Receive the temporary card on the spot"),
        ],
        fee=("工本费 10 元", "Fee RMB 10"),
        law=[
            (
                "《中华人民共和国临时居民身份证管理办法》",
                "Measures of the PRC on the Administration of Temporary Resident Identity Cards",
            )
        ],
        mats=[HUKOU_BOOK, vary(PHOTO, desc=("窗口现场拍摄。", "Taken at the counter."), required=False)],
        faqs=[(("临时身份证有效期多久？", "How long is the temporary card valid?"), ("三个月。", "Three months."))],
        at=["district"],
    ),
    # --- Traffic police ---------------------------------------------------------------------
    dict(
        slug="vehicle-registration",
        dept="traffic",
        aud="both",
        events=["buying-a-car"],
        name=("机动车注册登记（新车上牌）", "Vehicle registration (new car plates)"),
        summary=(
            "新购机动车办理注册登记、领取号牌和行驶证，支持在 4S 店“一站式”代办。",
            "Register a new vehicle and get its number plates and vehicle licence; many dealers can do it for you.",
        ),
        kw=("上牌 新车 机动车登记 车牌 号牌 行驶证", "car registration, number plate, licence plate, new car"),
        syn=("新车上牌 车辆注册", "car registration, plate registration"),
        ch="oc",
        visits=1,
        limits=(2, 1),
        pop=221000,
        elig=[
            (
                "在本市购买新车的个人（本市户籍或持居住证）",
                "Individuals buying a new car in Haipu (hukou or residence permit holders)",
            ),
            ("在本市登记的企业和单位", "Companies and organisations registered in Haipu"),
        ],
        cond=[
            (
                "已取得本市非营业性客车额度或新能源专用牌照额度",
                "You hold a Haipu private car plate quota or a new energy plate quota",
            ),
            ("已购买交强险并缴纳车船税", "Compulsory traffic insurance is bought and vehicle tax paid"),
        ],
        steps=[
            ("在线预约选号或由销售商代办", "Book online and choose a plate number, or let the dealer do it"),
            ("到车管所查验车辆", "Bring the car to a vehicle office for inspection"),
            ("审核资料并领取号牌、行驶证", "The papers are checked and you receive plates and the vehicle licence"),
        ],
        fee=(
            "号牌工本费 100 元；行驶证 10 元；登记证书 10 元",
            "Plates RMB 100; vehicle licence RMB 10; registration certificate RMB 10",
        ),
        law=[
            ("《中华人民共和国道路交通安全法》", "Road Traffic Safety Law of the People's Republic of China"),
            ("《机动车登记规定》", "Provisions on Motor Vehicle Registration"),
        ],
        mats=[
            ID_CARD,
            RESIDENCE_PERMIT,
            mat(
                ("机动车销售统一发票", "Vehicle sales invoice"),
                ("购车发票的机动车登记联。", "The registration copy of the purchase invoice."),
            ),
            mat(
                ("机动车整车出厂合格证", "Vehicle certificate of conformity"),
                (
                    "车辆出厂合格证明；国产车可调用电子合格证。",
                    "The manufacturer's certificate of conformity; the electronic version is used for domestic cars.",
                ),
                ecert=True,
            ),
            mat(
                ("交强险保单", "Compulsory traffic insurance policy"),
                ("电子保单可自动核验。", "Electronic policies are checked automatically."),
                form=COPY,
                ecert=True,
            ),
            mat(
                ("额度证明", "Plate quota certificate"),
                (
                    "非营业性客车额度证明或新能源专用牌照额度证明。",
                    "The private car plate quota or new energy plate quota certificate.",
                ),
            ),
        ],
        faqs=[
            (
                ("外地户籍可以在海浦上牌吗？", "Can I register a car without a Haipu hukou?"),
                ("持有效居住证并取得额度的可以办理。", "Yes, with a valid residence permit and a plate quota."),
            )
        ],
        at=["vehicle"],
    ),
    dict(
        slug="vehicle-transfer",
        dept="traffic",
        aud="both",
        events=["buying-a-car"],
        name=("机动车转移登记（二手车过户）", "Vehicle ownership transfer (used car)"),
        summary=("买卖二手车时办理车辆所有权转移登记。", "Transfer the ownership of a used car to the buyer."),
        kw=("过户 二手车 转移登记 车辆过户", "used car, transfer ownership, second-hand car"),
        syn=("二手车过户 车辆过户", "car ownership transfer"),
        ch="c",
        visits=1,
        limits=(2, 1),
        pop=132500,
        elig=[("二手车买卖双方", "Buyers and sellers of a used car")],
        cond=[
            (
                "车辆无未处理的违法和事故记录，已检验合格",
                "No outstanding offences or accidents, and the car has passed inspection",
            ),
            ("买方具备本市车辆登记条件", "The buyer meets the conditions to register a car in Haipu"),
        ],
        steps=[
            ("在二手车交易市场开具发票", "Get the invoice at a used car market"),
            ("到车管所查验车辆", "Bring the car to a vehicle office"),
            ("办理转移登记，领取新行驶证", "Register the transfer and receive the new vehicle licence"),
        ],
        fee=("行驶证工本费 10 元", "Vehicle licence RMB 10"),
        law=[("《机动车登记规定》", "Provisions on Motor Vehicle Registration")],
        mats=[
            vary(ID_CARD, desc=("买卖双方的身份证明。", "Both buyer's and seller's ID.")),
            mat(
                ("机动车登记证书", "Vehicle registration certificate"),
                ("原车主的机动车登记证书。", "The seller's registration certificate."),
            ),
            mat(
                ("二手车销售统一发票", "Used car sales invoice"),
                ("二手车交易市场开具的发票。", "Issued by a used car market."),
            ),
            mat(("机动车行驶证", "Vehicle licence"), ("原行驶证。", "The current vehicle licence.")),
        ],
        faqs=[
            (
                ("卖方可以不到场吗？", "Does the seller have to come?"),
                ("可委托他人凭授权书办理。", "No, they can authorise someone in writing."),
            )
        ],
        at=["vehicle"],
    ),
    dict(
        slug="driving-licence-renewal",
        dept="traffic",
        aud="individual",
        events=["buying-a-car"],
        name=("驾驶证有效期满换证", "Driving licence renewal"),
        summary=(
            "驾驶证有效期满前 90 日内申请换领新证，可全程网办、邮寄到家。",
            "Renew your driving licence within 90 days before it expires; fully online with delivery by post.",
        ),
        kw=("驾驶证 驾照 换证 到期 期满换证", "driving licence, driver's license, renew, expiry"),
        syn=("驾照换证 驾照到期", "driver license renewal, licence expiry"),
        ch="ocp",
        visits=0,
        limits=(5, 1),
        pop=289000,
        elig=[
            ("持本市核发驾驶证或持居住证的驾驶人", "Drivers with a Haipu-issued licence or a Haipu residence permit")
        ],
        cond=[
            ("驾驶证有效期满前 90 日内", "Within 90 days before the licence expires"),
            ("已在指定医疗机构完成体检（可上传电子体检证明）", "You have passed a medical check at an approved clinic"),
        ],
        steps=[
            ("在医疗机构完成体检，结果自动上传", "Take the medical check; the result is sent automatically"),
            ("在线提交换证申请", "Apply online"),
            ("新驾驶证邮寄到家，电子驾驶证同步更新", "The new licence is posted to you; the e-licence updates"),
        ],
        fee=("驾驶证工本费 10 元，邮寄费 15 元", "Licence RMB 10; postage RMB 15"),
        law=[
            (
                "《机动车驾驶证申领和使用规定》",
                "Provisions on the Application for and Use of Motor Vehicle Driving Licences",
            )
        ],
        mats=[
            DRIVING_LICENCE,
            ID_CARD,
            mat(
                ("机动车驾驶人身体条件证明", "Driver's medical certificate"),
                (
                    "指定医疗机构出具，电子体检信息可自动调用。",
                    "Issued by an approved clinic; the electronic record is retrieved automatically.",
                ),
                ecert=True,
            ),
            vary(PHOTO, copies=1),
        ],
        faqs=[
            (
                ("驾驶证过期了还能换吗？", "Can I renew after expiry?"),
                (
                    "过期一年内可以换证，超过一年未换证的将被注销，需重新考试。",
                    "Within one year, yes. After a year the licence is cancelled and you must retake the test.",
                ),
            )
        ],
        at=["vehicle", "district"],
    ),
    dict(
        slug="driving-licence-replacement",
        dept="traffic",
        aud="individual",
        events=[],
        name=("驾驶证遗失补领", "Lost driving licence replacement"),
        summary=(
            "驾驶证遗失或损毁的，在线申请补领，邮寄到家。",
            "Replace a lost or damaged driving licence online, delivered by post.",
        ),
        kw=("驾驶证 驾照 丢失 补证 补领", "driving licence lost, replace driver's license"),
        syn=("补驾照 驾照丢了", "replacement driving licence"),
        ch="op",
        visits=0,
        limits=(5, 1),
        pop=76000,
        elig=[("驾驶证遗失或损毁的驾驶人", "Drivers whose licence is lost or damaged")],
        cond=[("驾驶证未被吊销、注销或扣押", "The licence is not revoked, cancelled or seized")],
        steps=[
            ("在线申请并确认邮寄地址", "Apply online and confirm the postal address"),
            ("新证邮寄到家", "The new licence is posted to you"),
        ],
        fee=("驾驶证工本费 10 元", "Licence RMB 10"),
        law=[
            (
                "《机动车驾驶证申领和使用规定》",
                "Provisions on the Application for and Use of Motor Vehicle Driving Licences",
            )
        ],
        mats=[ID_CARD, vary(PHOTO, copies=1)],
        faqs=[
            (
                ("补证期间可以开车吗？", "Can I drive while waiting?"),
                ("可使用电子驾驶证。", "Yes, with the electronic driving licence."),
            )
        ],
    ),
    dict(
        slug="vehicle-inspection-label",
        dept="traffic",
        aud="both",
        events=["buying-a-car"],
        name=("机动车检验标志电子凭证", "Vehicle inspection label (e-certificate)"),
        summary=(
            "车辆安全技术检验合格后在线领取检验标志电子凭证；6 年内私家车可免检领标。",
            "After the safety inspection, get the electronic inspection label online; private cars under six "
            "years old can get it without inspection.",
        ),
        kw=("年检 年审 检验标志 免检 车检", "annual inspection, MOT, inspection label, car check"),
        syn=("车辆年检 年审标志", "vehicle annual inspection"),
        ch="o",
        visits=0,
        limits=(3, 1),
        pop=315000,
        elig=[("本市登记的机动车所有人", "Owners of vehicles registered in Haipu")],
        cond=[
            ("已购买交强险并处理完交通违法", "Compulsory insurance bought and traffic offences settled"),
            ("需检验的车辆已检验合格", "Vehicles that need an inspection have passed it"),
        ],
        steps=[
            ("在线申请并核对车辆信息", "Apply online and check the vehicle details"),
            ("系统核验保险和违法记录", "Insurance and offences are checked"),
            ("下载电子检验标志", "Download the electronic label"),
        ],
        fee=None,
        law=[("《中华人民共和国道路交通安全法》", "Road Traffic Safety Law of the People's Republic of China")],
        mats=[
            mat(("机动车行驶证", "Vehicle licence"), ("车辆行驶证信息。", "The vehicle licence details."), ecert=True),
            mat(
                ("交强险保单", "Compulsory traffic insurance policy"),
                ("电子保单自动核验。", "Checked automatically."),
                form=COPY,
                ecert=True,
            ),
        ],
        faqs=[
            (
                ("哪些车可以免检？", "Which cars need no inspection?"),
                (
                    "非营运小型汽车（面包车除外）注册 6 年以内的免检，第 6、10 年需上线检验。",
                    "Private small cars (not vans) in their first six years; they are inspected in years 6 and 10.",
                ),
            )
        ],
    ),
    # --- Civil affairs -------------------------------------------------------------------------
    dict(
        slug="marriage-registration",
        dept="civil",
        aud="individual",
        events=["getting-married"],
        name=("结婚登记", "Marriage registration"),
        summary=(
            "男女双方共同到婚姻登记机关登记结婚，当场领取结婚证，支持在线预约和颁证仪式。",
            "The couple register their marriage together at a marriage registry and receive the certificate on "
            "the spot; book online and choose a ceremony.",
        ),
        kw=("结婚 领证 结婚证 婚姻登记 民政局", "marriage, get married, wedding, marriage certificate"),
        syn=("结婚登记 领结婚证 登记结婚", "marriage registration, civil marriage"),
        ch="c",
        visits=1,
        limits=(1, 1),
        pop=88000,
        elig=[
            (
                "一方为本市户籍或双方持本市居住证的内地居民",
                "Mainland residents where one partner has a Haipu hukou, or both hold a Haipu residence permit",
            )
        ],
        cond=[
            ("男方年满 22 周岁、女方年满 20 周岁", "The man is at least 22 and the woman at least 20"),
            ("双方完全自愿，均无配偶", "Both freely consent and neither is married"),
            ("双方不属于直系血亲或三代以内旁系血亲", "The couple are not closely related by blood"),
        ],
        steps=[
            ("在线预约登记日期和婚姻登记处", "Book a date and a marriage registry online"),
            ("双方本人携带证件到场，签署声明", "Both come in person with your documents and sign the declaration"),
            ("登记员审查后当场颁发结婚证", "The registrar checks everything and issues the certificate at once"),
        ],
        fee=None,
        law=[
            ("《中华人民共和国民法典》", "Civil Code of the People's Republic of China"),
            ("《婚姻登记条例》", "Regulations on Marriage Registration"),
        ],
        mats=[
            vary(ID_CARD, desc=("双方本人有效居民身份证。", "Both partners' valid identity cards.")),
            vary(
                HUKOU_BOOK,
                desc=(
                    "双方户口簿；持居住证登记的提供居住证。",
                    "Both household register booklets, or residence permits.",
                ),
            ),
            vary(
                PHOTO,
                name=("双方近期半身免冠合影", "Recent joint photo of the couple"),
                copies=3,
                desc=(
                    "2 寸红底双人合影照片 3 张，部分登记处可现场拍摄。",
                    "Three 2-inch joint photos on a red background; some registries take them on site.",
                ),
            ),
        ],
        faqs=[
            (
                ("可以一方代办吗？", "Can one partner register for both?"),
                ("不可以，双方必须本人同时到场。", "No, both must come in person together."),
            ),
            (
                ("节假日可以登记吗？", "Can we register on a public holiday?"),
                (
                    "“520”“七夕”等特殊日期登记处会增设服务，请关注预约页面。",
                    "Registries open extra slots on popular dates such as 20 May and Qixi; check the booking page.",
                ),
            ),
        ],
        at=["district"],
    ),
    dict(
        slug="divorce-registration",
        dept="civil",
        aud="individual",
        events=[],
        name=("离婚登记", "Divorce registration"),
        summary=(
            "自愿离婚的夫妻双方申请离婚登记，经 30 日冷静期后领取离婚证。",
            "Couples who both agree to divorce apply together; after a 30-day cooling-off period they receive "
            "the divorce certificate.",
        ),
        kw=("离婚 离婚证 协议离婚 冷静期", "divorce, divorce certificate, cooling-off"),
        syn=("协议离婚 离婚登记", "uncontested divorce"),
        ch="c",
        visits=1,
        limits=(30, 30),
        pop=31000,
        elig=[
            (
                "在本市办理结婚登记或一方为本市户籍的夫妻",
                "Couples married in Haipu or where one partner has a Haipu hukou",
            )
        ],
        cond=[
            (
                "双方自愿离婚，并对子女抚养、财产和债务处理达成一致",
                "Both agree to divorce and on children, property and debts",
            )
        ],
        steps=[
            ("双方到登记处提交申请和离婚协议", "Both hand in the application and agreement at a registry"),
            ("30 日冷静期", "30-day cooling-off period"),
            ("期满后 30 日内双方再次到场领取离婚证", "Within the next 30 days, both return to receive the certificate"),
        ],
        fee=None,
        law=[
            ("《中华人民共和国民法典》", "Civil Code of the People's Republic of China"),
            ("《婚姻登记条例》", "Regulations on Marriage Registration"),
        ],
        mats=[
            ID_CARD,
            HUKOU_BOOK,
            MARRIAGE_CERT,
            mat(
                ("离婚协议书", "Divorce agreement"),
                ("双方签名的离婚协议书 3 份。", "Three copies signed by both."),
                copies=3,
            ),
        ],
        faqs=[
            (
                ("冷静期内可以撤回吗？", "Can we withdraw during the cooling-off period?"),
                ("任何一方均可撤回申请。", "Yes, either partner can withdraw."),
            )
        ],
        at=["district"],
    ),
    dict(
        slug="marriage-certificate-replacement",
        dept="civil",
        aud="individual",
        events=["getting-married"],
        name=("补领结婚证", "Replacement marriage certificate"),
        summary=("结婚证遗失或损毁的，可申请补领。", "Replace a lost or damaged marriage certificate."),
        kw=("补结婚证 结婚证丢失 结婚证", "replace marriage certificate, lost"),
        syn=("补办结婚证", "duplicate marriage certificate"),
        ch="oc",
        visits=1,
        limits=(5, 1),
        pop=21500,
        elig=[("在本市办理结婚登记的当事人", "People whose marriage was registered in Haipu")],
        cond=[("婚姻关系存续", "The marriage still exists")],
        steps=[
            ("在线预约或到婚姻登记处申请", "Book online or apply at a marriage registry"),
            ("核查婚姻档案", "The registry checks the archive"),
            ("当场补发结婚证", "The replacement is issued at once"),
        ],
        fee=None,
        law=[("《婚姻登记条例》", "Regulations on Marriage Registration")],
        mats=[ID_CARD, vary(PHOTO, name=("双方近期半身免冠合影", "Recent joint photo of the couple"), copies=2)],
        faqs=[
            (
                ("一方可以单独补领吗？", "Can one spouse apply alone?"),
                ("可以，单方补领的仅补发本人所持的一本。", "Yes; the certificate held by that spouse is replaced."),
            )
        ],
        at=["district"],
    ),
    dict(
        slug="senior-allowance",
        dept="civil",
        aud="individual",
        events=["elderly-care", "retiring"],
        name=("老年综合津贴申领", "Senior allowance"),
        summary=(
            "65 周岁以上本市户籍老年人按月领取老年综合津贴，年满即可“免申即享”。",
            "Haipu residents aged 65 and over receive a monthly senior allowance; it starts automatically when "
            "you reach 65, or you can claim it here.",
        ),
        kw=("老年津贴 老人补贴 老年综合津贴 高龄", "senior allowance, old age allowance, elderly benefit"),
        syn=("老年人补贴 高龄津贴", "old age benefit, elderly allowance"),
        ch="ocp",
        visits=0,
        limits=(20, 10),
        pop=164000,
        elig=[("年满 65 周岁的本市户籍老年人", "Haipu hukou holders aged 65 or over")],
        cond=[
            ("户籍在本市满 15 年", "Haipu hukou for at least 15 years"),
            ("本人银行账户能正常收款", "A working bank account in your name"),
        ],
        steps=[
            ("系统在满 65 周岁时自动推送，确认账户即可", "You get a message at 65; confirm the account"),
            ("未收到推送的可在线或到社区受理中心申请", "If not, apply online or at a community affairs centre"),
            ("次月起按月发放", "Paid monthly from the following month"),
        ],
        fee=None,
        law=[
            ("《中华人民共和国老年人权益保障法》", "Law on the Protection of the Rights and Interests of the Elderly"),
            ("《海浦市老年综合津贴实施办法》", "Haipu Measures on the Senior Allowance"),
        ],
        mats=[ID_CARD, BANK_CARD, AGENT],
        faqs=[
            (
                ("津贴标准是多少？", "How much is it?"),
                (
                    "按年龄段每月 75 元至 600 元不等，100 周岁以上最高。",
                    "From RMB 75 to RMB 600 a month depending on age; most for centenarians.",
                ),
            ),
            (
                ("子女可以代办吗？", "Can my children apply for me?"),
                ("可以，提供授权书和代理人身份证即可。", "Yes, with a letter of authorisation and their ID."),
            ),
        ],
    ),
    dict(
        slug="elderly-care-subsidy",
        dept="civil",
        aud="individual",
        events=["elderly-care"],
        name=("养老服务补贴", "Elderly care subsidy"),
        summary=(
            "经济困难且经评估需要照护的老年人，可获得居家或机构养老服务补贴。",
            "Older people on low incomes who are assessed as needing care get a subsidy for home care or a care home.",
        ),
        kw=("养老补贴 居家养老 护理补贴 养老服务", "elderly care subsidy, home care, care home"),
        syn=("养老服务补贴 居家养老补贴", "aged care subsidy"),
        ch="ocp",
        visits=1,
        limits=(30, 20),
        pop=58400,
        elig=[("60 周岁以上本市户籍老年人", "Haipu hukou holders aged 60 or over")],
        cond=[
            ("经老年照护统一需求评估达到照护等级", "Assessed as needing care in the unified care needs assessment"),
            ("属于低保、低收入或失独家庭", "From a low-income household, or a family that has lost its only child"),
        ],
        steps=[
            ("在线或到社区受理中心提出申请", "Apply online or at a community affairs centre"),
            ("街道核对家庭经济状况", "The sub-district checks household income"),
            ("安排照护评估并确定补贴等级", "A care assessment sets the subsidy level"),
            ("由服务机构上门提供服务", "A care provider starts visiting"),
        ],
        fee=None,
        law=[
            ("《中华人民共和国老年人权益保障法》", "Law on the Protection of the Rights and Interests of the Elderly"),
            ("《海浦市养老服务条例》", "Haipu Regulations on Elderly Care Services"),
        ],
        mats=[
            ID_CARD,
            HUKOU_BOOK,
            mat(
                ("家庭经济状况核对授权书", "Consent to check household finances"),
                ("申请人及共同生活家庭成员签字。", "Signed by you and everyone you live with."),
                types="pdf",
            ),
            AGENT,
        ],
        faqs=[
            (
                ("补贴可以用来住养老院吗？", "Can the subsidy pay for a care home?"),
                ("可以，按机构养老标准发放。", "Yes, at the care-home rate."),
            )
        ],
    ),
    dict(
        slug="minimum-living-allowance",
        dept="civil",
        aud="individual",
        events=["hardship-support"],
        name=("最低生活保障申请", "Minimum living allowance (dibao)"),
        summary=(
            "家庭人均收入低于本市低保标准的家庭申请最低生活保障金。",
            "Households whose income per person is below the city's minimum standard get a monthly allowance.",
        ),
        kw=("低保 最低生活保障 困难补助 救助", "dibao, minimum living allowance, welfare, low income"),
        syn=("低保申请 城乡低保", "subsistence allowance, social assistance"),
        ch="ocp",
        visits=1,
        limits=(30, 20),
        pop=27600,
        elig=[("本市户籍家庭", "Households with a Haipu hukou")],
        cond=[
            ("家庭月人均收入低于本市低保标准", "Monthly income per person below the Haipu minimum standard"),
            ("家庭财产符合规定", "Household assets within the limits"),
        ],
        steps=[
            ("在线或到社区受理中心申请", "Apply online or at a community affairs centre"),
            ("居民经济状况核对", "Household finances are checked"),
            ("入户调查和公示", "Home visit and public notice"),
            ("区民政局审批，次月发放", "The district approves; payments start the next month"),
        ],
        fee=None,
        law=[("《社会救助暂行办法》", "Interim Measures for Social Assistance")],
        mats=[
            ID_CARD,
            HUKOU_BOOK,
            mat(
                ("收入情况说明", "Statement of income"),
                ("家庭成员工资、养老金等收入情况。", "Wages, pensions and other income of the household."),
                form=COPY,
            ),
            mat(
                ("家庭经济状况核对授权书", "Consent to check household finances"),
                ("全体家庭成员签字。", "Signed by everyone in the household."),
            ),
        ],
        faqs=[
            (
                ("低保金每月多少？", "How much is paid?"),
                (
                    "按本市低保标准与家庭人均收入的差额发放。",
                    "The difference between the standard and your income per person, for each member.",
                ),
            )
        ],
    ),
    dict(
        slug="temporary-assistance",
        dept="civil",
        aud="individual",
        events=["hardship-support"],
        name=("临时救助", "Emergency assistance"),
        summary=(
            "因突发事件、意外事故或重大疾病导致基本生活暂时困难的家庭可申请临时救助。",
            "Families in sudden hardship after an accident, emergency or serious illness can get emergency help.",
        ),
        kw=("临时救助 急难救助 困难 突发", "emergency assistance, hardship, crisis grant"),
        syn=("急难救助", "crisis support"),
        ch="oc",
        visits=0,
        limits=(15, 5),
        pop=12400,
        elig=[
            ("本市户籍或持居住证的困难家庭和个人", "Families and individuals with a Haipu hukou or residence permit")
        ],
        cond=[("因突发事件等原因基本生活陷入困境", "Basic needs unmet because of an emergency")],
        steps=[
            ("在线或到社区受理中心申请", "Apply online or at a community centre"),
            ("街道审核", "The sub-district reviews"),
            ("急难情况先行救助后补手续", "In urgent cases help comes first and paperwork later"),
        ],
        fee=None,
        law=[("《社会救助暂行办法》", "Interim Measures for Social Assistance")],
        mats=[
            ID_CARD,
            mat(
                ("困难情况证明", "Evidence of the hardship"),
                ("医疗费用票据、事故证明等。", "Medical bills, accident reports and similar."),
                form=COPY,
            ),
        ],
        faqs=[
            (
                ("非本市户籍可以申请吗？", "Can people without a Haipu hukou apply?"),
                ("可以，在居住地申请。", "Yes, where you live."),
            )
        ],
    ),
    dict(
        slug="funeral-subsidy",
        dept="civil",
        aud="individual",
        events=["death-and-funeral"],
        name=("基本殡葬服务费用减免", "Basic funeral cost relief"),
        summary=(
            "本市户籍居民去世后，遗体接运、火化等基本殡葬服务费用予以减免。",
            "When a Haipu resident dies, the basic funeral services (transport and cremation) are free of charge.",
        ),
        kw=("殡葬 丧葬 火化 减免 去世", "funeral, cremation, fee waiver, death"),
        syn=("殡葬补贴 基本殡葬减免", "funeral subsidy"),
        ch="c",
        visits=1,
        limits=(5, 1),
        pop=38600,
        elig=[("本市户籍居民的丧事承办人", "The person arranging the funeral of a Haipu resident")],
        cond=[("在本市殡仪馆火化", "Cremation at a Haipu funeral home")],
        steps=[
            ("在殡仪馆办理丧事时提出", "Ask when arranging the funeral at the funeral home"),
            ("现场核验后直接减免", "The fee is waived on the spot"),
        ],
        fee=None,
        law=[("《殡葬管理条例》", "Regulations on Funeral Administration")],
        mats=[
            DEATH_CERT,
            vary(ID_CARD, desc=("逝者和承办人的居民身份证。", "The ID card of the person who died and your own.")),
        ],
        faqs=[
            (
                ("减免哪些项目？", "What is covered?"),
                ("遗体接运、暂存、火化和骨灰盒等基本服务。", "Transport, storage, cremation and a basic urn."),
            )
        ],
        at=["district"],
    ),
    dict(
        slug="adoption-registration",
        dept="civil",
        aud="individual",
        events=["having-a-baby"],
        name=("收养登记", "Adoption registration"),
        summary=(
            "依法收养子女的，收养人与送养人共同办理收养登记。",
            "Register a legal adoption; the adopting parents and the placing party apply together.",
        ),
        kw=("收养 领养 收养登记", "adoption, adopt a child"),
        syn=("领养登记", "adoption registration"),
        ch="c",
        visits=1,
        limits=(30, 20),
        pop=900,
        elig=[
            (
                "年满 30 周岁、无子女或只有一名子女的收养人",
                "Adoptive parents aged 30 or over with no more than one child",
            )
        ],
        cond=[
            ("有抚养、教育和保护被收养人的能力", "Able to raise, educate and protect the child"),
            ("无不利于被收养人健康成长的违法犯罪记录", "No criminal record harmful to the child"),
        ],
        steps=[
            ("提交申请", "Apply"),
            ("民政部门调查评估", "Civil affairs assess the family"),
            ("公告期满后登记发证", "After public notice, the adoption is registered"),
        ],
        fee=None,
        law=[
            ("《中华人民共和国民法典》", "Civil Code of the People's Republic of China"),
            ("《中国公民收养子女登记办法》", "Measures on Adoption Registration by Chinese Citizens"),
        ],
        mats=[
            ID_CARD,
            HUKOU_BOOK,
            mat(
                ("收养评估报告", "Adoption assessment report"),
                ("民政部门委托机构出具。", "Made by the assessing agency."),
            ),
        ],
        faqs=[
            (
                ("办理需要多久？", "How long does it take?"),
                ("含公告和评估，一般 20 个工作日。", "About 20 working days including assessment and notice."),
            )
        ],
        at=["district"],
    ),
    # --- Disabled Persons' Federation ---------------------------------------------------------
    dict(
        slug="disability-certificate",
        dept="dpf",
        aud="individual",
        events=["disability-support"],
        name=("残疾人证办理", "Disability certificate"),
        summary=(
            "经残疾评定后核发《中华人民共和国残疾人证》，凭证享受各项残疾人保障政策。",
            "After a disability assessment you receive the national disability certificate, which gives access "
            "to disability support.",
        ),
        kw=("残疾人证 残疾证 残疾评定 残联", "disability certificate, disability card, disability assessment"),
        syn=("办残疾证 残疾人证申领", "disabled person's card"),
        ch="oc",
        visits=1,
        limits=(30, 15),
        pop=36500,
        elig=[
            (
                "本市户籍的视力、听力、言语、肢体、智力、精神残疾人",
                "Haipu hukou holders with a visual, hearing, speech, physical, intellectual or mental disability",
            )
        ],
        cond=[
            ("经指定医疗机构评定达到残疾标准", "Assessed at an approved hospital as meeting the disability standard")
        ],
        steps=[
            ("在线或到社区受理中心申请", "Apply online or at a community centre"),
            (
                "到指定医院进行残疾评定（行动不便可申请上门评定）",
                "Have the assessment at an approved hospital (home assessment if you cannot travel)",
            ),
            ("区残联审核，制发残疾人证", "The district federation reviews and issues the certificate"),
        ],
        fee=None,
        law=[
            ("《中华人民共和国残疾人保障法》", "Law on the Protection of Persons with Disabilities"),
            ("《中华人民共和国残疾人证管理办法》", "Measures for the Administration of Disability Certificates"),
        ],
        mats=[
            ID_CARD,
            HUKOU_BOOK,
            vary(PHOTO, copies=2),
            mat(
                ("病历及诊断材料", "Medical records"),
                ("近期相关病历、检查报告。", "Recent medical records and test reports."),
                form=COPY,
                required=False,
            ),
        ],
        faqs=[
            (
                ("评定费用由谁承担？", "Who pays for the assessment?"),
                ("首次评定费用由财政承担。", "The first assessment is free."),
            ),
            (
                ("残疾人证有效期多久？", "How long is the certificate valid?"),
                ("有效期 10 年，期满前换领。", "Ten years; renew it before it expires."),
            ),
        ],
    ),
    dict(
        slug="disability-allowances",
        dept="dpf",
        aud="individual",
        events=["disability-support", "hardship-support"],
        name=("困难残疾人生活补贴和重度残疾人护理补贴", "Living and care allowances for disabled people"),
        summary=(
            "符合条件的困难残疾人每月领取生活补贴，重度残疾人领取护理补贴。",
            "Disabled people on low incomes get a monthly living allowance; people with severe disabilities get a care allowance.",
        ),
        kw=("残疾人补贴 两项补贴 护理补贴 生活补贴", "disability allowance, care allowance, disability benefit"),
        syn=("残疾人两项补贴", "disability living allowance"),
        ch="ocp",
        visits=0,
        limits=(20, 10),
        pop=29800,
        elig=[
            (
                "持有第二代残疾人证的本市户籍残疾人",
                "Haipu hukou holders with the second-generation disability certificate",
            )
        ],
        cond=[
            ("生活补贴：属于低保或低收入家庭", "Living allowance: from a low-income household"),
            (
                "护理补贴：残疾等级为一、二级或三、四级智力和精神残疾",
                "Care allowance: disability grade 1 or 2, or grade 3-4 intellectual or mental disability",
            ),
        ],
        steps=[
            ("在线或到社区受理中心申请", "Apply online or at a community centre"),
            ("街道审核并公示", "The sub-district reviews and publishes"),
            ("按月发放至本人账户", "Paid monthly into your account"),
        ],
        fee=None,
        law=[("《中华人民共和国残疾人保障法》", "Law on the Protection of Persons with Disabilities")],
        mats=[DISABILITY_CERT, ID_CARD, BANK_CARD],
        faqs=[
            (
                ("两项补贴可以同时领取吗？", "Can I get both?"),
                ("符合条件的可以同时领取。", "Yes, if you qualify for both."),
            )
        ],
    ),
    dict(
        slug="assistive-devices",
        dept="dpf",
        aud="individual",
        events=["disability-support", "elderly-care"],
        name=("残疾人辅助器具适配补贴", "Assistive devices for disabled people"),
        summary=(
            "为残疾人免费或补贴适配轮椅、助听器、假肢等辅助器具。",
            "Free or subsidised wheelchairs, hearing aids, prostheses and other assistive devices.",
        ),
        kw=("辅具 轮椅 助听器 假肢 辅助器具", "assistive devices, wheelchair, hearing aid, prosthesis"),
        syn=("辅具适配 辅具补贴", "mobility aids"),
        ch="oc",
        visits=1,
        limits=(30, 15),
        pop=15200,
        elig=[("持残疾人证的本市户籍残疾人", "Haipu residents with a disability certificate")],
        cond=[("经辅具评估需要适配", "An assessment shows you need the device")],
        steps=[
            ("提交申请", "Apply"),
            ("辅具中心评估", "The assistive device centre assesses you"),
            ("适配并领取辅具", "The device is fitted and handed over"),
        ],
        fee=None,
        law=[("《中华人民共和国残疾人保障法》", "Law on the Protection of Persons with Disabilities")],
        mats=[DISABILITY_CERT, ID_CARD],
        faqs=[
            (
                ("可以自选品牌吗？", "Can I choose the brand?"),
                ("可在目录内自选，超出补贴标准部分自付。", "Yes, from the list; you pay any amount above the subsidy."),
            )
        ],
    ),
]
