"""Word pools and authored lines for the fictional case (zh / en side by side).

Everything here is invented for the kit: company names are assembled from common
characters, people's names from common surnames and given names, phone numbers use
the reserved-looking pattern ``1xx-0000-xxxx``. Any resemblance to a real company or
person is a coincidence.
"""

from __future__ import annotations

# Ownership / nature of the firm (企业性质), in the order used by the generator.
NATURES = ["国企", "民企", "外企", "个体"]
NATURES_EN = ["state-owned", "private", "foreign-invested", "sole proprietor"]

# The course's four debtor types: ability to pay x willingness to pay.
DEBTOR_TYPES = ["able_willing", "able_unwilling", "unable_willing", "unable_unwilling"]

# City, pinyin, region (zh), region (en). The seller is in East China, so most
# customers are too.
CITIES = [
    ("苏州", "Suzhou", "华东", "East China"),
    ("无锡", "Wuxi", "华东", "East China"),
    ("常州", "Changzhou", "华东", "East China"),
    ("南通", "Nantong", "华东", "East China"),
    ("宁波", "Ningbo", "华东", "East China"),
    ("嘉兴", "Jiaxing", "华东", "East China"),
    ("绍兴", "Shaoxing", "华东", "East China"),
    ("合肥", "Hefei", "华东", "East China"),
    ("芜湖", "Wuhu", "华东", "East China"),
    ("扬州", "Yangzhou", "华东", "East China"),
    ("泰州", "Taizhou", "华东", "East China"),
    ("温州", "Wenzhou", "华东", "East China"),
    ("台州", "Taizhou", "华东", "East China"),
    ("潍坊", "Weifang", "华东", "East China"),
    ("临沂", "Linyi", "华东", "East China"),
    ("天津", "Tianjin", "华北", "North China"),
    ("保定", "Baoding", "华北", "North China"),
    ("郑州", "Zhengzhou", "华中", "Central China"),
    ("武汉", "Wuhan", "华中", "Central China"),
    ("长沙", "Changsha", "华中", "Central China"),
    ("佛山", "Foshan", "华南", "South China"),
    ("东莞", "Dongguan", "华南", "South China"),
    ("成都", "Chengdu", "西南", "Southwest"),
    ("西安", "Xi'an", "西北", "Northwest"),
]
# Relative weights of the cities above (East China first).
CITY_WEIGHTS = [6, 5, 5, 4, 5, 3, 3, 4, 3, 3, 2, 3, 2, 2, 2, 2, 1, 2, 2, 1, 2, 2, 1, 1]

# Characters for invented brand names, with pinyin.
BRAND_SYLLABLES = [
    ("恒", "heng"),
    ("达", "da"),
    ("瑞", "rui"),
    ("鑫", "xin"),
    ("盛", "sheng"),
    ("华", "hua"),
    ("泰", "tai"),
    ("正", "zheng"),
    ("宏", "hong"),
    ("德", "de"),
    ("润", "run"),
    ("源", "yuan"),
    ("通", "tong"),
    ("力", "li"),
    ("昌", "chang"),
    ("和", "he"),
    ("兴", "xing"),
    ("嘉", "jia"),
    ("永", "yong"),
    ("安", "an"),
    ("丰", "feng"),
    ("凯", "kai"),
    ("诚", "cheng"),
    ("博", "bo"),
    ("信", "xin"),
    ("捷", "jie"),
    ("联", "lian"),
    ("峰", "feng"),
    ("晟", "sheng"),
    ("中", "zhong"),
]

# Customer industries: industry (zh), industry (en), word in the company name (zh, en).
INDUSTRIES = [
    ("机械制造", "machinery manufacturing", "机械", "Machinery"),
    ("建筑工程", "construction", "建设工程", "Construction Engineering"),
    ("电力工程", "power engineering", "电力工程", "Power Engineering"),
    ("水务环保", "water and environment", "环保科技", "Environmental Technology"),
    ("冶金", "metallurgy", "钢铁", "Steel"),
    ("化工", "chemicals", "化工", "Chemical"),
    ("新能源", "new energy", "新能源", "New Energy"),
    ("物流装备", "logistics equipment", "物流装备", "Logistics Equipment"),
    ("轨道交通", "rail transit", "轨道交通设备", "Rail Transit Equipment"),
    ("机电安装", "M&E installation", "机电安装", "M&E Installation"),
    ("矿山", "mining", "矿业", "Mining"),
    ("自动化", "automation", "自动化设备", "Automation Equipment"),
]
# Sole proprietors (个体) in this case are small equipment dealers.
DEALER_INDUSTRY = ("设备经销", "equipment dealer", "机电经营部", "Electromechanical Trading")

SURNAMES = [
    ("王", "Wang"),
    ("李", "Li"),
    ("张", "Zhang"),
    ("刘", "Liu"),
    ("陈", "Chen"),
    ("杨", "Yang"),
    ("黄", "Huang"),
    ("赵", "Zhao"),
    ("吴", "Wu"),
    ("周", "Zhou"),
    ("徐", "Xu"),
    ("孙", "Sun"),
    ("马", "Ma"),
    ("朱", "Zhu"),
    ("胡", "Hu"),
    ("郭", "Guo"),
    ("何", "He"),
    ("林", "Lin"),
    ("罗", "Luo"),
    ("高", "Gao"),
]
GIVEN_NAMES = [
    "伟",
    "芳",
    "敏",
    "静",
    "丽",
    "强",
    "磊",
    "军",
    "洋",
    "勇",
    "艳",
    "杰",
    "娟",
    "涛",
    "明",
    "超",
    "秀英",
    "霞",
    "平",
    "刚",
    "建华",
    "志强",
    "晓燕",
    "海燕",
    "国庆",
    "春梅",
]

