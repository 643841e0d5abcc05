"""UI strings in Chinese and English: ``t(key, lang)``.

Terms follow shared/GLOSSARY.md (one name per idea). Policy labels (schemes, care kinds, grades …)
come from ``policy.LABELS`` and the policy files; engine steps carry their own zh/en.
"""

from __future__ import annotations

LANGS = ("zh", "en")

STRINGS = {
    # app chrome
    "title": ("医保报销估算", "Medical insurance estimate"),
    "step.city": ("1/4 参保城市", "1/4 Home city"),
    "step.person": ("2/4 险种与人员类别", "2/4 Scheme and category"),
    "step.care": ("3/4 就医类型与医院级别", "3/4 Care and hospital grade"),
    "step.breakdown": ("4/4 费用与计算明细", "4/4 Expenses and breakdown"),
    "step.compare": ("对比", "Compare"),
    "too_small": ("窗口 {w}×{h}：完整显示需要至少 80×24，内容可滚动。",
                  "Window {w}×{h}: the full view needs 80×24; content scrolls."),
    # keys (footer)
    "key.back": ("返回", "Back"),
    "key.next": ("下一步", "Next"),
    "key.help": ("帮助", "Help"),
    "key.lang": ("English", "中文"),
    "key.quit": ("退出", "Quit"),
    "key.compare": ("对比", "Compare"),
    "key.export": ("导出", "Export"),
    "key.close": ("关闭", "Close"),
    "key.save": ("保存", "Save"),
    "key.table": ("明细", "Steps"),
    # city
    "city.prompt": ("选择参保城市（按其政策计算）：", "Choose the home city (its policy applies):"),
    "city.year": ("{year}年政策", "{year} policy"),
    "city.none": ("没有找到可用的政策文件。", "No usable policy file was found."),
    "city.errors": ("以下政策文件无法使用：", "These policy files cannot be used:"),
    # person
    "person.prompt": ("选择险种和人员类别（只列出该市政策有的）：",
                      "Choose scheme and category (only what the city's policy defines):"),
    "expl.employee": ("通过单位参保，有个人账户", "insured through work; has a personal account"),
    "expl.resident": ("未参加职工医保的城乡居民，无个人账户",
                      "everyone not in the employee scheme; no personal account"),
    "expl.active": ("在职参保职工", "employees still working"),
    "expl.retired": ("已退休、享受退休待遇的职工", "retired employees"),
    "expl.adult": ("成年城乡居民（含灵活就业未参加职工医保者）", "adults not in the employee scheme"),
    "expl.minor": ("未满18周岁的居民", "residents under 18"),
    "expl.student": ("大中专院校等在校学生", "students at school, college or university"),
    # care
    "care.prompt": ("就医类型", "Care"),
    "grade.prompt": ("医院级别", "Hospital grade"),
    "disease.prompt": ("病种", "Disease"),
    "disease.none": ("不选病种", "no disease"),
    "disease.required": ("（必选）", "(required)"),
    "care.hint": ("Enter 选定后进入下一项；Tab 切换列表。", "Enter chooses and moves on; Tab switches list."),
    # breakdown
    "in.amount": ("政策范围内费用（元）", "in-policy cost (yuan)"),
    "in.class_b": ("其中乙类部分（可选）", "class-B part (optional)"),
    "in.special_drugs": ("其中特殊药品（可选）", "special drugs (optional)"),
    "in.out_of_policy": ("目录外费用（可选）", "out-of-policy (optional)"),
    "in.cross_region": ("异地就医（可多选）", "cross-region (any)"),
    # short cross-region statuses under that heading; full names are policy.LABELS
    "cr.registered": ("已备案", "registered"),
    "cr.unregistered": ("未备案", "not registered"),
    "cr.long-term": ("长期异地居住", "long-term elsewhere"),
    "cr.not-direct": ("未直接结算", "not settled directly"),
    "cr.self-referred": ("未办转诊自行就医", "self-referred"),
    "in.cross_none": ("本市政策未列异地就医规则", "The policy lists no cross-region rules"),
    "col.step": ("步骤", "Step"),
    "col.arith": ("算式", "Arithmetic"),
    "col.amount": ("金额", "Amount"),
    "col.step_arith": ("步骤 · 算式", "Step · arithmetic"),
    "fund": ("统筹基金", "fund"),
    "serious_illness": ("大病保险", "serious illness"),
    "self_pay": ("个人自付", "you pay"),
    "total": ("合计", "total"),
    "unknown": ("未知", "unknown"),
    "missing": ("缺少数据，相关金额未知：", "Missing figures, so amounts that depend on them are unknown: "),
    "unchecked": ("限额未知、未套用（统筹基金为上限估计）：",
                  "Caps unknown, not applied (fund is an upper bound): "),
    "enter_amount": ("请输入费用金额。", "Enter the amount."),
    "bad.format": ("只能输入数字和一个小数点，最多两位小数。",
                   "Digits and one decimal point only, at most two decimals."),
    "bad.too_big": ("金额超过 {max} 元，请核对。", "More than {max} yuan; check the figure."),
    "bad.parts": ("乙类与特殊药品部分之和不能超过政策范围内费用。",
                  "Class-B and special drugs together cannot exceed the in-policy cost."),
    "kept": ("明细仍按上一个有效金额 {v} 计算。", "The breakdown keeps the last valid figure, {v}."),
    "source": ("来源", "Source"),
    "note": ("说明", "Note"),
    "no_source": ("此步骤为计算结果，无需引用。", "A computed step; nothing to cite."),
    "select_step": ("选中一行查看其来源原文与说明。", "Select a step to see its source quote and notes."),
    "cannot": ("无法计算：{msg}", "Cannot estimate: {msg}"),
    # compare
    "cmp.prompt": ("同一笔费用：其他医院级别、其他城市",
                   "The same expense at another grade or in another city"),
    "cmp.current": ("当前", "current"),
    "cmp.option": ("方案", "Option"),
    "cmp.none": ("没有可对比的方案。", "Nothing to compare with."),
    "cmp.not_offered": ("{city}：无此类就医", "{city}: no such care"),
    # export
    "exp.title": ("导出明细（Markdown）", "Export the breakdown (Markdown)"),
    "exp.path": ("保存到文件（当前目录或输入路径）：", "Save to (current directory or a path):"),
    "exp.done": ("已保存 {path}，并已复制到剪贴板。", "Saved {path} and copied it to the clipboard."),
    "exp.failed": ("无法保存：{err}", "Cannot save: {err}"),
    "exp.empty": ("请输入文件名。", "Enter a file name."),
    "exp.hint": ("Enter 保存（权限 0600）并复制到剪贴板（OSC 52，可经 SSH）；Esc 取消。",
                 "Enter saves (mode 0600) and copies to the clipboard (OSC 52, works over SSH); "
                 "Esc cancels."),
    # markdown export
    "md.title": ("医保报销估算", "Medical insurance estimate"),
    "md.person": ("参保", "Insured"),
    "md.care": ("就医", "Care"),
    "md.steps": ("计算明细", "Breakdown"),
    "md.sources": ("来源原文", "Source quotes"),
    "md.caveats": ("说明", "Caveats"),
    "md.disclaimer": ("本估算依据公开政策资料，仅供参考，以医保经办机构结算为准。",
                      "An estimate from public policy texts; the insurer's settlement is what counts."),
    # help
    "help.title": ("帮助", "Help"),
    "help.keys": ("按键", "Keys"),
    "help.glossary": ("术语", "Glossary"),
    "help.k.enter": ("Enter / Tab：选定、下一项", "Enter / Tab: choose, next"),
    "help.k.esc": ("Esc：返回上一步（已选内容保留）", "Esc: back a step (choices are kept)"),
    "help.k.help": ("? / F1：本帮助", "? / F1: this help"),
    "help.k.lang": ("F2：中文 / English", "F2: English / 中文"),
    "help.k.compare": ("F3 或 c：对比其他级别或城市", "F3 or c: compare another grade or city"),
    "help.k.export": ("F4 或 e：导出 Markdown 并复制", "F4 or e: export Markdown and copy"),
    "help.k.table": ("F6：跳到计算明细表，↑↓ 选中步骤看来源", "F6: to the steps table; ↑↓ shows each source"),
    "help.k.quit": ("Ctrl+Q：退出", "Ctrl+Q: quit"),
    # errors
    "err.prefill": ("预填参数无法使用：{msg}", "A prefill flag cannot be used: {msg}"),
    "err.value": ("--{flag} {value} 不可用；可选：{accepted}",
                  "--{flag} {value} cannot be used; accepted: {accepted}"),
    "err.policy": ("政策文件 {file} 无法使用：{why}", "Policy file {file} cannot be used: {why}"),
}

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


def t(key, lang="zh", **kw):
    """The string for ``key`` in ``lang``; ``kw`` fills {placeholders}. Unknown keys show as is."""
    pair = STRINGS.get(key)
    if pair is None:
        return key
    s = pair[0 if lang == "zh" else 1]
    return s.format(**kw) if kw else s


def label(pair, lang):
    """A (zh, en) tuple or {zh, en} dict in ``lang``."""
    if isinstance(pair, dict):
        return pair["zh" if lang == "zh" else "en"]
    return pair[0 if lang == "zh" else 1]
