"""The help screen's glossary: (term zh, term en, meaning zh, meaning en). Names per
shared/GLOSSARY.md."""

# Glossary for the help screen: (term zh, term en, meaning zh, meaning en). Names per GLOSSARY.md.
GLOSSARY = (
    ("起付线", "deductible", "基金开始支付前由个人先付的金额，按次、按季或按年",
     "what you pay before the fund pays: per visit, quarter or year"),
    ("报销比例", "rate", "超过起付线部分由统筹基金支付的比例", "share the fund pays above the deductible"),
    ("统筹基金", "pooled fund", "基本医保支付的部分", "what basic insurance pays"),
    ("最高支付限额 / 封顶线", "cap", "一个期间内统筹基金最多支付的金额", "most the fund pays in a period"),
    ("大病保险", "serious-illness insurance", "对较大自付费用的二次报销",
     "a second layer on large self-paid costs"),
    ("政策范围内费用", "in-policy cost", "医保可以按比例支付的那部分费用",
     "the part of a bill the scheme pays on"),
    ("目录外费用", "out-of-policy cost", "目录外、自费项目，全部个人负担", "never reimbursed"),
    ("乙类先行自付", "class-B share paid first", "乙类项目先由个人按比例自付，余下再报销",
     "you pay a share of class-B items before rates apply"),
    ("个人自付", "self-pay", "合计 − 统筹基金 − 大病保险", "total − fund − serious illness"),
    ("家庭共济", "family account sharing", "亲属可使用职工的个人账户",
     "relatives may spend an employee's personal account"),
    ("异地就医 / 备案", "cross-region care / registration", "在参保地以外就医；事先备案影响报销比例",
     "care outside the home city; registering first affects the rate"),
    ("门诊慢特病",
     "chronic & special outpatient", "认定病种的长期门诊治疗",
     "listed long-term diseases treated as outpatient"),
    ("两病",
     "hypertension / diabetes drugs", "高血压、糖尿病门诊用药保障",
     "outpatient drugs for hypertension and diabetes"),
)
