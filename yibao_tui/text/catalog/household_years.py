"""A household's years: the newest file's calendar moved to the asked year, households found by
name, rollover, employees whose scheme is not on file, a premium paid from an account."""

STRINGS = {
    "hhy.moved_calendar": (
        "{year}年：{city}现有最新的政策文件是{pyear}年的；按其缴费期和等待期顺延到{year}年计算",
        "{year} — {city}'s newest policy on file is {pyear}; its collection window and waits "
        "are applied to {year}"),
}
STRINGS.update({
    "hhy.not_found": ("找不到家庭“{name}”：没有这个文件，{dir}中也没有叫这个名字的家庭",
                      "no household '{name}': no such file, and no household of that name in "
                      "{dir}"),
    "hhy.ambiguous": ("有多个家庭叫“{name}”：{files}；请指定文件",
                      "more than one household is named '{name}': {files}; give the file"),
    "hhy.demo_read_only": ("示例家庭是只读的：请先复制一份再编辑",
                           "the demo household is read-only; copy it in first"),
    "hhy.no_file": ("没有这个家庭文件：{path}", "no such household file: {path}"),
    "hhy.copied_demo": ("已把示例家庭复制到 {path}", "copied the demo household to {path}"),
})
STRINGS.update({
    "hhy.where_past": ("保留的{year}年", "the kept year {year}"),
    "hhy.past_year": ("{what}：年份须早于本年（{year}）且每年只保留一份",
                      "{what}: its year must be before this one ({year}) and kept once"),
    "hhy.past_problem": ("{what}：{msg}", "{what}: {msg}"),
    "hhy.roll_not_after": ("只能转到{year}年之后的年份（不是{to}年）",
                           "a household can only roll over to a year after {year} (not {to})"),
    "hhy.roll_year": ("{frm}年 → {to}年：成员、账户共济和用户提供的数额保留；{frm}年的记录只读保留",
                      "{frm} → {to}: members, bindings and supplied figures carried; {frm} is "
                      "kept read-only"),
    "hhy.roll_visits": ("{year}年的{n}次就诊留在{year}年（新的一年没有就诊）",
                        "{year}'s {n} visits stay in {year} (the new year starts with none)"),
    "hhy.roll_claim_free": ("{name}：{year}年无报销，记为零报销年度",
                            "{name}: no reimbursement in {year}, recorded as claim-free"),
    "hhy.roll_entry": ("{name}：{year}年的参保记录沿用上年的 {what}",
                       "{name}: the {year} enrolment entry starts from last year's {what}"),
    "hhy.roll_balance": ("{name}：个人账户年初余额 = 上年年末余额 {amount}",
                         "{name}: opening account balance = last year's closing {amount}"),
    "hhy.confirm_balance": ("{name}：上年年末余额未知，请填写个人账户年初余额",
                            "{name}: last year's closing balance is not known; enter the "
                            "opening balance"),
    "hhy.confirm_claim_free": ("{name}：{year}年是否零报销未知，请确认（大病保险限额调整用）",
                               "{name}: whether {year} was claim-free is not known; confirm it "
                               "(for the serious-illness cap)"),
    "hhy.confirm_paid": ("{name}：填写{year}年的缴费日期",
                         "{name}: enter the {year} payment date"),
    "hhy.confirm_student": ("{name}：{year}年是否仍是在校学生？请确认类别",
                            "{name}: still a student in {year}? Confirm the category"),
    "hhy.confirm_minor": ("{name}：{year}年满{age}岁，是否仍按未成年人参保？请确认类别{quote}",
                          "{name}: {age} in {year}; still enrolled as a minor? Confirm the "
                          "category{quote}"),
    "hhy.confirm_minor_age": ("{name}：出生年份未填写，无法判断是否仍为未成年人，请确认",
                              "{name}: no birth year, so whether still a minor is not known; "
                              "confirm"),
    "hhy.roll_changed": ("改动：", "Changed:"),
    "hhy.roll_confirm": ("请确认：", "To confirm:"),
    "hhy.roll_saved": ("已转到{year}年：{path}", "rolled over to {year}: {path}"),
})
STRINGS.update({
    "hhy.no_year": ("文件中没有{year}年；有：{years}", "the file holds no year {year}; it holds {years}"),
})
STRINGS.update({
    "hhy.paid_from_id": ("{what}：paid_from 须为成员编号", "{what}: paid_from must be a member id"),
    "hhy.paid_from_member": ("{name}的参保记录：paid_from = “{who}”不是家庭中的其他成员",
                             "{name}'s enrolment entry: paid_from = '{who}' is not another member "
                             "of the household"),
    "hhy.pays_ok": ("{ben}的个人缴费由{holder}的个人账户支付",
                    "{ben}'s premium is paid from {holder}'s account"),
    "hhy.pays_unknown": ("{ben}的个人缴费由{holder}的个人账户支付；资料未说明个人账户能否缴纳居民医保费",
                         "{ben}'s premium is paid from {holder}'s account; the sources do not say "
                         "whether an account may pay a resident premium"),
    "hhy.pays_not_employee": ("{holder}不是职工医保参保人，没有可缴费的个人账户",
                              "{holder} is not in the employee scheme: no account to pay from"),
    "hhy.pays_not_bound": ("{ben}未与{holder}的个人账户绑定（家庭共济）",
                           "{ben} is not bound to {holder}'s account"),
    "hhy.pays_not_drawn": ("{ben}的个人缴费未从{holder}的个人账户扣除（规则不符）",
                           "{ben}'s premium is not drawn from {holder}'s account (a rule is "
                           "broken)"),
    "hhy.pays_short": ("{holder}的个人账户余额不足以支付{ben}的个人缴费{amount}：未扣除",
                       "{holder}'s balance does not cover {ben}'s premium {amount}: not drawn"),
    "rule_name.pays_premium": ("个人账户缴纳亲属的居民医保费", "account pays a relative's premium"),
})
STRINGS.update({
    "hhy.premium_drawn": ("支付{ben}的个人缴费：{v}", "{ben}'s premium paid: {v}"),
    "hhy.unlisted_scheme": ("{city}的政策文件没有{scheme}：医疗待遇的数额未知（有范围时给出范围）",
                            "{city}'s policy file does not describe the {scheme} scheme: its "
                            "medical figures are unknown (ranges where the rules allow)"),
})
STRINGS.update({
    "hhy.scheme_label.employee": ("职工医保", "Employee scheme"),
    "hhy.scheme_label.resident": ("城乡居民医保", "Resident scheme"),
    "hhy.unlisted_figure": ("{city}的政策文件没有{scheme}：这一数额未知（可自行提供）。",
                            "{city}'s policy file does not describe the {scheme} scheme: this "
                            "figure is unknown (you may supply it)."),
})
STRINGS.update({
    "hhy.undo_rollover": ("转到下一年（{frm} → {to}）", "the rollover ({frm} → {to})"),
})
STRINGS.update({
    "hhy.year.title": ("家庭的年度", "The household's year"),
    "hhy.year.explain": ("各成员的估算、个人缴费和待遇起始都按这一年度的政策计算。",
                         "Every member's estimates, premium and cover start use this year's "
                         "policy."),
    "hhy.enrol.title": ("{name} · {year}年参保缴费", "{name} · enrolment for {year}"),
    "hhy.enrol.explain": ("往年参保年份和零报销年度用于断保等待期和烟台的大病保险限额调整；用逗号分隔。",
                          "Earlier years enrolled and claim-free years give the lapse wait and "
                          "烟台's serious-illness cap adjustment; separate them with commas."),
    "hhy.f.tier": ("缴费档次（可选）", "tier (optional)"),
    "hhy.f.situations": ("特殊情形", "situations"),
    "hhy.f.paid_from": ("由谁的账户缴费", "paid from"),
    "hhy.f.own_money": ("自己缴纳", "own money"),
    "hhy.f.history": ("往年参保年份", "years enrolled"),
    "hhy.f.claim_free": ("零报销年度", "claim-free years"),
    "hhy.bad.tier": ("缴费档次应为正整数（如 1 或 2）。", "Tier: a whole number such as 1 or 2."),
    "hhy.bad.years": ("年份应写成 2023, 2024 这样的四位年份。",
                      "Years: four-digit years such as 2023, 2024."),
    "hhy.key.enrolment": ("参保缴费", "enrolment"),
    "hhy.key.set_year": ("年度", "year"),
    "hhy.key.rollover": ("转到下一年", "next year"),
    "hhy.key.past": ("往年", "other year"),
    "hhy.help.enrolment": ("p：本年参保缴费（缴费日期、档次、工资、特殊情形、由谁的账户缴费、往年记录）",
                           "p: this year's enrolment (paid date, tier, wage, situations, paid "
                           "from, earlier years)"),
    "hhy.help.set_year": ("t：家庭的年度", "t: the household's year"),
    "hhy.help.rollover": ("R：转到下一年（先询问；u 撤销）", "R: roll over to the next year (asks "
                          "first; u undoes)"),
    "hhy.help.past": ("全家一年里 [ 和 ]：看文件保留的其他年份（只读）",
                      "in the family year, [ and ]: the other years the file keeps (read-only)"),
    "hhy.confirm.rollover": ("把“{name}”从{frm}年转到{to}年？就诊清空，{frm}年只读保留在同一文件中。",
                             "Roll '{name}' over from {frm} to {to}? Visits start empty; {frm} "
                             "is kept read-only in the same file."),
    "hhy.confirm.yes_rollover": ("转到下一年", "Roll over"),
    "hhy.year_set": ("家庭年度改为{year}年", "the household's year is now {year}"),
    "hhy.year.past_head": ("{name} · {year}（只读保留）", "{name} · {year} (kept, read-only)"),
})
