# ruff: noqa: E501 - content file: each bilingual (Chinese, English) text pair stays on one line.
"""Demo services: market regulation, tax, property and planning, housing, construction,
transport, fire safety, environment and culture."""

from .base import (
    AGENT,
    BIZ_LICENCE,
    COMPANY_SEAL_LETTER,
    COPY,
    DEATH_CERT,
    DRIVING_LICENCE,
    HUKOU_BOOK,
    ID_CARD,
    LEASE,
    LEGAL_REP_ID,
    MARRIAGE_CERT,
    PDF,
    PHOTO,
    PROPERTY_CERT,
    RESIDENCE_PERMIT,
    form,
    mat,
    vary,
)

PREMISES = mat(
    ("经营场所使用证明", "Proof of business premises"),
    (
        "自有房屋提供不动产权证书；租赁的提供租赁合同和出租方产权证明；使用住所登记承诺的可免交。",
        "Own premises: the title certificate. Rented: the lease and the landlord's title. Not needed if you sign the "
        "address commitment.",
    ),
    form=COPY,
)
ARTICLES = mat(
    ("公司章程", "Articles of association"),
    (
        "全体股东签署的公司章程，可使用系统提供的章程范本在线生成。",
        "Signed by all shareholders; generate it online from the model articles.",
    ),
    types=PDF,
)
PROJECT_APPROVAL = mat(
    ("项目立项文件", "Project approval or filing"),
    (
        "发展改革部门的项目审批、核准或备案文件，系统可自动调取。",
        "The project approval or filing from the development and reform commission; retrieved automatically.",
    ),
    form=COPY,
    ecert=True,
)