# Contact roles (zh, en); sole proprietors are mostly reached through the owner.
CONTACT_ROLES = [
    ("财务经理", "finance manager"),
    ("出纳", "cashier"),
    ("采购经理", "purchasing manager"),
    ("总经理", "general manager"),
    ("财务总监", "chief financial officer"),
    ("老板", "owner"),
]

# The seller's sales reps (fictional), who also chase their customers' payments.
SALES_REPS = ["周明", "陈静", "王磊", "刘洋", "赵敏", "孙杰"]

MOBILE_PREFIXES = ["138", "139", "136", "150", "186", "177"]

# Product lines: code, zh, en, relative price level.
PRODUCT_LINES = [
    ("motor", "电机", "motors", 1.0),
    ("drive", "变频器", "drives", 0.7),
    ("switchgear", "开关柜", "switchgear", 2.2),
    ("control_cabinet", "控制柜", "control cabinets", 1.5),
    ("spares_service", "备件与服务", "spares and service", 0.15),
]

PAYMENT_METHODS = [
    ("bank_transfer", "银行转账", "bank transfer"),
    ("bank_acceptance_bill", "银行承兑汇票", "bank acceptance bill"),
    ("commercial_acceptance_bill", "商业承兑汇票", "commercial acceptance bill"),
    ("cash", "现金", "cash"),
]

ACTIVITY_KINDS = ["call", "visit", "email", "letter", "demand", "acknowledgement", "statement"]
ACTIVITY_KINDS_ZH = ["电话", "拜访", "邮件", "函件", "催款函", "债务确认", "对账单"]

# Excuse codes of the excuse log (拒付借口), with authored lines, several per code.
EXCUSES: dict[str, list[tuple[str, str]]] = {
    "cash_flow": [
        ("最近资金紧张,等下游客户回款了就付。", "Cash is tight; we'll pay as soon as our own customers pay us."),
        ("银行贷款还没批下来,再宽限几天。", "Our bank loan hasn't come through yet; give us a few more days."),
        ("这个月要发工资,下个月一定安排。", "Payroll is due this month; next month for sure."),
    ],
    "not_received_invoice": [
        ("没收到发票,麻烦重新寄一份。", "We never received the invoice; please send it again."),
        (
            "发票抬头开错了,要重开才能付。",
            "The invoice is made out to the wrong name; it must be reissued before we can pay.",
        ),
        ("财务说系统里查不到这张发票。", "Finance says this invoice isn't in their system."),
    ],
    "quality_dispute": [
        (
            "有两台电机试车时有异响,问题解决前不付款。",
            "Two motors were noisy at commissioning; no payment until that is fixed.",
        ),
        (
            "控制柜接线和图纸不符,整改完再说。",
            "The cabinet wiring doesn't match the drawings; we'll talk after the rework.",
        ),
        ("变频器到货有一台损坏,要先换货。", "One drive arrived damaged; it must be replaced first."),
    ],
    "boss_away": [
        ("老板出差了,回来再说。", "The boss is away; we'll talk when he's back."),
        ("签字的领导在外地开会。", "The manager who signs is at a meeting out of town."),
        ("老板在国外,下周回来。", "The boss is abroad; back next week."),
    ],
    "paid_already": [
        ("钱上周就付了,你们再查一下。", "We paid last week; check your account again."),
        ("承兑汇票已经寄出了。", "The acceptance bill is already in the post."),
        ("已经安排付款了,可能还在银行路上。", "Payment is arranged; it must still be on its way through the bank."),
    ],
    "waiting_approval": [
        ("付款单还在走审批流程。", "The payment request is still going through approval."),
        ("要等月底财务统一付款。", "Finance pays everything together at month end."),
        ("集团资金中心还没批。", "The group treasury hasn't approved it yet."),
    ],
    "no_budget": [
        ("今年的预算用完了,等明年。", "This year's budget is used up; wait until next year."),
        ("项目款还没拨下来。", "The project funds haven't been released to us yet."),
        ("这笔不在本季度的付款计划里。", "This one isn't in this quarter's payment plan."),
    ],
    "unreachable": [
        ("电话无人接听。", "No one answers the phone."),
        ("前台说财务不在。", "Reception says nobody from finance is in."),
        ("微信消息已读不回。", "WeChat messages are read but not answered."),
    ],
}
EXCUSE_CODES = list(EXCUSES)
EXCUSES_ZH = {
    "cash_flow": "资金紧张",
    "not_received_invoice": "没收到发票",
    "quality_dispute": "质量纠纷",
    "boss_away": "老板不在",
    "paid_already": "已经付了",
    "waiting_approval": "等待审批",
    "no_budget": "没有预算",
    "unreachable": "联系不上",
}

# Routine lines for activities without an excuse, one per kind.
ROUTINE: dict[str, tuple[str, str]] = {
    "call": ("电话提醒,对方答应尽快安排付款。", "Reminder call; they said they would arrange payment soon."),
    "visit": ("上门拜访,与财务当面核对账目。", "Visited the customer and reconciled the account with finance."),
    "email": ("发送逾期提醒邮件。", "Overdue reminder sent by e-mail."),
    "letter": ("寄出付款提醒函。", "Payment reminder letter sent."),
    "demand": ("寄出正式催款函(挂号信,保留回执)。", "Formal demand for payment sent by registered post; receipt kept."),
    "acknowledgement": (
        "客户在对账单上盖章,确认欠款金额。",
        "The customer stamped the statement, confirming the balance owed.",
    ),
    "statement": ("寄出对账单。", "Account statement sent."),
}
