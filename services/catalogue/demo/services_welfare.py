# ruff: noqa: E501 - content file: each bilingual (Chinese, English) text pair stays on one line.
"""Demo services: jobs and social insurance, housing provident fund, health insurance, health
and education."""

from .base import (
    AGENT,
    BANK_CARD,
    BIRTH_CERT,
    BIZ_LICENCE,
    COMPANY_SEAL_LETTER,
    COPY,
    DEATH_CERT,
    HUKOU_BOOK,
    ID_CARD,
    LEASE,
    MARRIAGE_CERT,
    PHOTO,
    PROPERTY_CERT,
    RESIDENCE_PERMIT,
    SSC,
    form,
    mat,
    vary,
)

LABOUR_CONTRACT = mat(
    ("劳动合同", "Employment contract"),
    (
        "与用人单位签订的劳动合同首页、期限页和签字页。",
        "The first page, term page and signature page of the employment contract.",
    ),
    form=COPY,
)

WELFARE_SERVICES = [
    # --- Human resources and social security ---------------------------------------------------
    dict(
        slug="ssc-application",
        dept="hrss",
        aud="individual",
        events=["moving-to-haipu", "having-a-baby", "finding-work"],
        name=("社会保障卡申领", "Social security card application"),
        summary=(
            "首次申领第三代社会保障卡，具备医保结算、金融支付和身份凭证功能；电子社保卡同步签发。",
            "Apply for your first third-generation social security card (SSC) for health insurance payments, "
            "banking and identification; the electronic card is issued at the same time.",
        ),
        kw=(
            "社保卡 社会保障卡 医保卡 市民卡 电子社保卡",
            "social security card, SSC, medical insurance card, citizen card",
        ),
        syn=("办社保卡 社保卡申请 SSC", "SSC application, social insurance card"),
        ch="ocp",
        visits=0,
        limits=(20, 7),
        pop=247000,
        elig=[
            ("在本市参加社会保险的人员", "Anyone insured under Haipu social insurance"),
            ("本市户籍新生儿和持居住证的未成年人", "Newborns with a Haipu hukou and children with a residence permit"),
        ],
        cond=[("未持有有效的本市社会保障卡", "You do not already hold a valid Haipu social security card")],
        steps=[
            ("在线填写申请并上传照片", "Apply online and upload a photo"),
            ("选择合作银行开通金融账户", "Choose a partner bank for the card's bank account"),
            ("制卡完成后邮寄到家或到网点领取", "The card is posted to you or collected at a branch"),
            ("在“海浦通”App 激活电子社保卡", "Activate the electronic card in the Haipu Tong app"),
        ],
        fee=None,
        law=[
            ("《中华人民共和国社会保险法》", "Social Insurance Law of the People's Republic of China"),
            ("《社会保障卡管理办法》", "Measures for the Administration of Social Security Cards"),
        ],
        mats=[
            ID_CARD,
            vary(PHOTO, copies=1, desc=("白底证件照，可上传数码照片。", "White background; upload a digital photo.")),
            vary(
                HUKOU_BOOK,
                required=False,
                desc=("为 16 周岁以下儿童申领时提供。", "Only when applying for a child under 16."),
            ),
            AGENT,
        ],
        faqs=[
            (
                ("社保卡和医保卡是一张卡吗？", "Is the SSC the same as the medical insurance card?"),
                ("是的，社保卡即医保就医凭证。", "Yes, you use the SSC to pay at hospitals."),
            ),
            (
                ("多久能拿到卡？", "How long until I get the card?"),
                ("一般 7 个工作日内寄出。", "It is usually posted within 7 working days."),
            ),
        ],
    ),
    dict(
        slug="ssc-replacement",
        dept="hrss",
        aud="individual",
        events=[],
        name=("社会保障卡补换", "Social security card replacement"),
        summary=(
            "社保卡遗失、损坏或到期的，挂失后申请补换新卡，可即时制卡。",
            "Report a lost, damaged or expired social security card and get a new one; instant issue at some counters.",
        ),
        kw=("社保卡 补卡 换卡 挂失 丢失 社保卡坏了", "social security card replacement, lost SSC, damaged card"),
        syn=("补办社保卡 社保卡挂失 SSC 补换", "SSC replacement, replace social security card"),
        ch="ocp",
        visits=0,
        limits=(15, 5),
        pop=164500,
        elig=[("已持有本市社会保障卡的参保人员", "Holders of a Haipu social security card")],
        cond=[("原卡已挂失（损坏换卡须交回原卡）", "The old card is reported lost (or handed back if damaged)")],
        steps=[
            ("在线或电话挂失原卡", "Report the old card lost online or by phone"),
            ("提交补换申请", "Apply for a new card"),
            ("邮寄到家，或在即时制卡网点当场领取", "Receive it by post, or on the spot at an instant-issue counter"),
        ],
        fee=("补卡工本费 20 元（到期换卡免费）", "RMB 20 for a lost card (free when the card has expired)"),
        law=[("《社会保障卡管理办法》", "Measures for the Administration of Social Security Cards")],
        mats=[ID_CARD, vary(PHOTO, copies=1), AGENT],
        faqs=[
            (
                ("补卡期间能看病吗？", "Can I see a doctor while waiting?"),
                ("可使用电子社保卡或医保电子凭证就医。", "Yes, with the electronic SSC."),
            )
        ],
    ),
    dict(
        slug="unemployment-registration",
        dept="hrss",
        aud="individual",
        events=["finding-work"],
        name=("失业登记", "Unemployment registration"),
        summary=(
            "在法定劳动年龄内有劳动能力和就业要求的失业人员办理失业登记，享受就业服务和政策。",
            "Register as unemployed if you are of working age and looking for work, to get job services and support.",
        ),
        kw=("失业 失业登记 待业 找工作 下岗", "unemployment registration, jobless, out of work, job seeker"),
        syn=("办理失业登记 登记失业", "register unemployed, jobseeker registration"),
        ch="oc",
        visits=0,
        limits=(5, 1),
        pop=83400,
        elig=[
            (
                "16 周岁至法定退休年龄的本市户籍或持居住证人员",
                "People between 16 and retirement age with a Haipu hukou or residence permit",
            )
        ],
        cond=[
            ("有劳动能力和就业要求，处于无业状态", "Able and willing to work and currently without a job"),
            ("已与原单位解除劳动关系", "Your previous employment has ended"),
        ],
        steps=[
            ("在线提交失业登记", "Register online"),
            ("系统核对社保缴费和就业状态", "Your social insurance and job status are checked"),
            (
                "领取电子《就业失业登记证》并获得职业指导",
                "Receive the electronic registration and a careers adviser contact",
            ),
        ],
        fee=None,
        law=[
            ("《中华人民共和国就业促进法》", "Employment Promotion Law of the People's Republic of China"),
            ("《就业服务与就业管理规定》", "Provisions on Employment Services and Management"),
        ],
        mats=[
            ID_CARD,
            mat(
                ("解除或终止劳动合同证明", "Proof that your job ended"),
                ("原单位出具的解除或终止劳动合同证明。", "The letter from your former employer ending the contract."),
                form=COPY,
            ),
        ],
        faqs=[
            (
                ("失业登记后能领失业金吗？", "Do I get unemployment benefit after registering?"),
                (
                    "符合条件的可同时申领失业保险金。",
                    "If you qualify, apply for unemployment benefit at the same time.",
                ),
            )
        ],
    ),
    dict(
        slug="unemployment-benefit",
        dept="hrss",
        aud="individual",
        events=["finding-work"],
        name=("失业保险金申领", "Unemployment benefit claim"),
        summary=(
            "非因本人意愿中断就业且缴纳失业保险满一年的，可按月领取失业保险金。",
            "If you lost your job through no choice of your own and paid unemployment insurance for a year, "
            "claim monthly unemployment benefit.",
        ),
        kw=("失业金 失业保险金 失业补助", "unemployment benefit, jobseeker's allowance"),
        syn=("领失业金 失业保险待遇", "unemployment insurance benefit"),
        ch="ocp",
        visits=0,
        limits=(10, 3),
        pop=71200,
        elig=[("在本市参加失业保险的失业人员", "Unemployed people insured in Haipu")],
        cond=[
            ("失业前累计缴费满 1 年", "At least one year of contributions"),
            ("非因本人意愿中断就业", "The job ended through no choice of your own"),
            ("已办理失业登记并有求职要求", "Registered as unemployed and looking for work"),
        ],
        steps=[
            ("在线申请并确认收款账户", "Apply online and confirm the bank account"),
            ("经办机构核定领取期限和标准", "The office sets the period and amount"),
            ("按月发放", "Paid monthly"),
        ],
        fee=None,
        law=[
            ("《失业保险条例》", "Regulations on Unemployment Insurance"),
            ("《中华人民共和国社会保险法》", "Social Insurance Law of the People's Republic of China"),
        ],
        mats=[ID_CARD, BANK_CARD],
        faqs=[
            (
                ("最长可以领多久？", "For how long is it paid?"),
                ("根据缴费年限，最长 24 个月。", "Up to 24 months, depending on your contributions."),
            )
        ],
    ),
    dict(
        slug="employment-registration",
        dept="hrss",
        aud="business",
        events=["hiring-staff"],
        name=("就业登记（招用人员备案）", "Employment registration for new hires"),
        summary=(
            "用人单位招用员工后 30 日内办理就业登记和社保增员。",
            "Employers register new employees within 30 days of hiring and add them to social insurance.",
        ),
        kw=("就业登记 招工备案 用工备案 社保增员 入职", "employment registration, new hire, staff registration"),
        syn=("用工登记 招用人员登记", "hiring registration, employee registration"),
        ch="o",
        visits=0,
        limits=(5, 1),
        pop=156000,
        elig=[
            (
                "本市登记的企业、个体工商户和其他用人单位",
                "Companies, individual businesses and other employers registered in Haipu",
            )
        ],
        cond=[
            ("已与员工签订劳动合同", "An employment contract has been signed"),
            ("在用工之日起 30 日内办理", "Within 30 days of the start date"),
        ],
        steps=[
            ("使用电子营业执照登录", "Sign in with the electronic business licence"),
            ("录入员工信息并上传劳动合同", "Enter the employee and upload the contract"),
            ("系统同步完成社保、公积金增员", "Social insurance and provident fund are updated at once"),
        ],
        fee=None,
        law=[
            ("《中华人民共和国就业促进法》", "Employment Promotion Law of the People's Republic of China"),
            ("《中华人民共和国劳动合同法》", "Labour Contract Law of the People's Republic of China"),
        ],
        mats=[
            BIZ_LICENCE,
            LABOUR_CONTRACT,
            vary(ID_CARD, desc=("员工的居民身份证或护照。", "The employee's ID card or passport."), form=COPY),
        ],
        faqs=[
            (
                ("逾期登记有什么后果？", "What if we register late?"),
                (
                    "可能影响员工社保连续缴费和单位享受补贴。",
                    "The employee's insurance record may have a gap and the company may lose subsidies.",
                ),
            )
        ],
    ),
    dict(
        slug="employer-social-insurance",
        dept="hrss",
        aud="business",
        events=["starting-a-business", "hiring-staff"],
        name=("单位社会保险登记", "Social insurance registration for employers"),
        summary=(
            "新设立的企业在领取营业执照时同步办理社会保险登记，无需另行申请。",
            "A new company's social insurance account is opened together with its business licence.",
        ),
        kw=("社保开户 单位社保 社保登记 企业参保", "employer social insurance, company account, contributions"),
        syn=("社保开户 单位参保登记", "employer registration, social insurance account"),
        ch="oc",
        visits=0,
        limits=(5, 1),
        pop=64500,
        elig=[("本市新设立的企业和单位", "New companies and organisations in Haipu")],
        cond=[("已取得营业执照或登记证书", "You hold a business licence or registration certificate")],
        steps=[
            ("开办企业时勾选社保登记", "Tick social insurance when registering the company"),
            ("系统生成单位社保编号", "The employer insurance number is created"),
            ("办理员工增员", "Add employees"),
        ],
        fee=None,
        law=[
            ("《中华人民共和国社会保险法》", "Social Insurance Law of the People's Republic of China"),
            ("《社会保险登记管理暂行办法》", "Interim Measures for Social Insurance Registration"),
        ],
        mats=[
            BIZ_LICENCE,
            COMPANY_SEAL_LETTER,
            mat(
                ("单位银行结算账户信息", "Company bank account details"),
                ("用于社保费扣缴的银行账户。", "The account for contributions."),
                form=COPY,
            ),
        ],
        faqs=[
            (
                ("已经设立的企业怎么补办？", "Our company already exists. How do we register?"),
                ("可在线单独办理。", "Apply online here."),
            )
        ],
    ),
    dict(
        slug="pension-application",
        dept="hrss",
        aud="individual",
        events=["retiring"],
        name=("基本养老金申领（退休办理）", "State pension application (retirement)"),
        summary=(
            "达到法定退休年龄、缴费满 15 年的参保人员申领基本养老金，可提前在线测算。",
            "People who reach retirement age with at least 15 years of contributions claim their basic pension; "
            "estimate it online first.",
        ),
        kw=("退休 养老金 退休金 办退休 养老保险", "pension, retirement, state pension, old age insurance"),
        syn=("退休手续 养老金申领 领退休金", "retirement application, pension claim"),
        ch="ocp",
        visits=0,
        limits=(20, 10),
        pop=112000,
        elig=[("在本市参加职工基本养老保险的人员", "People insured under the Haipu employee pension scheme")],
        cond=[
            (
                "达到法定退休年龄（按渐进式延迟退休规定计算）",
                "You have reached the statutory retirement age (under the gradual raising rules)",
            ),
            ("累计缴费满 15 年", "At least 15 years of contributions"),
        ],
        steps=[
            ("退休前 3 个月在线测算并申请", "Estimate and apply online three months before retiring"),
            ("单位或本人确认档案和缴费记录", "You or your employer confirm the records"),
            ("核定养老金并次月起发放", "The pension is set and paid from the following month"),
        ],
        fee=None,
        law=[
            ("《中华人民共和国社会保险法》", "Social Insurance Law of the People's Republic of China"),
            (
                "《国务院关于渐进式延迟法定退休年龄的办法》",
                "State Council Measures on Gradually Raising the Statutory Retirement Age",
            ),
        ],
        mats=[
            ID_CARD,
            SSC,
            BANK_CARD,
            mat(
                ("人事档案", "Personnel file"),
                (
                    "存放于单位或人才中心的档案，由存档机构调阅。",
                    "Your personnel file, fetched from the employer or talent centre.",
                ),
                required=False,
            ),
        ],
        faqs=[
            (
                ("缴费不满 15 年怎么办？", "What if I have fewer than 15 years?"),
                ("可以延长缴费至满 15 年后再领取。", "You can keep paying until you reach 15 years."),
            ),
            (
                ("外省市缴费年限能合并吗？", "Do contributions elsewhere count?"),
                ("办理养老保险关系转移后合并计算。", "Yes, once the records are transferred."),
            ),
        ],
    ),
    dict(
        slug="social-insurance-certificate",
        dept="hrss",
        aud="both",
        events=["finding-work", "moving-to-haipu"],
        name=("社会保险参保缴费证明打印", "Social insurance contribution certificate"),
        summary=(
            "在线查询并打印个人或单位社会保险参保缴费证明，带电子印章可直接使用。",
            "Check and print a certificate of your (or your company's) social insurance contributions, with an "
            "electronic seal.",
        ),
        kw=(
            "社保证明 缴费记录 参保证明 社保查询 社保缴费",
            "social insurance record, contribution certificate, proof of insurance",
        ),
        syn=("社保缴费证明 社保记录打印", "social insurance statement"),
        ch="o",
        visits=0,
        limits=(1, 1),
        pop=468000,
        elig=[("在本市参加社会保险的个人和单位", "People and employers insured in Haipu")],
        cond=[("已实名登录", "You are signed in with your real-name account")],
        steps=[
            ("登录后选择证明类型和期间", "Sign in and choose the type and period"),
            ("下载带电子印章的证明", "Download the certificate with its e-seal"),
        ],
        fee=None,
        law=[("《中华人民共和国社会保险法》", "Social Insurance Law of the People's Republic of China")],
        mats=[
            ID_CARD,
            vary(
                BIZ_LICENCE,
                required=False,
                desc=(
                    "单位打印证明时使用电子营业执照登录。",
                    "Companies sign in with the electronic business licence.",
                ),
            ),
        ],
        faqs=[
            (
                ("打印的证明需要再盖章吗？", "Does the printout need a stamp?"),
                ("不需要，电子印章与实物印章效力相同。", "No, the e-seal is as valid as a stamp."),
            )
        ],
    ),
    dict(
        slug="training-subsidy",
        dept="hrss",
        aud="both",
        events=["finding-work", "hiring-staff"],
        name=("职业技能培训补贴", "Vocational training subsidy"),
        summary=(
            "参加职业技能培训并取得证书的劳动者，或组织职工培训的企业，可申领培训补贴。",
            "Workers who complete approved vocational training, and employers who train staff, can claim a subsidy.",
        ),
        kw=("培训补贴 技能培训 职业培训 证书补贴", "training subsidy, vocational skills, course grant"),
        syn=("技能提升补贴", "skills subsidy"),
        ch="op",
        visits=0,
        limits=(30, 15),
        pop=45300,
        elig=[
            ("在本市参保或持居住证的劳动者", "Workers insured in Haipu or holding a residence permit"),
            ("本市企业", "Haipu employers"),
        ],
        cond=[
            ("培训项目在补贴目录内", "The course is on the subsidy list"),
            ("已取得职业资格或技能等级证书", "You hold the resulting certificate"),
        ],
        steps=[
            ("在线提交申请并上传证书", "Apply online and upload the certificate"),
            ("审核后补贴打入账户", "Once approved, the subsidy is paid"),
        ],
        fee=None,
        law=[("《中华人民共和国就业促进法》", "Employment Promotion Law of the People's Republic of China")],
        mats=[
            ID_CARD,
            mat(
                ("职业技能等级证书", "Skills certificate"),
                ("培训后取得的证书。", "The certificate from the course."),
                form=COPY,
                ecert=True,
            ),
            mat(
                ("培训费发票", "Training fee receipt"),
                ("培训机构开具的发票。", "The invoice from the training provider."),
                form=COPY,
                types="pdf",
            ),
        ],
        faqs=[
            (
                ("补贴比例是多少？", "How much is refunded?"),
                ("一般为培训费的 60%-100%。", "Usually 60% to 100% of the fee."),
            )
        ],
    ),
    dict(
        slug="startup-subsidy",
        dept="hrss",
        aud="business",
        events=["starting-a-business"],
        name=("创业补贴和创业担保贷款", "Start-up subsidy and guaranteed loan"),
        summary=(
            "首次创业的青年、高校毕业生和失业人员可申领一次性创业补贴，并申请贴息担保贷款。",
            "Young people, graduates and the unemployed starting a first business get a one-off grant and an "
            "interest-free guaranteed loan.",
        ),
        kw=("创业补贴 创业贷款 担保贷款 贴息", "start-up grant, business loan, entrepreneur"),
        syn=("创业扶持", "start-up support"),
        ch="oc",
        visits=0,
        limits=(30, 15),
        pop=18300,
        elig=[
            (
                "在本市首次创办企业且担任法定代表人的个人",
                "First-time founders acting as the company's legal representative",
            )
        ],
        cond=[
            ("企业正常经营满 6 个月并为员工缴纳社保", "The business has traded for six months and insures its staff")
        ],
        steps=[
            ("在线提交申请", "Apply online"),
            ("区就业促进中心审核", "The district employment centre reviews"),
            ("补贴发放或贷款放款", "The grant is paid or the loan released"),
        ],
        fee=None,
        law=[("《中华人民共和国就业促进法》", "Employment Promotion Law of the People's Republic of China")],
        mats=[
            BIZ_LICENCE,
            ID_CARD,
            mat(("经营场地证明", "Proof of premises"), ("租赁合同或产权证明。", "The lease or title deed."), form=COPY),
        ],
        faqs=[
            (
                ("贷款额度多少？", "How much can we borrow?"),
                (
                    "个人最高 50 万元，小微企业最高 300 万元。",
                    "Up to RMB 500,000 for individuals and RMB 3 million for small firms.",
                ),
            )
        ],
    ),
    dict(
        slug="labour-arbitration",
        dept="hrss",
        aud="both",
        events=["finding-work", "hiring-staff"],
        name=("劳动人事争议仲裁申请", "Labour dispute arbitration"),
        summary=(
            "劳动者与用人单位发生劳动争议的，可向劳动人事争议仲裁委员会申请仲裁。",
            "Employees and employers in a labour dispute can apply to the labour dispute arbitration commission.",
        ),
        kw=("劳动仲裁 欠薪 工资 辞退 劳动纠纷", "labour arbitration, unpaid wages, dismissal, employment dispute"),
        syn=("劳动争议 劳动仲裁立案", "employment tribunal, labour dispute"),
        ch="ocp",
        visits=1,
        limits=(5, 5),
        pop=52400,
        elig=[
            (
                "与本市用人单位发生劳动争议的劳动者或用人单位",
                "Employees or employers in a dispute with a Haipu employer",
            )
        ],
        cond=[("自知道权利被侵害之日起一年内申请", "Within one year of learning of the violation")],
        steps=[
            ("在线或邮寄提交仲裁申请书", "Apply online or by post"),
            ("5 日内决定是否受理", "A decision to accept within 5 days"),
            ("调解或开庭审理", "Mediation or a hearing"),
            ("作出仲裁裁决", "The arbitration award"),
        ],
        fee=None,
        law=[("《中华人民共和国劳动争议调解仲裁法》", "Law on Mediation and Arbitration of Labour Disputes")],
        mats=[
            ID_CARD,
            mat(
                ("仲裁申请书", "Arbitration application"),
                (
                    "写明请求事项和事实理由，按被申请人人数提交副本。",
                    "Your claims and the facts, with one copy for each respondent.",
                ),
                copies=2,
            ),
            mat(
                ("证据材料", "Evidence"),
                ("劳动合同、工资条、考勤记录等。", "Contract, payslips, attendance records and so on."),
                form=COPY,
            ),
        ],
        faqs=[(("仲裁收费吗？", "Is there a fee?"), ("劳动人事争议仲裁不收费。", "No, labour arbitration is free."))],
        at=["district"],
    ),
    dict(
        slug="death-grant",
        dept="hrss",
        aud="individual",
        events=["death-and-funeral"],
        name=("丧葬补助金和抚恤金申领", "Funeral grant and survivors' pension"),
        summary=(
            "参保人员去世后，其遗属可申领丧葬补助金和一次性抚恤金。",
            "When an insured person dies, the family claims the funeral grant and a one-off survivors' payment.",
        ),
        kw=("丧葬费 抚恤金 丧葬补助 去世 遗属", "funeral grant, survivors' pension, death benefit"),
        syn=("丧葬补助金 死亡待遇", "bereavement payment"),
        ch="ocp",
        visits=0,
        limits=(15, 5),
        pop=39800,
        elig=[("参保人员的直系亲属", "Close relatives of the insured person")],
        cond=[("已办理死亡注销户口或火化", "The hukou has been cancelled or the cremation done")],
        steps=[
            ("在线申请并填写遗属信息", "Apply online and enter the survivors' details"),
            ("核定待遇", "The amount is set"),
            ("发放至申请人账户", "Paid into your account"),
        ],
        fee=None,
        law=[("《中华人民共和国社会保险法》", "Social Insurance Law of the People's Republic of China")],
        mats=[
            DEATH_CERT,
            ID_CARD,
            BANK_CARD,
            mat(
                ("亲属关系证明", "Proof of relationship"),
                ("户口簿、结婚证或出生证明。", "Household register, marriage or birth certificate."),
                form=COPY,
                ecert=True,
            ),
        ],
        faqs=[
            (
                ("多个子女由谁申领？", "Which child should apply?"),
                ("由遗属协商一人申领。", "The family agree on one person."),
            )
        ],
    ),
    dict(
        slug="employer-account-closure",
        dept="hrss",
        aud="business",
        events=["closing-a-business"],
        name=("单位社会保险和住房公积金账户注销", "Closing an employer's social insurance and provident fund accounts"),
        summary=(
            "企业注销前为全部职工办理社保和公积金减员、结清欠费并注销单位账户；随企业注销“一网通办”同步完成。",
            "Before a company closes, remove all employees from social insurance and the provident fund, settle "
            "what is owed and close the employer accounts; done together with company deregistration online.",
        ),
        kw=(
            "社保注销 公积金注销 单位销户 减员 企业注销",
            "close social insurance account, employer account closure, deregistration",
        ),
        syn=("单位社保销户 公积金销户", "social insurance deregistration, HPF account closure"),
        ch="ocp",
        visits=0,
        limits=(10, 3),
        pop=23400,
        elig=[("拟注销、合并或迁出本市的用人单位", "Employers that are closing, merging or moving out of Haipu")],
        cond=[
            ("已为全部职工办理减员或转移", "All employees have been removed or transferred"),
            ("社保费和公积金无欠缴", "No unpaid contributions"),
        ],
        steps=[
            (
                "在企业注销申请中勾选社保和公积金注销",
                "Tick social insurance and provident fund in the deregistration application",
            ),
            ("系统核对欠费和在册职工", "Unpaid contributions and remaining staff are checked"),
            ("出具单位账户注销凭证", "A closure certificate is issued"),
        ],
        fee=None,
        law=[
            ("《中华人民共和国社会保险法》", "Social Insurance Law of the People's Republic of China"),
            ("《住房公积金管理条例》", "Regulations on the Administration of Housing Provident Funds"),
        ],
        mats=[
            BIZ_LICENCE,
            COMPANY_SEAL_LETTER,
            mat(
                ("注销决议或批准文件", "Resolution or approval to close"),
                (
                    "股东会决议、法院裁定或主管部门批准文件。",
                    "Shareholders' resolution, court order or approval from the supervising authority.",
                ),
                types="pdf",
            ),
        ],
        faqs=[
            (
                ("还有员工没有转走可以注销吗？", "Can we close while staff are still on the books?"),
                ("不可以，须先为在册职工办理减员或转移。", "No, remove or transfer every employee first."),
            )
        ],
        at=["enterprise", "district"],
    ),
    # --- Housing provident fund -----------------------------------------------------------------
    dict(
        slug="hpf-withdrawal-rent",
        dept="hpf",
        aud="individual",
        events=["moving-house", "moving-to-haipu"],
        name=("住房公积金提取（租房）", "Housing provident fund withdrawal for rent"),
        summary=(
            "本市无自有住房的职工可提取住房公积金支付房租，按月或按季自动转入本人账户。",
            "Employees who rent and own no home in Haipu can withdraw from their provident fund to pay rent, "
            "monthly or quarterly.",
        ),
        kw=("公积金 提取 租房 房租 公积金取出来", "housing provident fund, HPF, withdrawal, rent"),
        syn=("租房提取公积金 公积金付房租", "HPF rent withdrawal, provident fund for rent"),
        ch="oc",
        visits=0,
        limits=(5, 1),
        pop=334000,
        elig=[("正常缴存住房公积金的职工", "Employees currently paying into the housing provident fund")],
        cond=[
            ("本人及配偶在本市无自有住房", "Neither you nor your spouse owns a home in Haipu"),
            ("连续足额缴存满 3 个月", "Three months of full contributions in a row"),
        ],
        steps=[
            ("在线提交提取申请", "Apply online"),
            ("系统核查住房和租赁备案信息", "Home ownership and tenancy records are checked"),
            ("按约定周期转入本人银行账户", "The money goes to your bank account on the chosen schedule"),
        ],
        fee=None,
        law=[("《住房公积金管理条例》", "Regulations on the Administration of Housing Provident Funds")],
        mats=[
            ID_CARD,
            BANK_CARD,
            vary(
                LEASE,
                required=False,
                desc=(
                    "已备案租赁合同；无合同的按本市标准额度提取。",
                    "A registered tenancy agreement; without one you can withdraw the standard amount.",
                ),
            ),
        ],
        faqs=[
            (
                ("每月最多能提取多少？", "How much can I take each month?"),
                (
                    "有备案合同的按实际租金，最高不超过当月缴存额。",
                    "With a registered lease, the actual rent up to your monthly contribution.",
                ),
            ),
            (
                ("配偶可以一起提取吗？", "Can my spouse withdraw too?"),
                (
                    "夫妻双方均可申请，合计不超过实际租金。",
                    "Yes, both can, as long as the total does not exceed the rent.",
                ),
            ),
        ],
    ),
    dict(
        slug="hpf-withdrawal-retirement",
        dept="hpf",
        aud="individual",
        events=["retiring"],
        name=("住房公积金提取（退休）", "Housing provident fund withdrawal on retirement"),
        summary=(
            "职工退休后可一次性提取住房公积金账户全部余额并销户。",
            "When you retire, withdraw the full balance of your provident fund account and close it.",
        ),
        kw=("公积金 退休提取 销户 公积金取出", "housing provident fund, retirement withdrawal, close account"),
        syn=("退休提取公积金 公积金销户", "HPF retirement withdrawal"),
        ch="ocp",
        visits=0,
        limits=(5, 1),
        pop=96500,
        elig=[("已办理退休手续的缴存职工", "Contributors who have retired")],
        cond=[
            ("养老金已核定或已办理退休", "Retirement has been approved"),
            ("无未结清的公积金贷款", "No outstanding provident fund loan"),
        ],
        steps=[
            ("在线申请（退休信息自动调用）", "Apply online (your retirement record is checked automatically)"),
            ("余额和利息一次性转入本人账户", "Balance and interest are paid into your account"),
            ("账户销户", "The account is closed"),
        ],
        fee=None,
        law=[("《住房公积金管理条例》", "Regulations on the Administration of Housing Provident Funds")],
        mats=[ID_CARD, BANK_CARD, AGENT],
        faqs=[
            (
                ("退休前可以提前取吗？", "Can I withdraw before retiring?"),
                ("只能按购房、租房等规定情形提取。", "Only for buying or renting a home and similar reasons."),
            )
        ],
    ),
    dict(
        slug="hpf-withdrawal-purchase",
        dept="hpf",
        aud="individual",
        events=["buying-a-home"],
        name=("住房公积金提取（购房）", "Housing provident fund withdrawal for buying a home"),
        summary=(
            "购买本市自住住房的职工及配偶，可提取住房公积金用于支付首付款。",
            "When you buy a home in Haipu, you and your spouse can withdraw from the provident fund towards the payment.",
        ),
        kw=("公积金 购房提取 买房 首付", "housing provident fund, buy home, down payment"),
        syn=("买房提取公积金", "HPF purchase withdrawal"),
        ch="ocp",
        visits=0,
        limits=(5, 2),
        pop=73100,
        elig=[("购买本市住房的缴存职工及其配偶", "Contributors buying a home in Haipu, and their spouses")],
        cond=[
            ("房屋已办理不动产登记或网签备案", "The purchase is registered or the contract filed online"),
            ("购房后一年内申请", "Apply within a year of buying"),
        ],
        steps=[
            ("在线申请", "Apply online"),
            ("调取不动产登记信息核验", "Property records are checked"),
            ("资金转入本人账户", "Money paid into your account"),
        ],
        fee=None,
        law=[("《住房公积金管理条例》", "Regulations on the Administration of Housing Provident Funds")],
        mats=[
            ID_CARD,
            BANK_CARD,
            PROPERTY_CERT,
            vary(MARRIAGE_CERT, required=False, desc=("配偶共同提取时提供。", "If your spouse withdraws too.")),
        ],
        faqs=[
            (
                ("提取后还能贷款吗？", "Can I still take a provident fund loan?"),
                ("可以，提取与贷款可同时办理。", "Yes, both can be done."),
            )
        ],
    ),
    dict(
        slug="hpf-loan",
        dept="hpf",
        aud="individual",
        events=["buying-a-home"],
        name=("住房公积金个人贷款", "Housing provident fund mortgage"),
        summary=(
            "缴存职工购买自住住房时申请低利率的住房公积金贷款。",
            "Contributors buying a home to live in can apply for a low-interest provident fund mortgage.",
        ),
        kw=("公积金贷款 房贷 按揭 组合贷款", "provident fund loan, mortgage, home loan"),
        syn=("公积金贷 公积金按揭", "HPF mortgage"),
        ch="oc",
        visits=1,
        limits=(20, 10),
        pop=58700,
        elig=[("连续缴存满 6 个月的职工", "Contributors with six months of continuous contributions")],
        cond=[("购买本市自住住房", "Buying a home to live in, in Haipu"), ("个人信用良好", "Good credit record")],
        steps=[
            ("在线预审额度", "Check how much you can borrow online"),
            ("到受托银行签订借款合同", "Sign the loan contract at the bank"),
            ("办理抵押登记后放款", "The loan is released after mortgage registration"),
        ],
        fee=None,
        law=[("《住房公积金管理条例》", "Regulations on the Administration of Housing Provident Funds")],
        mats=[
            ID_CARD,
            MARRIAGE_CERT,
            mat(
                ("购房合同", "Purchase contract"),
                ("网签备案的商品房或存量房买卖合同。", "The registered purchase contract."),
                form=COPY,
            ),
            mat(
                ("首付款凭证", "Receipt for the down payment"), ("首付款发票或收据。", "Invoice or receipt."), form=COPY
            ),
        ],
        faqs=[
            (
                ("贷款最高额度是多少？", "What is the maximum loan?"),
                (
                    "首套房个人最高 80 万元，家庭最高 160 万元。",
                    "For a first home, RMB 800,000 for one person or RMB 1.6 million for a family.",
                ),
            )
        ],
        at=["district"],
    ),
    dict(
        slug="hpf-employer-account",
        dept="hpf",
        aud="business",
        events=["starting-a-business", "hiring-staff"],
        name=("单位住房公积金缴存登记", "Employer housing provident fund registration"),
        summary=(
            "新设立单位开立住房公积金账户并为职工办理缴存，可与开办企业同步办理。",
            "New employers open a provident fund account and start paying for staff; can be done while registering the company.",
        ),
        kw=("公积金开户 单位公积金 缴存登记", "employer provident fund, HPF account, company registration"),
        syn=("公积金单位开户", "HPF employer account"),
        ch="o",
        visits=0,
        limits=(3, 1),
        pop=41200,
        elig=[("本市登记的企业和单位", "Companies and organisations registered in Haipu")],
        cond=[("自设立之日起 30 日内办理", "Within 30 days of being set up")],
        steps=[
            ("使用电子营业执照登录", "Sign in with the electronic business licence"),
            ("填写缴存信息", "Enter the contribution details"),
            ("开户成功后办理职工缴存", "Then add employees"),
        ],
        fee=None,
        law=[("《住房公积金管理条例》", "Regulations on the Administration of Housing Provident Funds")],
        mats=[BIZ_LICENCE, COMPANY_SEAL_LETTER],
        faqs=[
            (
                ("缴存比例怎么选？", "What contribution rate applies?"),
                ("单位和职工各 5%-7%，由单位确定。", "5% to 7% each for employer and employee, set by the employer."),
            )
        ],
    ),
    dict(
        slug="hpf-transfer",
        dept="hpf",
        aud="individual",
        events=["moving-to-haipu", "finding-work"],
        name=("住房公积金异地转移接续", "Transferring your provident fund from another city"),
        summary=(
            "在外地缴存公积金后来海浦工作的，可将原账户余额转入本市账户。",
            "If you paid into a provident fund in another city and now work in Haipu, move the balance here.",
        ),
        kw=("公积金转移 异地转入 公积金转出", "provident fund transfer, move HPF"),
        syn=("公积金转移接续", "HPF transfer"),
        ch="op",
        visits=0,
        limits=(15, 5),
        pop=38400,
        elig=[("已在本市开户缴存的职工", "Contributors with a Haipu account")],
        cond=[("原缴存地账户已封存", "The account in the other city is frozen")],
        steps=[
            ("在线申请转入", "Apply online"),
            ("两地中心自动办理", "The two centres handle the transfer"),
            ("余额到账后短信提醒", "You get a text when it arrives"),
        ],
        fee=None,
        law=[("《住房公积金管理条例》", "Regulations on the Administration of Housing Provident Funds")],
        mats=[
            ID_CARD,
            mat(
                ("原缴存地账户信息", "Details of the old account"),
                ("原城市公积金中心名称和个人账号。", "The old centre's name and your account number."),
                form=COPY,
            ),
        ],
        faqs=[
            (
                ("转移需要回原城市吗？", "Do I need to go back to the other city?"),
                ("不需要，全程网上办理。", "No, it is all online."),
            )
        ],
    ),
    # --- Healthcare security --------------------------------------------------------------------
    dict(
        slug="medical-insurance-enrolment",
        dept="medins",
        aud="individual",
        events=["moving-to-haipu", "having-a-baby", "health-and-care"],
        name=("城乡居民基本医疗保险参保登记", "Resident medical insurance enrolment"),
        summary=(
            "未参加职工医保的本市户籍居民、持居住证人员及其子女、新生儿办理居民医保参保。",
            "Enrol in resident medical insurance if you are not covered by an employer: hukou holders, residence "
            "permit holders and their children, and newborns.",
        ),
        kw=("医保 参保 居民医保 医疗保险 新生儿医保", "medical insurance, health insurance, enrol, resident insurance"),
        syn=("医保参保 城乡居民医保", "health insurance enrolment, medical insurance registration"),
        ch="oc",
        visits=0,
        limits=(10, 3),
        pop=141000,
        elig=[
            ("本市户籍未参加职工医保的居民", "Haipu hukou holders not covered by employee insurance"),
            ("持居住证人员的子女和新生儿", "Children of residence permit holders and newborns"),
        ],
        cond=[
            (
                "在每年集中参保期内办理，新生儿出生后 3 个月内可随时参保",
                "Enrol in the annual window; newborns can enrol within 3 months of birth",
            )
        ],
        steps=[
            ("在线提交参保登记", "Register online"),
            ("确认个人缴费金额", "Confirm your contribution"),
            ("缴费后次月起享受待遇", "Cover starts the month after you pay"),
        ],
        fee=(
            "按年度个人缴费标准缴纳，学生和儿童每年 200 元左右，低保和残疾人免缴",
            "Annual personal contribution (about RMB 200 for children and students); free for dibao households and disabled people",
        ),
        law=[
            ("《中华人民共和国社会保险法》", "Social Insurance Law of the People's Republic of China"),
            ("《医疗保障基金使用监督管理条例》", "Regulations on the Supervision of Medical Security Funds"),
        ],
        mats=[
            ID_CARD,
            vary(BIRTH_CERT, required=False, desc=("为新生儿参保时提供。", "Only for newborns.")),
            RESIDENCE_PERMIT,
        ],
        faqs=[
            (
                ("新生儿出生后多久可以报销？", "When can a newborn's costs be reimbursed?"),
                (
                    "出生后 3 个月内参保的，出生之日起发生的费用可报销。",
                    "If enrolled within 3 months, from the day of birth.",
                ),
            )
        ],
    ),
    dict(
        slug="maternity-benefit",
        dept="medins",
        aud="individual",
        events=["having-a-baby"],
        name=("生育保险待遇（生育津贴）申领", "Maternity benefit and birth allowance"),
        summary=(
            "参加生育保险的职工生育后申领生育津贴和生育医疗费补贴，可在线“免申即享”。",
            "Insured employees who give birth claim the maternity allowance and a birth medical allowance; many "
            "are paid automatically.",
        ),
        kw=(
            "生育津贴 生育保险 产假工资 生育金 生育补贴",
            "maternity allowance, birth allowance, maternity pay, maternity insurance",
        ),
        syn=("生育险报销 领生育津贴", "birth grant, maternity benefit"),
        ch="ocp",
        visits=0,
        limits=(20, 10),
        pop=118200,
        elig=[
            ("参加本市职工生育保险的女职工", "Female employees insured under the Haipu maternity scheme"),
            (
                "男职工配偶未就业的，可申领生育医疗费补贴",
                "Male employees whose wife is not employed can claim the medical part",
            ),
        ],
        cond=[
            (
                "生育时连续缴费满 9 个月或累计满 12 个月",
                "Nine months of continuous or twelve months of total contributions at the birth",
            ),
            ("符合国家生育政策", "The birth complies with national policy"),
        ],
        steps=[
            ("在线申请，系统自动调用出生医学证明", "Apply online; the birth certificate is retrieved automatically"),
            ("核定津贴天数和金额", "The days and amount are calculated"),
            ("发放至本人账户", "Paid into your account"),
        ],
        fee=None,
        law=[
            ("《中华人民共和国社会保险法》", "Social Insurance Law of the People's Republic of China"),
            ("《女职工劳动保护特别规定》", "Special Provisions on the Labour Protection of Female Employees"),
        ],
        mats=[
            ID_CARD,
            BIRTH_CERT,
            BANK_CARD,
            mat(
                ("生育医学证明或出院小结", "Discharge summary"),
                (
                    "难产、多胞胎需提供医院出院小结。",
                    "For complicated or multiple births, the hospital discharge summary.",
                ),
                form=COPY,
                required=False,
            ),
        ],
        faqs=[
            (
                ("生育津贴按什么标准计算？", "How is the allowance worked out?"),
                (
                    "按用人单位上年度职工月平均工资除以 30 再乘以产假天数。",
                    "The employer's average monthly wage last year, divided by 30, times the days of leave.",
                ),
            ),
            (
                ("流产可以领吗？", "Is there an allowance for a miscarriage?"),
                ("可以，按规定天数计发。", "Yes, for the days set in the rules."),
            ),
        ],
    ),
    dict(
        slug="medical-reimbursement",
        dept="medins",
        aud="individual",
        events=["health-and-care"],
        name=("医疗费用零星报销", "Reimbursement of medical costs"),
        summary=(
            "因急诊、异地就医等未能直接结算的医疗费用，提交票据申请报销。",
            "Claim back medical costs that could not be settled directly, for example after an emergency or treatment elsewhere.",
        ),
        kw=(
            "医保报销 医疗费报销 零星报销 看病报销 异地就医",
            "medical reimbursement, claim medical costs, health insurance claim",
        ),
        syn=("医保零星报销", "medical expense claim"),
        ch="ocp",
        visits=0,
        limits=(30, 20),
        pop=121500,
        elig=[("本市职工医保和居民医保参保人员", "People insured under Haipu employee or resident medical insurance")],
        cond=[
            ("费用发生在参保期间，且未直接结算", "The costs were during your cover and not settled directly"),
            ("在费用发生后 2 年内申请", "Claim within 2 years"),
        ],
        steps=[
            ("在线上传发票和费用清单，或邮寄原件", "Upload the invoices and itemised bill, or post the originals"),
            ("医保经办机构审核", "The insurance office reviews"),
            ("报销款打入本人账户", "The money is paid to your account"),
        ],
        fee=None,
        law=[("《医疗保障基金使用监督管理条例》", "Regulations on the Supervision of Medical Security Funds")],
        mats=[
            SSC,
            mat(
                ("医疗费用发票", "Medical invoices"),
                ("医疗机构开具的发票原件或电子票据。", "Original or electronic invoices."),
                ecert=True,
            ),
            mat(
                ("费用明细清单", "Itemised bill"),
                ("住院费用清单或门诊处方。", "Inpatient bill or outpatient prescriptions."),
                form=COPY,
            ),
            mat(
                ("病历", "Medical records"),
                ("门急诊病历或出院小结。", "Outpatient or emergency records, or discharge summary."),
                form=COPY,
            ),
            BANK_CARD,
        ],
        faqs=[
            (
                ("异地就医能直接结算吗？", "Can treatment in other cities be settled directly?"),
                (
                    "办理异地就医备案后，在联网医院可直接结算。",
                    "Yes, at connected hospitals once you have registered for treatment elsewhere.",
                ),
            )
        ],
    ),
    dict(
        slug="long-term-care-assessment",
        dept="medins",
        aud="individual",
        events=["elderly-care"],
        name=("长期护理保险需求评估", "Long-term care insurance assessment"),
        summary=(
            "60 周岁以上参保老人申请照护需求评估，评估达到等级后享受长护险居家或机构护理。",
            "Insured people aged 60 and over apply for a care needs assessment; if eligible they receive care "
            "at home or in a care home under long-term care insurance.",
        ),
        kw=(
            "长护险 长期护理 照护评估 失能 老人护理",
            "long-term care insurance, care assessment, disability care, home care",
        ),
        syn=("老年照护统一需求评估 长护险申请", "LTCI, care needs assessment"),
        ch="oc",
        visits=0,
        limits=(20, 10),
        pop=66800,
        elig=[("参加本市基本医疗保险的 60 周岁以上人员", "People aged 60 or over with Haipu medical insurance")],
        cond=[("因年老、疾病等原因需要长期照护", "Needing long-term care because of age or illness")],
        steps=[
            ("在线或到社区受理中心申请", "Apply online or at a community centre"),
            ("评估员上门评估", "An assessor visits your home"),
            ("公示评估等级", "The care level is published"),
            ("选择护理服务机构", "Choose a care provider"),
        ],
        fee=None,
        law=[("《海浦市长期护理保险试点办法》", "Haipu Pilot Measures on Long-Term Care Insurance")],
        mats=[ID_CARD, SSC, AGENT],
        faqs=[
            (
                ("评估需要本人在家吗？", "Does the person need to be at home?"),
                ("是的，评估员需上门面见申请人。", "Yes, the assessor must see them."),
            )
        ],
    ),
    dict(
        slug="medical-insurance-transfer",
        dept="medins",
        aud="individual",
        events=["moving-to-haipu", "finding-work", "health-and-care"],
        name=("基本医疗保险关系转移接续", "Transferring your medical insurance"),
        summary=(
            "跨省流动就业的，将外地医保关系和缴费年限转入本市。",
            "Move your medical insurance record and years of contributions from another province to Haipu.",
        ),
        kw=("医保转移 医保转入 异地医保", "medical insurance transfer, move health insurance"),
        syn=("医保关系转移", "health insurance transfer"),
        ch="op",
        visits=0,
        limits=(15, 5),
        pop=29400,
        elig=[("已在本市参加职工医保的人员", "People insured under Haipu employee medical insurance")],
        cond=[("原参保地已停止缴费", "Contributions in the other province have stopped")],
        steps=[
            ("在线提交转移申请", "Apply online"),
            ("两地经办机构联办", "The two offices handle it"),
            ("缴费年限合并计算", "Your years are combined"),
        ],
        fee=None,
        law=[("《中华人民共和国社会保险法》", "Social Insurance Law of the People's Republic of China")],
        mats=[
            ID_CARD,
            mat(
                ("参保凭证", "Insurance record"),
                (
                    "原参保地开具的参保凭证，系统可自动获取。",
                    "From the other province; usually retrieved automatically.",
                ),
                form=COPY,
                required=False,
                ecert=True,
            ),
        ],
        faqs=[
            (
                ("转移需要多久？", "How long does it take?"),
                ("一般 15 个工作日内完成。", "Usually within 15 working days."),
            )
        ],
    ),
    # --- Health commission ----------------------------------------------------------------------
    dict(
        slug="birth-medical-certificate",
        dept="health",
        aud="individual",
        events=["having-a-baby"],
        name=("出生医学证明签发", "Birth medical certificate"),
        summary=(
            "在本市医疗机构出生的新生儿由助产机构签发《出生医学证明》，同时生成电子证照。",
            "Babies born in a Haipu hospital get a birth medical certificate from the hospital, with an electronic copy.",
        ),
        kw=("出生证 出生医学证明 出生证明 宝宝出生", "birth certificate, birth medical certificate, newborn"),
        syn=("出生证明 办出生证", "birth certificate"),
        ch="oc",
        visits=1,
        limits=(10, 3),
        pop=97800,
        elig=[("在本市医疗机构出生的新生儿的父母", "Parents of babies born in a Haipu hospital")],
        cond=[("新生儿姓名已确定", "The baby's name has been chosen")],
        steps=[
            ("在医院填写出生医学证明首次签发登记表", "Fill in the first-issue form at the hospital"),
            ("医院核对父母身份", "The hospital checks the parents' ID"),
            ("签发纸质和电子证明", "Paper and electronic certificates are issued"),
        ],
        fee=None,
        law=[
            ("《中华人民共和国母婴保健法》", "Law of the People's Republic of China on Maternal and Infant Health Care")
        ],
        mats=[
            vary(ID_CARD, desc=("父母双方的居民身份证。", "Both parents' identity cards.")),
            form("出生医学证明首次签发登记表", "Birth certificate first-issue"),
        ],
        faqs=[
            (
                ("出生证明上的名字写错了怎么办？", "What if the name is wrong?"),
                (
                    "到签发医院申请变更，须在落户前办理。",
                    "Ask the hospital to correct it, before registering the hukou.",
                ),
            )
        ],
        at=["district"],
    ),
    dict(
        slug="birth-registration",
        dept="health",
        aud="individual",
        events=["having-a-baby"],
        name=("生育登记", "Birth registration (family planning record)"),
        summary=(
            "夫妻生育子女的办理生育登记，作为享受孕产期保健和生育保险待遇的依据。",
            "Couples register a pregnancy or birth; the record is used for antenatal care and maternity benefits.",
        ),
        kw=("生育登记 准生证 生育服务证 怀孕 建档", "birth registration, pregnancy registration, family planning"),
        syn=("准生证 生育服务登记", "birth permit, pregnancy record"),
        ch="o",
        visits=0,
        limits=(1, 1),
        pop=102400,
        elig=[("一方为本市户籍或持居住证的夫妻", "Couples where one has a Haipu hukou or residence permit")],
        cond=[("已怀孕或子女已出生", "Pregnant or the child has been born")],
        steps=[
            ("在线填写夫妻信息", "Enter both partners' details online"),
            ("系统核验婚姻和户籍信息", "Marriage and hukou records are checked"),
            ("即时生成电子生育登记凭证", "The e-record is issued at once"),
        ],
        fee=None,
        law=[
            (
                "《中华人民共和国人口与计划生育法》",
                "Population and Family Planning Law of the People's Republic of China",
            )
        ],
        mats=[vary(ID_CARD, desc=("夫妻双方的居民身份证。", "Both partners' identity cards.")), MARRIAGE_CERT],
        faqs=[
            (
                ("一定要结婚才能登记吗？", "Do we have to be married?"),
                ("未婚生育的可按规定办理登记。", "No, unmarried parents can register too."),
            )
        ],
    ),
    dict(
        slug="vaccination-certificate",
        dept="health",
        aud="individual",
        events=["having-a-baby", "starting-school", "health-and-care"],
        name=("儿童预防接种证办理", "Child vaccination record"),
        summary=(
            "新生儿建立预防接种档案和接种证，入托入学时查验。",
            "Open a vaccination record for your baby; kindergartens and schools check it at enrolment.",
        ),
        kw=("预防接种证 疫苗本 打疫苗 接种证 查验", "vaccination record, immunisation card, vaccines"),
        syn=("疫苗接种证 小绿本", "immunisation record"),
        ch="oc",
        visits=1,
        limits=(5, 1),
        pop=91200,
        elig=[("在本市居住的 0-6 岁儿童", "Children aged 0 to 6 living in Haipu")],
        cond=[
            (
                "出生后 1 个月内到居住地社区卫生服务中心建卡",
                "Within one month of birth, at the local community health centre",
            )
        ],
        steps=[
            ("预约社区卫生服务中心接种门诊", "Book the vaccination clinic at your community health centre"),
            ("建档并发放接种证，同步电子接种记录", "The record and card are made, with an electronic copy"),
            ("按程序接种", "Follow the schedule"),
        ],
        fee=None,
        law=[("《中华人民共和国疫苗管理法》", "Vaccine Administration Law of the People's Republic of China")],
        mats=[
            BIRTH_CERT,
            mat(
                ("新生儿首针接种记录", "Newborn's first vaccination record"),
                ("医院出具的乙肝和卡介苗接种记录。", "The hospital's record of the hepatitis B and BCG vaccines."),
            ),
        ],
        faqs=[
            (
                ("接种证丢了怎么补？", "How do I replace a lost record?"),
                ("到建档的社区卫生服务中心补办。", "At the community health centre where it was opened."),
            )
        ],
        at=["community"],
    ),
    dict(
        slug="medical-institution-licence",
        dept="health",
        aud="business",
        events=["starting-a-business"],
        name=("医疗机构执业许可", "Licence to operate a medical institution"),
        summary=(
            "设置诊所、门诊部、医院等医疗机构的执业登记；诊所实行备案管理。",
            "Register a hospital or outpatient department to operate; clinics only need to file.",
        ),
        kw=("诊所 医院 门诊部 执业许可 医疗机构", "clinic, hospital, medical practice licence"),
        syn=("诊所备案 医疗机构登记", "clinic registration"),
        ch="oc",
        visits=1,
        limits=(45, 20),
        pop=3200,
        elig=[("依法设立的医疗机构", "Medical institutions set up lawfully")],
        cond=[
            ("场所、设备和人员符合基本标准", "Premises, equipment and staff meet the standards"),
            ("主要负责人取得执业资格", "The person in charge is a licensed practitioner"),
        ],
        steps=[
            ("在线提交申请材料", "Apply online"),
            ("现场审核", "Site inspection"),
            ("发放执业许可证", "The licence is issued"),
        ],
        fee=None,
        law=[("《医疗机构管理条例》", "Regulations on the Administration of Medical Institutions")],
        mats=[
            BIZ_LICENCE,
            mat(
                ("场所平面图和产权证明", "Floor plan and proof of premises"),
                ("标明诊室布局。", "Showing the layout of consulting rooms."),
                form=COPY,
            ),
            mat(
                ("医务人员执业证书", "Practitioners' certificates"),
                ("全部医务人员的执业证书。", "For all medical staff."),
                form=COPY,
                ecert=True,
            ),
        ],
        faqs=[
            (
                ("诊所还需要审批吗？", "Do clinics need approval?"),
                ("诊所实行备案，提交材料即可开业。", "No, clinics file and can open at once."),
            )
        ],
        at=["district", "enterprise"],
    ),
    dict(
        slug="public-hygiene-permit",
        dept="health",
        aud="business",
        events=["opening-a-restaurant", "starting-a-business"],
        name=("公共场所卫生许可", "Hygiene permit for public venues"),
        summary=(
            "宾馆、美容美发、游泳场所等公共场所开业前取得卫生许可，实行告知承诺。",
            "Hotels, hair and beauty salons, swimming pools and other public venues need a hygiene permit before opening.",
        ),
        kw=("卫生许可证 公共场所 美容美发 宾馆 游泳池", "hygiene permit, salon, hotel, swimming pool"),
        syn=("卫生许可", "public health permit"),
        ch="oc",
        visits=0,
        limits=(20, 5),
        pop=12600,
        elig=[
            ("经营宾馆、美容美发、游泳场所等的单位和个体工商户", "Businesses running hotels, salons, pools and similar")
        ],
        cond=[
            ("场所布局和卫生设施符合规范", "Layout and facilities meet the hygiene standards"),
            ("从业人员持有健康证明", "Staff hold health certificates"),
        ],
        steps=[
            ("在线提交申请并签署承诺书", "Apply online and sign the commitment"),
            ("当场发证", "The permit is issued at once"),
            ("事后现场核查", "A site check follows"),
        ],
        fee=None,
        law=[("《公共场所卫生管理条例》", "Regulations on Hygiene in Public Places")],
        mats=[
            BIZ_LICENCE,
            mat(
                ("从业人员健康证明", "Staff health certificates"),
                ("直接为顾客服务人员的健康证明。", "For staff serving customers."),
                form=COPY,
                ecert=True,
            ),
            mat(
                ("卫生设施布局图", "Layout of hygiene facilities"),
                ("消毒间、通风设施位置。", "Disinfection room and ventilation."),
                form=COPY,
                types="pdf",
            ),
        ],
        faqs=[
            (
                ("告知承诺是什么意思？", "What does 'commitment' mean?"),
                (
                    "承诺符合条件即可当场领证，事后核查不符的将撤销许可。",
                    "You promise you meet the conditions and get the permit at once; it is revoked if a later check finds otherwise.",
                ),
            )
        ],
    ),
    dict(
        slug="death-medical-certificate",
        dept="health",
        aud="individual",
        events=["death-and-funeral"],
        name=("居民死亡医学证明办理", "Medical certificate of death"),
        summary=(
            "居民在医院或家中去世后，由医疗机构或社区卫生服务中心出具死亡医学证明。",
            "After a death in hospital or at home, the hospital or community health centre issues the medical certificate of death.",
        ),
        kw=("死亡证明 死亡医学证明 去世", "death certificate, medical certificate of death"),
        syn=("开死亡证明", "death certificate"),
        ch="c",
        visits=1,
        limits=(1, 1),
        pop=42300,
        elig=[("逝者的家属", "The family of the person who died")],
        cond=[("在家中去世的须由社区医生上门核实", "For a death at home, a community doctor must come to confirm")],
        steps=[
            ("联系医院或社区卫生服务中心", "Contact the hospital or community health centre"),
            ("医生核实并出具证明", "A doctor confirms and issues the certificate"),
        ],
        fee=None,
        law=[("《人口死亡信息登记管理规范》", "Standards for Registering Death Information")],
        mats=[
            vary(ID_CARD, desc=("逝者和家属的身份证。", "The ID of the person who died and your own.")),
            mat(
                ("病历资料", "Medical records"),
                ("在家去世的提供既往病历。", "For a death at home, previous medical records."),
                form=COPY,
                required=False,
            ),
        ],
        faqs=[
            (
                ("夜间在家去世怎么办？", "What if someone dies at home at night?"),
                ("拨打 120 或 110，由急救或公安人员协助。", "Call 120 or 110 for help."),
            )
        ],
        at=["community"],
    ),
    # --- Education ------------------------------------------------------------------------------
    dict(
        slug="primary-school-enrolment",
        dept="edu",
        aud="individual",
        events=["starting-school", "moving-to-haipu"],
        name=("小学一年级入学报名", "Primary school enrolment"),
        summary=(
            "适龄儿童每年 4 月在线报名小学一年级，按户籍和居住地对口入学。",
            "Register your child for the first year of primary school each April; places follow hukou and address.",
        ),
        kw=("小学 入学 报名 幼升小 一年级 义务教育", "primary school, enrolment, school admission, first grade"),
        syn=("幼升小 小学报名", "school registration, primary admission"),
        ch="o",
        visits=0,
        limits=(30, 30),
        pop=178000,
        elig=[
            ("当年 8 月 31 日前年满 6 周岁的儿童", "Children who turn 6 by 31 August"),
            (
                "本市户籍儿童和持居住证家长的随迁子女",
                "Children with a Haipu hukou, and children of residence permit holders",
            ),
        ],
        cond=[
            (
                "随迁子女家长持有效居住证并连续缴纳社保",
                "Parents without a hukou hold a valid residence permit and pay social insurance",
            ),
            ("在报名期内完成信息登记", "Register within the window"),
        ],
        steps=[
            ("4 月登录入学报名系统填写信息", "In April, sign in to the enrolment system"),
            ("区教育局审核入学资格", "The district checks eligibility"),
            ("5 月验证材料", "Documents are checked in May"),
            ("6 月公布录取结果", "Places are announced in June"),
        ],
        fee=None,
        law=[("《中华人民共和国义务教育法》", "Compulsory Education Law of the People's Republic of China")],
        mats=[
            vary(HUKOU_BOOK, desc=("儿童所在户的户口簿。", "The household register booklet with the child.")),
            BIRTH_CERT,
            vary(
                RESIDENCE_PERMIT, desc=("随迁子女家长的居住证。", "For parents without a Haipu hukou."), required=False
            ),
            vary(
                PROPERTY_CERT,
                required=False,
                desc=("户籍地址房屋的产权证明。", "Title of the home at the hukou address."),
            ),
            mat(
                ("预防接种证", "Vaccination record"),
                ("入学前查验。", "Checked before school starts."),
                form=COPY,
                ecert=True,
            ),
        ],
        faqs=[
            (
                ("人户分离怎么报名？", "We live somewhere other than our hukou address. What now?"),
                (
                    "按区教育局公布的政策，一般以户籍地址为准。",
                    "Follow the district's rules; usually the hukou address counts.",
                ),
            ),
            (
                ("错过报名怎么办？", "What if we miss the window?"),
                ("联系区教育局招生办补报。", "Contact the district admissions office."),
            ),
        ],
    ),
    dict(
        slug="kindergarten-enrolment",
        dept="edu",
        aud="individual",
        events=["starting-school"],
        name=("幼儿园入园报名", "Kindergarten enrolment"),
        summary=(
            "3 周岁适龄幼儿在线报名公办幼儿园小班，统筹安排入园。",
            "Register children aged 3 for the first year of a public kindergarten.",
        ),
        kw=("幼儿园 入园 报名 托班 小班", "kindergarten, nursery, preschool enrolment"),
        syn=("入园报名 幼儿园报名", "preschool admission"),
        ch="o",
        visits=0,
        limits=(30, 30),
        pop=121000,
        elig=[("当年 8 月 31 日前满 3 周岁的幼儿", "Children who turn 3 by 31 August")],
        cond=[
            ("本市户籍或父母一方持居住证", "Haipu hukou, or one parent holds a residence permit"),
            ("完成入园体检", "Completed the entry health check"),
        ],
        steps=[
            ("4 月在线登记", "Register online in April"),
            ("验证材料", "Documents are checked"),
            ("6 月公布结果", "Places announced in June"),
            ("入园体检后报到", "Health check, then start"),
        ],
        fee=("保育教育费按公办幼儿园收费标准缴纳", "Public kindergarten fees apply"),
        law=[
            ("《幼儿园管理条例》", "Regulations on the Administration of Kindergartens"),
            ("《中华人民共和国学前教育法》", "Preschool Education Law of the People's Republic of China"),
        ],
        mats=[
            BIRTH_CERT,
            HUKOU_BOOK,
            vary(RESIDENCE_PERMIT, desc=("非本市户籍家长提供。", "For parents without a Haipu hukou.")),
            mat(
                ("预防接种证", "Vaccination record"),
                ("入园前查验。", "Checked before starting."),
                form=COPY,
                ecert=True,
            ),
        ],
        faqs=[
            (
                ("可以报名民办幼儿园吗？", "Can we apply to private kindergartens?"),
                ("可在同一系统中报名。", "Yes, in the same system."),
            )
        ],
    ),
    dict(
        slug="middle-school-enrolment",
        dept="edu",
        aud="individual",
        events=["starting-school"],
        name=("初中入学报名（小升初）", "Middle school enrolment"),
        summary=(
            "小学五年级毕业生在线填报初中入学志愿，公办学校对口入学，民办学校摇号。",
            "Primary school leavers choose middle schools online; public schools by catchment, private schools by lottery.",
        ),
        kw=("小升初 初中 入学 报名 摇号", "middle school, secondary school, admission, lottery"),
        syn=("初中报名", "junior high admission"),
        ch="o",
        visits=0,
        limits=(30, 30),
        pop=96700,
        elig=[("本市小学五年级在读学生", "Pupils in their final year of primary school in Haipu")],
        cond=[("在报名期内填报志愿", "Choose schools within the window")],
        steps=[
            ("4 月登录系统填报", "Choose in April"),
            ("民办学校电脑随机录取", "Private school places by computer lottery"),
            ("7 月公布对口录取结果", "Catchment results in July"),
        ],
        fee=None,
        law=[("《中华人民共和国义务教育法》", "Compulsory Education Law of the People's Republic of China")],
        mats=[
            HUKOU_BOOK,
            mat(("学籍信息", "School record"), ("由系统自动调取。", "Retrieved automatically."), form=COPY, ecert=True),
        ],
        faqs=[
            (
                ("摇号没中怎么办？", "What if we lose the lottery?"),
                ("统筹安排至对口公办初中。", "A place at a catchment public school is guaranteed."),
            )
        ],
    ),
    dict(
        slug="student-financial-aid",
        dept="edu",
        aud="individual",
        events=["starting-school", "hardship-support"],
        name=("家庭经济困难学生资助", "Financial aid for students from low-income families"),
        summary=(
            "为低保、低收入、残疾等家庭的学生提供助学金和学杂费减免。",
            "Grants and fee waivers for students from dibao, low-income or disabled families.",
        ),
        kw=("助学金 学生资助 学费减免 贫困生", "student aid, grant, fee waiver, bursary"),
        syn=("助学金申请", "bursary application"),
        ch="oc",
        visits=0,
        limits=(30, 15),
        pop=24600,
        elig=[("本市各级学校在读学生", "Students at Haipu schools")],
        cond=[("家庭属于低保、低收入、特困或残疾人家庭", "From a dibao, low-income, destitute or disabled family")],
        steps=[
            ("在线申请", "Apply online"),
            ("学校审核并公示", "The school reviews and publishes"),
            ("资助资金发放", "The aid is paid"),
        ],
        fee=None,
        law=[("《学生资助资金管理办法》", "Measures on Student Financial Aid Funds")],
        mats=[
            ID_CARD,
            mat(
                ("困难家庭证明", "Proof of low income"),
                (
                    "低保证、残疾人证等，系统可自动核验。",
                    "Dibao card, disability certificate and so on; checked automatically.",
                ),
                form=COPY,
                ecert=True,
            ),
        ],
        faqs=[
            (
                ("资助信息会公开吗？", "Will my family's details be published?"),
                ("仅公示姓名和资助档次，保护隐私。", "Only the name and aid level."),
            )
        ],
        at=["community"],
    ),
]