BUSINESS_SERVICES = [
    # --- Market regulation --------------------------------------------------------------------
    dict(
        slug="company-registration",
        dept="amr",
        aud="business",
        events=["starting-a-business"],
        name=("企业设立登记（营业执照）", "Company registration (business licence)"),
        summary=(
            "设立有限责任公司等企业，一次申请同步办理营业执照、公章刻制、税务、社保和公积金登记，1 个工作日内办结。",
            "Set up a limited company and get the business licence, company seal, tax, social insurance and "
            "provident fund registrations in one application, within one working day.",
        ),
        kw=(
            "营业执照 开公司 注册公司 企业设立 工商注册 开办企业",
            "business licence, register a company, start a company, incorporation",
        ),
        syn=(
            "公司注册 工商登记 办营业执照 一网通办开办企业",
            "company registration, business registration, limited company",
        ),
        ch="oc",
        visits=0,
        limits=(3, 1),
        pop=285000,
        elig=[
            (
                "拟在本市设立有限责任公司、股份有限公司、合伙企业、个人独资企业的投资人",
                "Investors setting up a limited company, joint-stock company, partnership or sole proprietorship in Haipu",
            )
        ],
        cond=[
            ("企业名称经自主申报通过", "The company name has passed the online name check"),
            ("有符合规定的住所（经营场所）", "You have a registered address that meets the rules"),
            ("股东认缴出资并在 5 年内缴足", "Shareholders subscribe the capital and pay it within five years"),
        ],
        steps=[
            ("在线自主申报企业名称", "Choose and check the company name online"),
            ("填写设立信息，全体股东电子签名", "Enter the details; all shareholders sign electronically"),
            ("审核通过后下载电子营业执照", "Once approved, download the electronic business licence"),
            (
                "免费领取纸质执照和首套印章（可邮寄）",
                "Get the paper licence and first set of seals free of charge, by post if you like",
            ),
        ],
        fee=None,
        law=[
            ("《中华人民共和国公司法》", "Company Law of the People's Republic of China"),
            (
                "《中华人民共和国市场主体登记管理条例》",
                "Regulations on the Registration and Administration of Market Entities",
            ),
        ],
        mats=[
            form("公司登记（备案）申请书", "Company registration application"),
            ARTICLES,
            vary(
                LEGAL_REP_ID,
                name=(
                    "股东、法定代表人和董监高身份证明",
                    "ID of shareholders, legal representative, directors and supervisors",
                ),
                desc=(
                    "自然人股东的身份证；法人股东的营业执照。",
                    "ID cards of individual shareholders; business licences of corporate shareholders.",
                ),
            ),
            PREMISES,
            AGENT,
        ],
        faqs=[
            (
                ("注册公司要多少钱？", "How much does registration cost?"),
                (
                    "登记免费，首套印章由政府购买服务免费提供。",
                    "Registration is free and the first set of seals is paid for by the city.",
                ),
            ),
            (
                ("可以用住宅注册吗？", "Can I register at my home address?"),
                (
                    "部分区允许住所登记承诺制，请以区政策为准。",
                    "Some districts allow it under the address commitment scheme; check your district.",
                ),
            ),
            (
                ("外国人可以注册吗？", "Can foreigners register a company?"),
                (
                    "外商投资企业也可办理，需提交经认证的主体资格证明。",
                    "Yes, foreign-invested companies can, with notarised proof of the investor's identity.",
                ),
            ),
        ],
    ),
    dict(
        slug="individual-business-registration",
        dept="amr",
        aud="business",
        events=["starting-a-business", "opening-a-restaurant"],
        name=("个体工商户设立登记", "Individual business registration"),
        summary=(
            "个人或家庭从事工商业经营的，办理个体工商户登记，领取营业执照，当场办结。",
            "Register as an individual business (getihu) to trade as a person or family; the licence is issued at once.",
        ),
        kw=(
            "个体户 个体工商户 小店 营业执照 摆摊",
            "individual business, sole trader, getihu, small shop, business licence",
        ),
        syn=("个体执照 办个体户", "self-employed registration, getihu licence"),
        ch="oc",
        visits=0,
        limits=(3, 1),
        pop=168000,
        elig=[("有经营能力的自然人或家庭", "Individuals or families able to run a business")],
        cond=[
            ("有固定经营场所或经认可的网络经营场所", "A fixed premises or an approved online shop address"),
            ("经营范围不属于禁止或限制个体经营的项目", "The business is not one closed to individual traders"),
        ],
        steps=[
            ("在线填写登记信息并核名", "Enter the details online and check the name"),
            ("电子签名提交", "Sign electronically and submit"),
            ("当场核准，下载电子营业执照", "Approved on the spot; download the e-licence"),
        ],
        fee=None,
        law=[
            (
                "《促进个体工商户发展条例》",
                "Regulations on Promoting the Development of Individual Industrial and Commercial Households",
            ),
            (
                "《中华人民共和国市场主体登记管理条例》",
                "Regulations on the Registration and Administration of Market Entities",
            ),
        ],
        mats=[ID_CARD, PREMISES, form("个体工商户登记（备案）申请书", "Individual business registration application")],
        faqs=[
            (
                ("个体户可以开发票吗？", "Can an individual business issue invoices?"),
                (
                    "可以，领取执照后同步办理税务信息确认和发票申领。",
                    "Yes, tax registration and invoices are set up with the licence.",
                ),
            ),
            (
                ("网店需要办执照吗？", "Does an online shop need a licence?"),
                (
                    "除便民劳务和零星小额交易外，需要办理登记。",
                    "Yes, unless it is only occasional small sales or personal services.",
                ),
            ),
        ],
    ),
    dict(
        slug="food-business-permit",
        dept="amr",
        aud="business",
        events=["opening-a-restaurant", "starting-a-business"],
        name=("食品经营许可", "Food business permit"),
        summary=(
            "开办餐厅、食品店等从事食品销售和餐饮服务的，取得食品经营许可证；仅销售预包装食品的办理备案。",
            "Restaurants, cafes and food shops need a food business permit; shops selling only pre-packaged food just file.",
        ),
        kw=(
            "食品经营许可证 餐饮许可 开餐厅 饭店 奶茶店 食品",
            "food business permit, food licence, restaurant licence, catering",
        ),
        syn=("餐饮服务许可证 食品许可证 开饭店许可", "food hygiene licence, catering permit"),
        ch="oc",
        visits=1,
        limits=(20, 5),
        pop=74300,
        elig=[
            (
                "取得营业执照、从事食品销售或餐饮服务的企业和个体工商户",
                "Companies and individual businesses selling food or running catering",
            )
        ],
        cond=[
            ("具有与经营品种和数量相适应的加工和贮存场所", "Kitchen and storage suited to what you sell"),
            ("有食品安全管理人员和规章制度", "A food safety manager and written rules"),
            ("从业人员持有健康证明", "Staff hold health certificates"),
        ],
        steps=[
            ("在线提交申请材料", "Apply online"),
            ("对照标准现场核查（告知承诺的可后核查）", "Site check (after opening for commitment applications)"),
            ("发放电子食品经营许可证", "The electronic permit is issued"),
        ],
        fee=None,
        law=[
            ("《中华人民共和国食品安全法》", "Food Safety Law of the People's Republic of China"),
            ("《食品经营许可和备案管理办法》", "Measures for the Administration of Food Business Permits and Filing"),
        ],
        mats=[
            BIZ_LICENCE,
            LEGAL_REP_ID,
            mat(
                ("经营场所平面布局图", "Floor plan of the premises"),
                (
                    "标明加工操作区、设备布局和卫生设施。",
                    "Marking the preparation areas, equipment and washing facilities.",
                ),
                types=PDF,
            ),
            mat(
                ("食品安全管理制度", "Food safety management rules"),
                ("进货查验、从业人员健康管理等制度文本。", "Rules on checking supplies, staff health and so on."),
                types=PDF,
            ),
            mat(
                ("从业人员健康证明", "Staff health certificates"),
                ("所有接触直接入口食品人员的健康证明。", "For all staff handling ready-to-eat food."),
                form=COPY,
                ecert=True,
            ),
        ],
        faqs=[
            (
                ("许可证有效期多久？", "How long is the permit valid?"),
                ("5 年，期满前 30 个工作日申请延续。", "Five years; renew 30 working days before it expires."),
            ),
            (
                ("外卖需要单独许可吗？", "Do I need a separate permit for delivery?"),
                ("不需要，在经营项目中勾选网络经营即可。", "No, tick online sales in the permit's scope."),
            ),
        ],
        at=["district", "enterprise"],
    ),
    dict(
        slug="company-change-registration",
        dept="amr",
        aud="business",
        events=[],
        name=("企业变更登记", "Company change registration"),
        summary=(
            "企业名称、住所、法定代表人、经营范围、注册资本等事项变更的，在变更后 30 日内申请登记。",
            "Register changes to the name, address, legal representative, business scope or capital within 30 days.",
        ),
        kw=("变更 营业执照变更 改名 换法人 迁址", "company change, amend business licence, change address"),
        syn=("工商变更", "company amendment"),
        ch="ocp",
        visits=0,
        limits=(3, 1),
        pop=132000,
        elig=[("已在本市登记的企业", "Companies registered in Haipu")],
        cond=[("变更事项已依法作出决议", "The change has been properly resolved")],
        steps=[
            ("在线填写变更事项", "Enter the change online"),
            ("相关人员电子签名", "The people concerned sign electronically"),
            ("核准后换发营业执照", "A new licence is issued once approved"),
        ],
        fee=None,
        law=[
            (
                "《中华人民共和国市场主体登记管理条例》",
                "Regulations on the Registration and Administration of Market Entities",
            )
        ],
        mats=[
            BIZ_LICENCE,
            mat(
                ("股东会决议或决定", "Shareholders' resolution"),
                ("关于变更事项的决议。", "The resolution on the change."),
                types=PDF,
            ),
            vary(
                ARTICLES,
                name=("章程修正案", "Amended articles"),
                desc=("涉及章程修改的提供。", "If the articles change."),
            ),
            COMPANY_SEAL_LETTER,
        ],
        faqs=[
            (
                ("跨区迁移需要去原区办理吗？", "Do we need to visit the old district when moving?"),
                ("不需要，迁入地一地办理。", "No, only the new district."),
            )
        ],
        at=["enterprise", "district"],
    ),
    dict(
        slug="company-deregistration",
        dept="amr",
        aud="business",
        events=["closing-a-business"],
        name=("企业注销登记", "Company deregistration"),
        summary=(
            "企业解散、清算完成后申请注销登记；无债权债务的可适用简易注销。",
            "Close a company after dissolution and liquidation; companies without debts can use simplified deregistration.",
        ),
        kw=("注销 公司注销 关闭公司 简易注销 清算", "close company, deregistration, dissolve, liquidation, strike off"),
        syn=("公司关闭 企业注销", "company closure, winding up"),
        ch="oc",
        visits=0,
        limits=(20, 3),
        pop=58600,
        elig=[
            (
                "已完成清算或符合简易注销条件的企业",
                "Companies that have finished liquidation or qualify for simplified deregistration",
            )
        ],
        cond=[
            ("已结清税款并取得清税信息", "Taxes are settled"),
            ("简易注销：无债权债务，公示 20 日无异议", "Simplified: no debts and no objection during 20 days' notice"),
        ],
        steps=[
            ("在线选择普通或简易注销", "Choose ordinary or simplified deregistration online"),
            (
                "系统同步办理税务、社保、公积金注销",
                "Tax, social insurance and provident fund accounts close at the same time",
            ),
            ("核准注销，营业执照作废", "The deregistration is approved and the licence cancelled"),
        ],
        fee=None,
        law=[
            ("《中华人民共和国公司法》", "Company Law of the People's Republic of China"),
            (
                "《中华人民共和国市场主体登记管理条例》",
                "Regulations on the Registration and Administration of Market Entities",
            ),
        ],
        mats=[
            BIZ_LICENCE,
            mat(
                ("清算报告", "Liquidation report"),
                (
                    "股东会确认的清算报告；简易注销提交全体投资人承诺书。",
                    "Confirmed by the shareholders; for simplified deregistration, the investors' commitment.",
                ),
                types=PDF,
            ),
            mat(
                ("清税证明", "Tax clearance"),
                ("税务机关出具，系统自动共享。", "From the tax office; shared automatically."),
                form=COPY,
                ecert=True,
            ),
        ],
        faqs=[
            (
                ("简易注销要多久？", "How long does simplified deregistration take?"),
                ("公示 20 日后 1 个工作日内办结。", "One working day after 20 days' notice."),
            )
        ],
        at=["enterprise", "district"],
    ),
    dict(
        slug="annual-report",
        dept="amr",
        aud="business",
        events=["paying-taxes"],
        name=("企业年度报告公示", "Company annual report"),
        summary=(
            "企业每年 1 月 1 日至 6 月 30 日通过信用信息公示系统报送上一年度报告。",
            "Each company files its annual report for the previous year between 1 January and 30 June.",
        ),
        kw=("年报 年度报告 工商年检 企业年报", "annual report, annual return, company filing"),
        syn=("工商年报", "annual return"),
        ch="o",
        visits=0,
        limits=(1, 1),
        pop=356000,
        elig=[
            (
                "上一年度已登记的企业、农民专业合作社和个体工商户",
                "Companies, cooperatives and individual businesses registered last year",
            )
        ],
        cond=[("在 6 月 30 日前报送", "File by 30 June")],
        steps=[
            ("登录公示系统", "Sign in to the disclosure system"),
            ("填写经营、资产和社保信息", "Enter trading, assets and insurance details"),
            ("提交后即时公示", "It is published once submitted"),
        ],
        fee=None,
        law=[("《企业信息公示暂行条例》", "Interim Regulations on Enterprise Information Disclosure")],
        mats=[
            BIZ_LICENCE,
            mat(
                ("年度财务报表", "Annual financial statements"),
                ("资产负债表和利润表数据。", "Balance sheet and profit and loss figures."),
                types=PDF,
            ),
        ],
        faqs=[
            (
                ("逾期未报会怎样？", "What if we file late?"),
                (
                    "将被列入经营异常名录，补报后可申请移出。",
                    "The company is listed as abnormal until it files and asks to be removed.",
                ),
            )
        ],
    ),
    # --- Tax ------------------------------------------------------------------------------------
    dict(
        slug="tax-registration",
        dept="tax",
        aud="business",
        events=["starting-a-business", "paying-taxes"],
        name=("税务登记（新办纳税人信息确认）", "Tax registration for new businesses"),
        summary=(
            "新办企业和个体工商户领取营业执照后，在线确认税务登记信息、税种和办税人员。",
            "New companies and individual businesses confirm their tax details, taxes and tax contacts online after "
            "getting the business licence.",
        ),
        kw=("税务登记 报到 新办企业 税种核定 税务", "tax registration, taxpayer registration, tax office"),
        syn=("新办纳税人套餐 税务报到", "taxpayer registration, new taxpayer"),
        ch="oc",
        visits=0,
        limits=(1, 1),
        pop=196000,
        elig=[
            (
                "已取得营业执照的企业、个体工商户和其他组织",
                "Companies, individual businesses and organisations holding a business licence",
            )
        ],
        cond=[
            (
                "法定代表人和财务负责人已完成实名认证",
                "The legal representative and finance manager have verified their identity",
            )
        ],
        steps=[
            ("登录电子税务局", "Sign in to the e-tax bureau"),
            ("确认登记信息、银行账户和税费种", "Confirm details, bank account and taxes"),
            ("签订三方扣款协议", "Sign the tax direct-debit agreement"),
            ("可同时申领发票", "Apply for invoices at the same time"),
        ],
        fee=None,
        law=[
            (
                "《中华人民共和国税收征收管理法》",
                "Law of the People's Republic of China on the Administration of Tax Collection",
            )
        ],
        mats=[
            BIZ_LICENCE,
            LEGAL_REP_ID,
            mat(
                ("银行账户信息", "Bank account details"),
                ("用于缴税的银行账户。", "The account for paying taxes."),
                form=COPY,
            ),
        ],
        faqs=[
            (
                ("领执照后多久内要报到？", "How soon must we register?"),
                (
                    "首次办理涉税事项时确认即可，建议领取执照后及时办理。",
                    "When you first need a tax service; we recommend doing it straight away.",
                ),
            )
        ],
        at=["enterprise", "district"],
    ),
    dict(
        slug="invoice-application",
        dept="tax",
        aud="business",
        events=["starting-a-business", "paying-taxes"],
        name=("发票领用（数电发票额度）", "Invoice application (digital invoices)"),
        summary=(
            "纳税人申请开具全面数字化电子发票的授信额度，或申领纸质发票。",
            "Taxpayers get a credit limit for fully digital e-invoices, or apply for paper invoices.",
        ),
        kw=("发票 领发票 数电票 电子发票 开票", "invoice, fapiao, e-invoice, digital invoice"),
        syn=("申领发票 发票额度", "fapiao application, invoice quota"),
        ch="ocp",
        visits=0,
        limits=(1, 1),
        pop=241000,
        elig=[("已完成税务登记的纳税人", "Taxpayers who have registered for tax")],
        cond=[("无未处理的税务违法记录", "No outstanding tax violations")],
        steps=[
            ("登录电子税务局", "Sign in to the e-tax bureau"),
            ("系统自动赋予初始开票额度", "An initial invoicing limit is granted"),
            ("需调整额度的在线申请", "Apply online to change the limit"),
            ("纸质发票可选择邮寄", "Paper invoices can be posted"),
        ],
        fee=None,
        law=[
            ("《中华人民共和国发票管理办法》", "Measures of the People's Republic of China on Invoice Administration")
        ],
        mats=[
            BIZ_LICENCE,
            vary(
                ID_CARD,
                name=("办税人员身份证件", "Tax contact's ID"),
                desc=("已实名认证的办税人员。", "The verified tax contact."),
            ),
        ],
        faqs=[
            (
                ("数电发票需要税控设备吗？", "Do digital invoices need special equipment?"),
                ("不需要，登录电子税务局即可开具。", "No, issue them in the e-tax bureau."),
            )
        ],
        at=["enterprise", "district"],
    ),
    dict(
        slug="iit-annual-reconciliation",
        dept="tax",
        aud="individual",
        events=["finding-work"],
        name=("个人所得税综合所得年度汇算", "Individual income tax annual reconciliation"),
        summary=(
            "每年 3 月 1 日至 6 月 30 日办理上一年度个人所得税汇算，多退少补。",
            "Between 1 March and 30 June, reconcile last year's individual income tax: get a refund or pay the balance.",
        ),
        kw=("个税 退税 汇算清缴 个人所得税 专项附加扣除", "income tax, tax refund, annual reconciliation, IIT"),
        syn=("个税汇算 个税退税", "tax return, income tax refund"),
        ch="oc",
        visits=0,
        limits=(20, 5),
        pop=498000,
        elig=[("上一年度取得综合所得的居民个人", "Resident individuals with comprehensive income last year")],
        cond=[("需补税超过 400 元或申请退税的须办理", "Required if you owe more than RMB 400 or want a refund")],
        steps=[
            ("登录个人所得税 App", "Sign in to the income tax app"),
            ("确认收入和扣除信息", "Confirm income and deductions"),
            ("提交申报并退税或缴税", "Submit and receive the refund or pay"),
        ],
        fee=None,
        law=[("《中华人民共和国个人所得税法》", "Individual Income Tax Law of the People's Republic of China")],
        mats=[
            ID_CARD,
            mat(
                ("专项附加扣除凭证", "Evidence for special deductions"),
                (
                    "子女教育、住房贷款、赡养老人等信息。",
                    "Details of children's education, mortgage interest, elderly parents and so on.",
                ),
                form=COPY,
                required=False,
            ),
        ],
        faqs=[
            (
                ("退税多久到账？", "When will the refund arrive?"),
                ("审核通过后一般 5 个工作日内。", "Usually within 5 working days of approval."),
            )
        ],
    ),
    dict(
        slug="tax-clearance",
        dept="tax",
        aud="business",
        events=["closing-a-business"],
        name=("清税证明（注销税务登记）", "Tax clearance for closing a business"),
        summary=(
            "企业注销前结清应纳税款、多退少补并缴销发票，取得清税证明。",
            "Before a company closes, settle all taxes, cancel unused invoices and get a tax clearance certificate.",
        ),
        kw=("清税 注销税务 税务注销 清税证明", "tax clearance, close tax account, deregister tax"),
        syn=("税务注销", "tax deregistration"),
        ch="oc",
        visits=0,
        limits=(20, 1),
        pop=52800,
        elig=[("拟注销的企业和个体工商户", "Companies and individual businesses that are closing")],
        cond=[("已申报全部税款并缴销发票", "All returns filed and invoices cancelled")],
        steps=[
            ("在线提交清税申报", "Submit the clearance return"),
            ("无欠税的即时出具清税证明", "Issued at once if nothing is owed"),
        ],
        fee=None,
        law=[
            (
                "《中华人民共和国税收征收管理法》",
                "Law of the People's Republic of China on the Administration of Tax Collection",
            )
        ],
        mats=[
            BIZ_LICENCE,
            mat(
                ("注销决议", "Resolution to close"),
                ("股东会或投资人决定。", "By the shareholders or investor."),
                types=PDF,
            ),
        ],
        faqs=[
            (
                ("未领过发票也要清税吗？", "Do we need clearance if we never had invoices?"),
                ("未办理涉税事项的可免于清税。", "No, if you never used any tax services."),
            )
        ],
        at=["enterprise", "district"],
    ),
    dict(
        slug="tax-payment-certificate",
        dept="tax",
        aud="both",
        events=["paying-taxes", "buying-a-car"],
        name=("完税证明开具", "Tax payment certificate"),
        summary=(
            "个人和单位在线开具税收完税证明，可用于购房、购车、签证等。",
            "Download a certificate of taxes paid, used for buying a home or car, visas and so on.",
        ),
        kw=("完税证明 纳税证明 个税证明 税收证明", "tax payment certificate, proof of tax paid"),
        syn=("纳税记录", "tax record"),
        ch="o",
        visits=0,
        limits=(1, 1),
        pop=263000,
        elig=[("已缴纳税款的个人和单位", "Anyone who has paid tax")],
        cond=[("已实名登录", "Signed in with your real name")],
        steps=[
            ("选择期间和税种", "Choose the period and tax"),
            ("下载带电子印章的证明", "Download the certificate with its e-seal"),
        ],
        fee=None,
        law=[("《税收票证管理办法》", "Measures on Tax Receipts")],
        mats=[
            ID_CARD,
            vary(
                BIZ_LICENCE,
                required=False,
                desc=("单位开具时使用电子营业执照。", "For companies, the electronic business licence."),
            ),
        ],
        faqs=[
            (
                ("证明可以验真吗？", "Can the certificate be verified?"),
                ("可扫描二维码在税务局网站查验。", "Yes, scan its code on the tax website."),
            )
        ],
    ),
    dict(
        slug="vat-general-taxpayer",
        dept="tax",
        aud="business",
        events=["paying-taxes"],
        name=("增值税一般纳税人登记", "General VAT taxpayer registration"),
        summary=(
            "年销售额超过 500 万元或会计核算健全的纳税人登记为增值税一般纳税人。",
            "Businesses with annual sales over RMB 5 million, or with proper accounts, register as general VAT taxpayers.",
        ),
        kw=("一般纳税人 增值税 专票 小规模", "general taxpayer, VAT, special VAT invoice"),
        syn=("一般纳税人认定", "VAT registration"),
        ch="o",
        visits=0,
        limits=(1, 1),
        pop=38900,
        elig=[("已办理税务登记的企业", "Companies registered for tax")],
        cond=[
            ("年应税销售额超过 500 万元，或能准确核算", "Annual taxable sales over RMB 5 million, or sound accounting")
        ],
        steps=[
            ("在线提交登记表", "Submit the form online"),
            ("即时办结，次月起按一般计税方法申报", "Done at once; file under the general method from next month"),
        ],
        fee=None,
        law=[("《增值税一般纳税人登记管理办法》", "Measures on General VAT Taxpayer Registration")],
        mats=[BIZ_LICENCE, form("增值税一般纳税人登记表", "General VAT taxpayer registration")],
        faqs=[
            (
                ("登记后能转回小规模吗？", "Can we go back to small-scale?"),
                ("除国家另有规定外，不得转回。", "Generally no."),
            )
        ],
    ),
    # --- Planning and natural resources ---------------------------------------------------------
    dict(
        slug="property-registration",
        dept="pnr",
        aud="both",
        events=["buying-a-home", "moving-house"],
        name=("不动产转移登记（房屋买卖）", "Property registration (transfer on sale)"),
        summary=(
            "买卖房屋后办理不动产转移登记，“交房即交证”，税费缴纳和水电气过户一窗联办。",
            "Register the transfer of a home you have bought; taxes, utilities and the title are handled at one window.",
        ),
        kw=("房产证 不动产登记 过户 买房 产证", "property registration, title deed, house transfer, real estate"),
        syn=("房屋过户 不动产权证办理", "property transfer, land registry"),
        ch="oc",
        visits=1,
        limits=(30, 5),
        pop=158000,
        elig=[("房屋买卖双方", "The buyer and the seller")],
        cond=[
            ("买卖合同已网签备案", "The contract has been filed online"),
            ("已缴纳契税等税费", "Deed tax and other taxes are paid"),
            ("购房人符合本市住房限购政策", "The buyer meets the city's purchase rules"),
        ],
        steps=[
            ("在线预约或预审", "Book or pre-check online"),
            ("买卖双方到不动产登记窗口签字", "Both sign at the property registration window"),
            ("缴纳税费和登记费", "Pay taxes and the registration fee"),
            ("领取电子和纸质不动产权证书", "Receive the electronic and paper title"),
        ],
        fee=("住宅登记费 80 元/件；非住宅 550 元/件", "Registration fee RMB 80 for homes, RMB 550 for other property"),
        law=[
            ("《不动产登记暂行条例》", "Interim Regulations on Real Estate Registration"),
            ("《中华人民共和国民法典》", "Civil Code of the People's Republic of China"),
        ],
        mats=[
            vary(ID_CARD, desc=("买卖双方的身份证。", "ID of buyer and seller.")),
            PROPERTY_CERT,
            mat(
                ("房屋买卖合同", "Sale and purchase contract"),
                ("网签备案的买卖合同。", "The contract filed online."),
                ecert=True,
            ),
            mat(
                ("完税凭证", "Proof of tax paid"),
                ("契税等完税凭证，系统自动共享。", "Deed tax receipts; shared automatically."),
                form=COPY,
                ecert=True,
            ),
            vary(MARRIAGE_CERT, required=False, desc=("已婚的提供。", "If married.")),
        ],
        faqs=[
            (
                ("登记后多久拿到产证？", "When do I get the title?"),
                ("一般当场或 5 个工作日内。", "Same day or within 5 working days."),
            ),
            (("可以邮寄产证吗？", "Can the title be posted?"), ("可以选择免费邮寄。", "Yes, free of charge.")),
        ],
        at=["district"],
    ),
    dict(
        slug="property-records-inquiry",
        dept="pnr",
        aud="both",
        events=["buying-a-home"],
        name=("不动产登记信息查询", "Property register search"),
        summary=(
            "权利人查询本人名下不动产登记信息，或查询特定房屋的权属和抵押状况。",
            "Owners check the property registered in their name, or check the title and mortgages of a property.",
        ),
        kw=("房产查询 产调 不动产查询 有无房证明", "property search, title search, no-property certificate"),
        syn=("产调 无房证明", "land register search"),
        ch="ocp",
        visits=0,
        limits=(1, 1),
        pop=287000,
        elig=[("不动产权利人、利害关系人", "Property owners and people with a legal interest")],
        cond=[("查询他人房屋须提供利害关系证明", "To search someone else's property you must show a legal interest")],
        steps=[
            ("在线申请并人脸识别", "Apply online and verify your face"),
            ("下载带电子印章的查询结果", "Download the result with its e-seal"),
        ],
        fee=None,
        law=[("《不动产登记资料查询暂行办法》", "Interim Measures on Searching Real Estate Registration Records")],
        mats=[ID_CARD, AGENT],
        faqs=[(("查询结果可以用于入学吗？", "Can the result be used for school enrolment?"), ("可以。", "Yes."))],
        at=["district"],
    ),
    dict(
        slug="mortgage-registration",
        dept="pnr",
        aud="both",
        events=["buying-a-home"],
        name=("不动产抵押登记", "Mortgage registration"),
        summary=(
            "以房屋设定抵押贷款的，由银行与抵押人在线办理抵押登记，无需到窗口。",
            "When a home is mortgaged, the bank and the owner register the mortgage online without visiting.",
        ),
        kw=("抵押登记 房贷 按揭 抵押 解押", "mortgage registration, charge, home loan"),
        syn=("房屋抵押", "mortgage charge"),
        ch="o",
        visits=0,
        limits=(10, 1),
        pop=142000,
        elig=[("抵押人和抵押权人（银行）", "The owner and the lender")],
        cond=[("已签订借款和抵押合同", "Loan and mortgage contracts signed")],
        steps=[
            ("银行在线提交", "The bank submits online"),
            ("双方电子签名", "Both sign electronically"),
            ("生成电子不动产登记证明", "An electronic certificate is issued"),
        ],
        fee=("登记费 80 元/件", "Registration fee RMB 80"),
        law=[("《不动产登记暂行条例》", "Interim Regulations on Real Estate Registration")],
        mats=[
            ID_CARD,
            PROPERTY_CERT,
            mat(
                ("抵押合同", "Mortgage contract"), ("抵押合同和主债权合同。", "Mortgage and loan contracts."), types=PDF
            ),
        ],
        faqs=[
            (
                ("还清贷款后怎么注销抵押？", "How is the mortgage removed?"),
                ("由银行在线申请注销，无需本人办理。", "The bank applies online."),
            )
        ],
    ),
    dict(
        slug="inheritance-registration",
        dept="pnr",
        aud="individual",
        events=["death-and-funeral"],
        name=("继承不动产登记", "Registering inherited property"),
        summary=(
            "因继承、遗赠取得房屋的，办理不动产转移登记。",
            "Register a home you have inherited or received by will.",
        ),
        kw=("继承 遗产 房产继承 过户 遗嘱", "inheritance, estate, will, inherited property"),
        syn=("继承过户", "probate property transfer"),
        ch="c",
        visits=1,
        limits=(30, 10),
        pop=26800,
        elig=[("法定继承人、遗嘱继承人或受遗赠人", "Heirs by law or by will, and legatees")],
        cond=[("已取得继承权公证书或全体继承人到场确认", "A notarised inheritance or all heirs come to confirm")],
        steps=[
            ("预约窗口", "Book a visit"),
            ("全体继承人签字并公示 15 个工作日", "All heirs sign; 15 working days' public notice"),
            ("核发不动产权证书", "The title is issued"),
        ],
        fee=("登记费 80 元/件", "Registration fee RMB 80"),
        law=[
            ("《中华人民共和国民法典》", "Civil Code of the People's Republic of China"),
            ("《不动产登记暂行条例》", "Interim Regulations on Real Estate Registration"),
        ],
        mats=[
            DEATH_CERT,
            PROPERTY_CERT,
            ID_CARD,
            mat(
                ("亲属关系证明", "Proof of relationship"),
                ("户籍档案或公证的亲属关系证明。", "Hukou records or notarised proof."),
                form=COPY,
            ),
        ],
        faqs=[
            (
                ("一定要公证吗？", "Is notarisation required?"),
                ("不强制，全体继承人到场确认也可办理。", "No, all heirs can come to confirm instead."),
            )
        ],
        at=["district"],
    ),
    dict(
        slug="planning-permit",
        dept="pnr",
        aud="business",
        events=["construction-project"],
        name=("建设工程规划许可", "Planning permit for construction works"),
        summary=(
            "建设单位在施工前取得建设工程规划许可证，审查设计方案是否符合规划条件。",
            "Developers get a planning permit before building; the design is checked against the planning conditions.",
        ),
        kw=("规划许可证 工程规划 设计方案 规划审批", "planning permit, planning approval, building design"),
        syn=("建设工程规划许可证", "planning consent"),
        ch="oc",
        visits=0,
        limits=(20, 10),
        pop=4100,
        elig=[("取得土地使用权的建设单位", "Developers holding the land use right")],
        cond=[("设计方案符合控制性详细规划和规划条件", "The design meets the detailed plan and conditions")],
        steps=[
            ("在线提交设计方案", "Submit the design online"),
            ("规划审查和公示", "Review and public notice"),
            ("核发规划许可证", "The permit is issued"),
        ],
        fee=None,
        law=[("《中华人民共和国城乡规划法》", "Urban and Rural Planning Law of the People's Republic of China")],
        mats=[
            BIZ_LICENCE,
            PROJECT_APPROVAL,
            mat(
                ("建设工程设计方案", "Design scheme"),
                ("总平面图和建筑单体方案。", "Site plan and building designs."),
                types=PDF,
            ),
            mat(
                ("土地权属证明", "Proof of land rights"),
                ("不动产权证书或土地出让合同。", "Title or land grant contract."),
                form=COPY,
                ecert=True,
            ),
        ],
        faqs=[
            (
                ("可以和施工许可一起申请吗？", "Can we apply together with the construction permit?"),
                (
                    "可在工程建设项目审批系统中并联办理。",
                    "Yes, in parallel through the construction project approval system.",
                ),
            )
        ],
        at=["enterprise", "district"],
    ),
    # --- Housing --------------------------------------------------------------------------------
    dict(
        slug="tenancy-registration",
        dept="housing",
        aud="both",
        events=["moving-house", "moving-to-haipu"],
        name=("房屋租赁合同登记备案", "Tenancy agreement registration"),
        summary=(
            "出租人或承租人在线办理房屋租赁合同登记备案，备案证明可用于居住证、公积金提取和子女入学。",
            "Landlords or tenants register a tenancy agreement online; the certificate is used for the residence "
            "permit, provident fund withdrawals and school places.",
        ),
        kw=("租赁备案 租房备案 租房合同 房屋租赁", "tenancy registration, rental registration, lease filing"),
        syn=("租赁登记备案", "rental contract registration"),
        ch="ocp",
        visits=0,
        limits=(3, 1),
        pop=214000,
        elig=[("本市房屋的出租人和承租人", "Landlords and tenants of homes in Haipu")],
        cond=[
            ("出租房屋产权清晰、符合安全和居住标准", "The home has clear title and meets safety rules"),
            ("不得按床位出租或群租", "No renting by the bed or overcrowding"),
        ],
        steps=[
            ("在线填写合同信息或上传合同", "Enter or upload the contract"),
            ("系统核验房屋产权", "The title is checked"),
            ("生成电子备案证明", "The e-certificate is issued"),
        ],
        fee=None,
        law=[
            ("《商品房屋租赁管理办法》", "Measures for the Administration of Leasing of Commodity Housing"),
            ("《海浦市住房租赁条例》", "Haipu Regulations on Housing Rental"),
        ],
        mats=[
            vary(LEASE, desc=("双方签字的租赁合同。", "Signed by both parties."), form=COPY),
            vary(PROPERTY_CERT, desc=("出租房屋的产权证明。", "Title of the rented home.")),
            vary(ID_CARD, desc=("出租人和承租人身份证明。", "ID of landlord and tenant.")),
        ],
        faqs=[
            (
                ("房东不配合备案怎么办？", "My landlord will not register. What can I do?"),
                ("承租人可凭合同单方申请。", "Tenants can apply alone with the contract."),
            )
        ],
    ),
    dict(
        slug="public-rental-housing",
        dept="housing",
        aud="individual",
        events=["moving-to-haipu", "hardship-support"],
        name=("公共租赁住房申请", "Public rental housing application"),
        summary=(
            "在本市无自有住房的新市民、青年职工和住房困难家庭申请公共租赁住房。",
            "Newcomers, young workers and families in housing need who own no home in Haipu can apply for public rental housing.",
        ),
        kw=(
            "公租房 保障房 廉租房 人才公寓 住房困难",
            "public rental housing, affordable housing, social housing, talent apartment",
        ),
        syn=("公租房申请", "council housing, public housing"),
        ch="ocp",
        visits=0,
        limits=(30, 20),
        pop=41600,
        elig=[("持居住证或本市户籍的在职人员", "Employed hukou or residence permit holders")],
        cond=[
            ("本人及家庭在本市无自有住房或人均面积低于 15 平方米", "No home in Haipu, or less than 15 m² per person"),
            ("在本市连续缴纳社保满 1 年", "One year of social insurance in Haipu"),
        ],
        steps=[
            ("在线申请", "Apply online"),
            ("区住房保障机构审核", "The district housing office reviews"),
            ("摇号选房", "Homes are allocated by lottery"),
            ("签订租赁合同入住", "Sign the lease and move in"),
        ],
        fee=("租金按市场租金的 80% 左右确定", "Rent at about 80% of the market rate"),
        law=[("《公共租赁住房管理办法》", "Measures on the Administration of Public Rental Housing")],
        mats=[
            ID_CARD,
            HUKOU_BOOK,
            RESIDENCE_PERMIT,
            mat(
                ("住房状况核查授权书", "Consent to check housing records"),
                ("家庭成员签字。", "Signed by each family member."),
                types=PDF,
            ),
        ],
        faqs=[
            (
                ("可以住多久？", "How long can we stay?"),
                ("合同 2 年一签，累计一般不超过 6 年。", "Two-year leases, up to six years in total."),
            )
        ],
    ),
    # --- Construction ---------------------------------------------------------------------------
    dict(
        slug="construction-permit",
        dept="construction",
        aud="business",
        events=["construction-project"],
        name=("建筑工程施工许可", "Construction permit"),
        summary=(
            "建筑工程开工前，建设单位申领施工许可证；小型项目可与规划许可合并办理。",
            "Developers get a construction permit before work starts; small projects can combine it with the planning permit.",
        ),
        kw=("施工许可证 开工 建筑工程 施工证", "construction permit, building permit, start works"),
        syn=("施工许可", "building consent"),
        ch="oc",
        visits=0,
        limits=(7, 3),
        pop=9800,
        elig=[
            (
                "投资额 100 万元以上或建筑面积 500 平方米以上的房屋建筑工程建设单位",
                "Developers of building works over RMB 1 million or 500 m²",
            )
        ],
        cond=[
            ("已取得建设工程规划许可证", "The planning permit has been granted"),
            ("已确定施工单位并落实质量安全措施", "A contractor is appointed and safety measures in place"),
            ("建设资金已落实", "Funding is in place"),
        ],
        steps=[
            ("在工程建设项目审批系统提交", "Apply through the construction project approval system"),
            ("并联审查", "Parallel review"),
            ("核发电子施工许可证", "The electronic permit is issued"),
        ],
        fee=None,
        law=[
            ("《中华人民共和国建筑法》", "Construction Law of the People's Republic of China"),
            ("《建筑工程施工许可管理办法》", "Measures on Construction Permits for Building Works"),
        ],
        mats=[
            BIZ_LICENCE,
            PROJECT_APPROVAL,
            mat(
                ("建设工程规划许可证", "Planning permit"),
                ("系统自动调取。", "Retrieved automatically."),
                form=COPY,
                ecert=True,
            ),
            mat(
                ("施工合同", "Construction contract"),
                ("与施工总承包单位签订的合同。", "With the main contractor."),
                types=PDF,
            ),
            mat(
                ("质量安全承诺书", "Quality and safety commitment"),
                ("建设单位签章。", "Signed by the developer."),
                types=PDF,
            ),
        ],
        faqs=[
            (
                ("装修工程需要施工许可吗？", "Does interior fit-out need a permit?"),
                ("限额以下的小型装修工程无需办理。", "Not below the thresholds."),
            )
        ],
        at=["enterprise", "district"],
    ),
    dict(
        slug="completion-filing",
        dept="construction",
        aud="business",
        events=["construction-project"],
        name=("建设工程竣工验收备案", "Completion acceptance filing"),
        summary=(
            "工程竣工验收合格后 15 日内办理备案，规划、消防、人防等实行联合验收。",
            "File within 15 days of passing the completion acceptance; planning, fire and civil defence checks are joint.",
        ),
        kw=("竣工验收 竣工备案 联合验收", "completion acceptance, final inspection, handover"),
        syn=("竣工备案", "completion certificate"),
        ch="oc",
        visits=0,
        limits=(5, 3),
        pop=6400,
        elig=[("已竣工的建设工程的建设单位", "Developers of completed works")],
        cond=[("联合验收合格", "The joint acceptance has been passed")],
        steps=[
            ("申请联合验收", "Apply for joint acceptance"),
            ("各部门现场验收", "The departments inspect the site"),
            ("出具备案证明", "The filing certificate is issued"),
        ],
        fee=None,
        law=[("《建设工程质量管理条例》", "Regulations on the Quality Management of Construction Projects")],
        mats=[
            BIZ_LICENCE,
            mat(
                ("竣工验收报告", "Completion acceptance report"),
                (
                    "建设、勘察、设计、施工、监理单位签章。",
                    "Signed by developer, surveyor, designer, contractor and supervisor.",
                ),
                types=PDF,
            ),
            mat(("工程质量保修书", "Quality warranty"), ("施工单位出具。", "From the contractor."), types=PDF),
        ],
        faqs=[
            (
                ("联合验收需要多久？", "How long does joint acceptance take?"),
                ("一般 5 个工作日内完成。", "Usually within 5 working days."),
            )
        ],
        at=["enterprise"],
    ),
    dict(
        slug="presale-permit",
        dept="construction",
        aud="business",
        events=["construction-project"],
        name=("商品房预售许可", "Pre-sale permit for new housing"),
        summary=(
            "房地产开发企业预售商品房前取得预售许可证，预售资金纳入监管。",
            "Developers need a pre-sale permit before selling new homes off-plan; deposits go into a supervised account.",
        ),
        kw=("预售证 预售许可 楼盘 期房", "pre-sale permit, off-plan sales, new homes"),
        syn=("商品房预售证", "presale licence"),
        ch="c",
        visits=1,
        limits=(10, 5),
        pop=1800,
        elig=[("具备资质的房地产开发企业", "Licensed property developers")],
        cond=[
            ("已交付全部土地出让金并取得施工许可", "Land premium paid and construction permit granted"),
            ("投入开发建设资金达到总投资 25% 以上", "At least 25% of the investment spent"),
        ],
        steps=[
            ("提交申请", "Apply"),
            ("现场查勘形象进度", "Site check of progress"),
            ("核发预售许可证", "The permit is issued"),
        ],
        fee=None,
        law=[("《城市商品房预售管理办法》", "Measures for the Administration of Pre-sale of Urban Commodity Housing")],
        mats=[
            BIZ_LICENCE,
            mat(
                ("施工许可证", "Construction permit"),
                ("系统自动调取。", "Retrieved automatically."),
                form=COPY,
                ecert=True,
            ),
            mat(
                ("预售方案", "Sales plan"), ("房源、价格和资金监管方案。", "Units, prices and escrow plan."), types=PDF
            ),
        ],
        faqs=[
            (
                ("预售资金如何监管？", "How are buyers' deposits protected?"),
                ("全部进入监管账户，按工程进度拨付。", "They go into an escrow account released as work progresses."),
            )
        ],
        at=["enterprise"],
    ),
    # --- Transport ------------------------------------------------------------------------------
    dict(
        slug="road-transport-permit",
        dept="transport",
        aud="business",
        events=["starting-a-business"],
        name=("道路货物运输经营许可", "Road freight transport permit"),
        summary=(
            "从事道路普通货物运输经营的企业取得道路运输经营许可证；4.5 吨及以下普通货车无需办理。",
            "Haulage companies need a road transport permit; trucks of 4.5 tonnes or less are exempt.",
        ),
        kw=("道路运输许可证 货运 物流 运输经营", "road transport permit, haulage, freight, logistics"),
        syn=("道路运输经营许可证", "haulage licence"),
        ch="oc",
        visits=0,
        limits=(20, 5),
        pop=7600,
        elig=[("从事道路货物运输经营的企业和个体工商户", "Companies and individual businesses in road haulage")],
        cond=[
            ("有与经营业务相适应并经检测合格的车辆", "Inspected vehicles suited to the work"),
            ("驾驶人员取得从业资格", "Qualified drivers"),
        ],
        steps=[
            ("在线提交申请", "Apply online"),
            ("审查车辆和人员", "Vehicles and drivers are checked"),
            ("发放电子许可证", "The e-permit is issued"),
        ],
        fee=None,
        law=[("《中华人民共和国道路运输条例》", "Regulations of the People's Republic of China on Road Transport")],
        mats=[
            BIZ_LICENCE,
            mat(("车辆行驶证", "Vehicle licences"), ("营运车辆的行驶证。", "For each vehicle."), form=COPY, ecert=True),
            mat(
                ("驾驶员从业资格证", "Drivers' qualification certificates"),
                ("驾驶人员的从业资格证。", "For each driver."),
                form=COPY,
                ecert=True,
            ),
        ],
        faqs=[
            (
                ("小货车需要办吗？", "Do small vans need it?"),
                ("总质量 4.5 吨及以下的普通货车不需要。", "Not for vans of 4.5 tonnes or less."),
            )
        ],
        at=["enterprise"],
    ),
    dict(
        slug="ride-hailing-driver-permit",
        dept="transport",
        aud="individual",
        events=["finding-work"],
        name=("网约车驾驶员证", "Ride-hailing driver permit"),
        summary=(
            "从事网络预约出租汽车服务的驾驶员参加考试后取得网络预约出租汽车驾驶员证。",
            "Drivers who want to work for ride-hailing platforms pass an exam and get the ride-hailing driver permit.",
        ),
        kw=("网约车 驾驶员证 网约车证 滴滴", "ride-hailing, driver permit, online taxi"),
        syn=("网约车从业资格", "ride-hailing licence"),
        ch="oc",
        visits=1,
        limits=(20, 10),
        pop=34200,
        elig=[("本市户籍或持居住证的驾驶人", "Drivers with a hukou or residence permit")],
        cond=[
            ("取得相应准驾车型驾驶证 3 年以上", "Licence held for at least 3 years"),
            ("无交通肇事、危险驾驶和暴力犯罪记录", "No serious traffic or violent offences"),
        ],
        steps=[
            ("在线报名考试", "Book the exam online"),
            ("参加全国和区域科目考试", "Pass the national and local tests"),
            ("领取驾驶员证", "Receive the permit"),
        ],
        fee=None,
        law=[("《网络预约出租汽车经营服务管理暂行办法》", "Interim Measures on Ride-Hailing Services")],
        mats=[
            ID_CARD,
            vary(
                DRIVING_LICENCE, desc=("驾龄 3 年以上的机动车驾驶证。", "A driving licence held for 3 years or more.")
            ),
            vary(PHOTO, copies=1),
            RESIDENCE_PERMIT,
        ],
        faqs=[
            (
                ("考试在哪里考？", "Where is the exam?"),
                ("在指定考点预约机考。", "At an approved test centre, on computer."),
            )
        ],
        at=["district"],
    ),
    # --- Fire, environment, culture -------------------------------------------------------------
    dict(
        slug="fire-safety-inspection",
        dept="fire",
        aud="business",
        events=["opening-a-restaurant", "starting-a-business"],
        name=("公众聚集场所投入使用、营业前消防安全检查", "Fire safety inspection before opening a public venue"),
        summary=(
            "餐厅、商场、宾馆、影院等公众聚集场所营业前申请消防安全检查，可采用告知承诺当场发证。",
            "Restaurants, shops, hotels, cinemas and other public venues apply for a fire safety inspection before "
            "opening; with a commitment the permit is issued at once.",
        ),
        kw=(
            "消防 消防检查 消防许可 开业检查 餐厅消防",
            "fire safety, fire inspection, fire certificate, venue opening",
        ),
        syn=("消防安全检查合格证", "fire safety certificate"),
        ch="oc",
        visits=0,
        limits=(10, 3),
        pop=14800,
        elig=[("公众聚集场所的经营单位", "Operators of public venues")],
        cond=[
            ("建设工程已通过消防验收或备案", "The building has passed the fire acceptance"),
            ("消防设施完好有效，疏散通道畅通", "Fire equipment working and escape routes clear"),
        ],
        steps=[
            ("在线申请并选择告知承诺或检查", "Apply online and choose commitment or inspection"),
            ("当场发证或 10 个工作日内现场检查", "Permit at once, or an inspection within 10 working days"),
            ("承诺方式的事后核查", "A later check for commitment permits"),
        ],
        fee=None,
        law=[("《中华人民共和国消防法》", "Fire Protection Law of the People's Republic of China")],
        mats=[
            BIZ_LICENCE,
            mat(
                ("消防安全制度和应急预案", "Fire safety rules and emergency plan"),
                ("场所的消防管理制度和疏散预案。", "Your fire rules and evacuation plan."),
                types=PDF,
            ),
            mat(
                ("场所平面图", "Floor plan"),
                ("标明疏散通道和消防设施。", "Showing escape routes and fire equipment."),
                types=PDF,
            ),
        ],
        faqs=[
            (
                ("小餐馆需要办理吗？", "Does a small restaurant need it?"),
                (
                    "公众聚集场所均需办理，面积较小的可适用告知承诺。",
                    "All public venues do; small ones can use the commitment route.",
                ),
            )
        ],
        at=["enterprise", "district"],
    ),
    dict(
        slug="eia-approval",
        dept="env",
        aud="business",
        events=["construction-project"],
        name=("建设项目环境影响评价审批", "Environmental impact assessment approval"),
        summary=(
            "可能造成重大或轻度环境影响的建设项目，开工前报批环境影响报告书或报告表。",
            "Projects with environmental effects submit an impact report or form for approval before work starts.",
        ),
        kw=("环评 环境影响评价 环评审批 报告表", "EIA, environmental impact assessment, environmental approval"),
        syn=("环评批复", "environmental permit"),
        ch="oc",
        visits=0,
        limits=(60, 15),
        pop=5200,
        elig=[
            (
                "按名录须编制报告书或报告表的建设单位",
                "Developers whose project needs a report under the classification list",
            )
        ],
        cond=[("项目符合生态环境分区管控要求", "The project fits the environmental zoning")],
        steps=[
            ("在线提交环评文件", "Submit the assessment online"),
            ("技术评估和公示", "Technical review and public notice"),
            ("作出审批决定", "A decision is made"),
        ],
        fee=None,
        law=[
            (
                "《中华人民共和国环境影响评价法》",
                "Environmental Impact Assessment Law of the People's Republic of China",
            )
        ],
        mats=[
            BIZ_LICENCE,
            mat(
                ("环境影响报告书（表）", "Environmental impact report or form"),
                ("具备能力的单位编制。", "Prepared by a competent consultancy."),
                types=PDF,
            ),
            PROJECT_APPROVAL,
        ],
        faqs=[
            (
                ("登记表项目要审批吗？", "Do registration-form projects need approval?"),
                ("登记表项目在线备案即可。", "No, they just file online."),
            )
        ],
        at=["enterprise"],
    ),
    dict(
        slug="pollutant-discharge-registration",
        dept="env",
        aud="business",
        events=["opening-a-restaurant", "construction-project"],
        name=("排污许可（登记管理）", "Pollutant discharge permit or registration"),
        summary=(
            "排放污染物的企业申请排污许可证；餐饮等污染较小的单位在线填报排污登记表。",
            "Businesses that discharge pollutants need a permit; restaurants and other low-impact businesses file a registration form online.",
        ),
        kw=("排污许可 排污登记 油烟 污水", "discharge permit, pollution, waste water, cooking fumes"),
        syn=("排污许可证", "emissions permit"),
        ch="o",
        visits=0,
        limits=(20, 5),
        pop=11300,
        elig=[("纳入排污许可管理名录的企业事业单位", "Organisations on the discharge permit list")],
        cond=[("污染防治设施与排放标准相符", "Pollution controls meet the emission standards")],
        steps=[
            ("在全国排污许可证管理信息平台填报", "File on the national discharge permit platform"),
            ("登记管理即时完成，许可管理经审查发证", "Registration is instant; permits after review"),
        ],
        fee=None,
        law=[("《排污许可管理条例》", "Regulations on the Administration of Pollutant Discharge Permits")],
        mats=[
            BIZ_LICENCE,
            mat(
                ("污染防治设施说明", "Description of pollution controls"),
                ("油烟净化、隔油池等设施情况。", "Fume filters, grease traps and so on."),
                types=PDF,
            ),
        ],
        faqs=[
            (
                ("餐厅需要办排污许可证吗？", "Does a restaurant need a permit?"),
                ("一般只需登记管理。", "Usually only the registration."),
            )
        ],
    ),
    dict(
        slug="entertainment-venue-licence",
        dept="culture",
        aud="business",
        events=["starting-a-business"],
        name=("娱乐场所经营许可", "Entertainment venue licence"),
        summary=(
            "开办歌舞、游艺等娱乐场所的，取得娱乐经营许可证。",
            "Karaoke bars, game arcades and other entertainment venues need a licence.",
        ),
        kw=("娱乐许可证 KTV 歌舞厅 游艺厅", "entertainment licence, karaoke, arcade"),
        syn=("娱乐经营许可证", "entertainment permit"),
        ch="oc",
        visits=1,
        limits=(20, 10),
        pop=2300,
        elig=[("拟开办娱乐场所的企业", "Companies opening an entertainment venue")],
        cond=[
            ("场所位置符合规定距离要求", "The location meets the distance rules"),
            ("包厢设置和面积符合标准", "Rooms meet the size and layout standards"),
        ],
        steps=[
            ("在线提交申请", "Apply online"),
            ("实地检查和听证（必要时）", "Site inspection, with a hearing if needed"),
            ("发放许可证", "The licence is issued"),
        ],
        fee=None,
        law=[("《娱乐场所管理条例》", "Regulations on the Administration of Entertainment Venues")],
        mats=[
            BIZ_LICENCE,
            LEGAL_REP_ID,
            mat(("场所平面图", "Floor plan"), ("标明包厢位置和面积。", "Showing rooms and sizes."), types=PDF),
        ],
        faqs=[
            (
                ("需要先办消防检查吗？", "Is a fire inspection needed first?"),
                ("需在营业前取得消防安全检查合格。", "Yes, before opening."),
            )
        ],
        at=["enterprise", "district"],
    ),
]
