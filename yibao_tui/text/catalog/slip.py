"""The slip check (``yibao slip``, core/slip): the slip's boxes, the lines, the explanations and
the verdict, and the errors of a slip that cannot be checked. Keys ``slip.*``."""

STRINGS = {
    # ── errors (SlipError.msg): a field named as the TOML key / option a user types
    "slip.err.table": ("结算单须为一个表（[slip]）", "the slip must be a table ([slip])"),
    "slip.err.key": ("结算单没有“{box}”一项；可选：{accepted:list}",
                     "the slip has no box '{box}'; accepted: {accepted:list}"),
    "slip.err.negative": ("结算单{field}：{v}为负数；金额须为0或以上",
                          "slip {field}: {v} is negative; amounts are 0 or more yuan"),
    "slip.err.amount": ("结算单{field}：“{v}”不是以元为单位、精确到分的金额",
                        "slip {field}: '{v}' is not an amount in yuan to the fen (e.g. 7820 or 7820.50)"),
    "slip.err.none": ("结算单没有任何数字：至少填写一项（{accepted:list}）",
                      "the slip has no figures: give at least one ({accepted:list})"),
    "slip.err.over_total": ("结算单{field} {v:y} 大于医疗费总额 {total:y}",
                            "slip {field} {v:y} is larger than the total {total:y}"),
    "slip.key.total": ("医疗费总额（total）", "total"),
    "slip.key.fund": ("统筹基金支付（fund）", "fund"),
    "slip.key.serious_illness": ("大病保险支付（serious_illness）", "serious_illness"),
    "slip.key.deductible": ("起付标准（deductible）", "deductible"),
    "slip.key.self_pay": ("个人自付（self_pay）", "self_pay"),
    "slip.key.personal_account": ("个人账户支付（personal_account）", "personal_account"),
    "slip.key.cash": ("个人现金支付（cash）", "cash"),
    # ── the boxes as a person reads them
    "slip.field.total": ("医疗费总额", "total"),
    "slip.field.fund": ("统筹基金支付", "fund"),
    "slip.field.serious_illness": ("大病保险支付", "serious illness"),
    "slip.field.deductible": ("起付标准", "deductible"),
    "slip.field.self_pay": ("个人自付", "you pay"),
    "slip.field.personal_account": ("个人账户支付", "personal account"),
    "slip.field.cash": ("个人现金支付", "cash"),
    "slip.field.personal_account+cash": ("个人账户＋现金", "account + cash"),
    # ── the lines
    "slip.title": ("核对结算单", "check a slip"),
    "slip.line": ("结算单 {slip} ｜ 估算 {expected}", "slip {slip} | estimate {expected}"),
    "slip.by": ("估算来自“{label}”：{arith}", "the estimate's step “{label}”: {arith}"),
    "slip.status.match": ("一致", "matches"),
    "slip.status.near": ("相差不到1元", "within ±1 yuan"),
    "slip.status.differs": ("不符", "differs"),
    "slip.status.unknown": ("未知", "unknown"),
    "slip.status.unchecked": ("未核对", "not checked"),
    "slip.account_note": ("个人账户支付、个人现金支付：单次就诊的估算不计个人账户，"
                          "只核对二者之和等于个人自付。",
                          "Personal account and cash: a lone visit's estimate has no account, so only "
                          "their sum is checked, against what you pay."),
    "slip.at_most_note": ("估算的统筹基金是上限：资料未给出的限额没有计入（{items}）。",
                          "The estimate's fund is an upper bound: a cap no source gives was not "
                          "applied ({items})."),
    # ── explanations
    "slip.explanations": ("可能的原因（最可能的在前）", "What would explain it (most plausible first)"),
    "slip.expl.item": ("{n}. {changes}：{fields:list}一致", "{n}. {changes}: {fields:list} then match"),
    "slip.expl.near": ("（{fields:list}相差不到1元）", " ({fields:list} within ±1 yuan)"),
    "slip.expl.unknown": ("；{fields:list}仍未知", "; {fields:list} still unknown"),
    "slip.expl.as_given": ("按您填写的情况", "with your inputs as given"),
    "slip.expl.parts": ("{parts:semi}", "{parts:semi}"),
    "slip.change.grade": ("医院级别为{v:label}", "hospital grade {v:label}"),
    "slip.change.category": ("人员类别为{v:label}", "category {v:label}"),
    "slip.change.stay": ("本年第{v}次住院", "stay number {v} this year"),
    "slip.change.cross_region": ("异地就医：{v:labels}", "cross-region: {v:labels}"),
    "slip.change.cross_region_none": ("本地就医（非异地）", "treated at home (not cross-region)"),
    "slip.change.flags": ("人群：{v:list}", "groups: {v:list}"),
    "slip.change.flags_none": ("不属于所列人群", "in none of the listed groups"),
    "slip.change.disease": ("病种为{v}", "disease {v}"),
    "slip.change.deductible_met": ("本年起付线已由此前的就诊付满", "the deductible was already met by "
                                   "earlier visits this year"),
    "slip.change.deductible_left": ("本年起付线此前已付一部分，本次尚余{v:y}",
                                    "earlier visits this year left {v:y} of the deductible to pay"),
    "slip.implies": ("结算单推算出{what}为{v}", "the slip implies {what} of {v}"),
    "slip.what.deductible": ("{care:label}起付线", "a {care:label} deductible"),
    "slip.what.first_stay": ("首次住院起付线", "a first-stay deductible"),
    "slip.what.rate": ("{grade:label}医院{care:label}报销比例", "a {grade:label} {care:label} rate"),
    "slip.what.threshold": ("大病保险起付标准", "a serious-illness threshold"),
    "slip.what.si_rate": ("大病保险支付比例", "a serious-illness rate"),
    "slip.what.cap": ("大病保险最高支付限额", "a serious-illness cap"),
    "slip.implies_save": ("（可作为用户提供的数字保存：[[supplied]] path = \"{path}\"）",
                          " (it can be saved as a supplied figure: [[supplied]] path = \"{path}\")"),
    # ── verdicts
    "slip.verdict.matches": ("结论：结算单与估算一致。", "Verdict: the slip matches the estimate."),
    "slip.verdict.matches_implied": ("结论：结算单与估算一致，前提是{items:semi}。",
                                     "Verdict: the slip matches the estimate, given that {items:semi}."),
    "slip.verdict.differs": ("结论：结算单与估算不符。", "Verdict: the slip differs from the estimate."),
    "slip.verdict.differs_none": ("结论：结算单与估算不符；改动任何一项或两项都无法解释："
                                  "请向医院索取费用明细清单。",
                                  "Verdict: the slip differs from the estimate; no single or double "
                                  "change explains it: ask the hospital for the itemised bill."),
    "slip.verdict.unknown": ("结论：无法判断：估算需要资料未给出的数字（{items}），结算单无法确定全部。",
                             "Verdict: unknown: the estimate needs figures the sources do not give "
                             "({items}), and the slip does not pin them all."),
}
