"""The household rules' and year's messages (zh, en): binding rules, enrolment, the year.

Placeholders are filled by the one formatter (yibao_tui.text.format): a (zh, en) pair or
{zh, en} table picks the language, a Msg is worded in the same language, ``{x:list}`` /
``{x:or}`` / ``{x:semi}`` join a list, ``{x:ym}`` is a month (2024年5月 / May 2024), ``{x:d}`` an
ISO date, ``{x:y}`` yuan, ``{x:p}`` a percentage, ``{x:label}`` the name of a vocabulary id."""

STRINGS = {
    "verbatim": ("{s}", "{s}"),
    "joined": ("{parts:semi}", "{parts:semi}"),
    "named": ("{name}：{msg}", "{name}: {msg}"),
    "at_file": ("{file}:{line}: {msg}", "{file}:{line}: {msg}"),
    "at_file_noline": ("{file}: {msg}", "{file}: {msg}"),
    # policies on file
    "policy.none": ("没有“{city}”的政策文件（已有：{known}）",
                    "no policy file for '{city}' (known: {known})"),
    "policy.bad": ("政策文件无法使用：{why}", "policy file cannot be used: {why}"),
    "policy.supplied_bad": ("用户提供的数据无法使用：{why}", "a supplied figure cannot be used: {why}"),
    "policy.missing": ("没有“{city}”的政策", "no policy for '{city}'"),
    "none": ("无", "none"),
    # problems that stop a year (check)
    "problem.flag": ("{name}：{city}的政策未列出身份“{flag}”；可选：{accepted}",
                     "{name}: flag '{flag}' is not listed by {city}; accepted: {accepted}"),
    "problem.scheme": ("{name}：{city}没有{scheme}的政策资料；可选：{schemes}",
                       "{name}: {city} has no {scheme} scheme on file; accepted: {schemes}"),
    "problem.visit": ("{name} 第{j}次就诊：{err}", "{name} visit {j}: {err}"),
    "problem.enrol_where": ("{name} {year}年参保记录：{msg}", "{name}'s enrolment {year}: {msg}"),
    "enrol.pays_for": ("{paid:d}缴费计入{cover}年，而非{year}年（集中缴费期 {window}）",
                       "paid {paid:d} pays for {cover}, not {year} (collection window {window})"),
    "problem.enrol_error": ("{name} {year}年参保记录：{msg}", "{name}'s enrolment {year}: {msg}"),
    "problem.situation": ("{city}的政策未列出情形“{sit}”；可选：{accepted}",
                          "situation '{sit}' is not listed by {city}; accepted: {accepted}"),
    # the year (run_year)
    "note.balance_missing": ("{who}：未填写个人账户年初余额，按0.00计",
                             "{who}: opening account balance not entered; taken as 0.00"),
    "note.credit_unknown": ("{who}：个人账户每月划入额未知（{why}）；只动用年初余额，个人账户金额为下限估计",
                            "{who}: monthly account credit unknown ({why}); only the opening "
                            "balance is drawn on, so account figures are a lower bound"),
    "note.not_drawn": ("{holder} → {ben} 的家庭共济绑定不符合规则：不使用该个人账户",
                       "binding {holder} → {ben} breaks a rule: not drawn on"),
    "note.share_unknown": ("{who}：个人缴费部分划入个人账户的金额未知（{why}）；"
                           "未计入，个人账户金额为下限估计",
                           "{who}: the credit from the employee's own contribution is unknown "
                           "({why}); it is not credited, so account figures are a lower bound"),
    "credit.share_needs_wage": ("按缴费基数（工资）计算，但未填写月工资",
                                "it is a share of the contribution base; no monthly wage entered"),
    # a member's 烟台 serious-illness cap derived from a supplied base (household.member_policy)
    "hh.derived_cap": ("用户提供的原限额 + 调整：{adjusted}（{parts:semi}）",
                       "Supplied base + adjustment: {adjusted} ({parts:semi})"),
    "hh.adjusted_cap_unknown": ("烟台按参保历史调整大病保险最高支付限额，但调整额未知，调整后限额未知。",
                                "The cap is adjusted by enrolment history, and the adjustment is "
                                "unknown."),
    "credit.no_source": ("资料未给出本市个人账户的划入标准",
                         "no source on file gives this city's personal-account credit"),
    "credit.needs_age": ("划入额按年龄确定，但未填写出生年份",
                         "the credit depends on age; birth year not entered"),
    "credit.no_row": ("没有适用于该成员的划入标准", "no credit row applies to this member"),
    "scope.unknown": ("资料未写明个人账户可以支付哪些费用；只用于政策范围内的个人自付部分。",
                      "No source on file says what the account may pay; it is drawn only for "
                      "in-policy self-pay."),
    # premiums and cover (member_enrolment, history)
    "enrol.old_policy": ("没有{city}{year}年的政策文件；按{pyear}年的数据计算。",
                         "No {year} policy for {city} is on file; the {pyear} figures are used."),
    "enrol.not_insured": ("未参保", "not insured"),
    "enrol.no_wage": ("未填写月工资（缴费基数）：在成员里填写（家庭界面按 e），"
                      "或在文件{year}年的参保记录中写 wage = <月缴费基数>",
                      "no wage given: enter the monthly wage (e on the member in the household "
                      "screen, or wage = <monthly base> in the {year} enrolment entry of the file)"),
    "enrol.tier": ("需要选择缴费档次：在{year}年的参保记录中加上 tier = {tiers:or}",
                   "a tier to choose: add tier = {tiers:or} to the {year} enrolment entry"),
    "enrol.no_rules": ("{city}的资料未给出{scheme}的参保缴费规则；就诊按在待遇期内计",
                       "{city} gives no enrolment rules for the {scheme} scheme in its sources; "
                       "visits are taken as covered"),
    "enrol.no_paid": ("未记录{year}年的缴费日期：就诊按在待遇期内计（在成员里填写缴费日期，家庭界面按 e；"
                      "或在文件{year}年的参保记录中写 paid = YYYY-MM-DD）",
                      "no payment date recorded for {year}: visits are taken as covered (enter "
                      "it on the member, e in the household screen, or paid = YYYY-MM-DD in the "
                      "{year} enrolment entry of the file)"),
    "enrol.old_rules": ("现有的参保缴费规则是{pyear}年的，不是{year}年的",
                        "the enrolment rules on file are for {pyear}, not {year}"),
    "enrol.no_start": ("资料未给出待遇起始日：受其影响的就诊是否在待遇期内未知",
                       "no source gives the cover start: visits dated by it are unknown"),
    "hist.lapsed": ("上一次参保记录为{last}年：此后{n}年未参保",
                    "last earlier enrolment {last}: {n} year(s) without cover since"),
    "hist.none": ("没有更早的参保记录：不计断保", "no earlier enrolment recorded: no lapse counted"),
    "hist.continuous": ("自{frm}年起连续参保年数（含{year}年）：{n}；零报销年度：{years:list}",
                        "continuous years from {frm}, {year} included: {n}; claim-free years: "
                        "{years:list}"),
    "hist.continuous_none": ("自{frm}年起连续参保年数（含{year}年）：{n}；没有零报销年度记录",
                             "continuous years from {frm}, {year} included: {n}; no claim-free "
                             "year recorded"),
    # binding rules (家庭共济)
    "rule.policy_none": ("{err}：账户持有人所在城市的家庭共济规定未知",
                         "{err}: the binding rules of the holder's city are unknown"),
    "rule.policy_silent": ("{city}的资料未提及家庭共济：本市各项规则均未知",
                           "the sources for {city} say nothing about binding (家庭共济): every "
                           "rule is unknown for this city"),
    "rule.holder_scheme": ("{holder}参加的是{scheme}，没有可共济的个人账户",
                           "{holder} is in the {scheme} scheme, which has no personal account to "
                           "share"),
    "rule.holder_uninsured": ("{holder}未参保，没有个人账户",
                              "{holder} is not insured, so has no personal account"),
    "rule.holder_ok": ("{holder}参加职工医保", "{holder} is in the employee scheme"),
    "rule.max_unknown": ("已绑定{n}人；{city}的资料未规定人数上限",
                         "{n} bound; {city}'s sources give no limit"),
    "rule.max_over": ("{ben}是{holder}绑定的第{k}位亲属；{city}最多允许{max}位，前{max}位照常共济",
                      "{ben} is the relative no. {k} bound to {holder}; {city} allows at most "
                      "{max}: the first {max} may still be drawn on"),
    "rule.max_ok": ("已绑定{n}人，最多{max}人", "{n} bound, at most {max}"),
    "rel.is": ("{ben}是{holder}的{rel}", "{ben} is {holder}'s {rel}"),
    "rel.is_how": ("{ben}是{holder}的{rel}（{how}）", "{ben} is {holder}'s {rel} ({how})"),
    "rel.set": ("按绑定中的设定", "as set in the binding"),
    "rel.own_child": ("按配偶的亲生子女计", "assumed to be the spouse's own child"),
    "rel.own_grandchild": ("按配偶的亲孙子女计", "assumed to be the spouse's own grandchild"),
    "rel.own_parent": ("按子女的亲生父母计", "assumed to be the child's own parent"),
    "rel.parents_married": ("按父母二人为夫妻计", "assumed the two parents are married to each other"),
    "rel.in_laws_married": ("按二人为夫妻计", "assumed the two are married to each other"),
    "rel.unknown": ("无法从与户主的关系推算{ben}（户主的{b}）是{holder}（户主的{h}）的什么人：请在绑定中设定"
                    "（家庭界面绑定时选择“亲属是持有人的”，或在文件的绑定中写 relations）",
                    "cannot tell from their relations to the head what {ben} (the head's {b}) is "
                    "to {holder} (the head's {h}): set it in the binding (“relative is holder's” "
                    "when binding in the household screen, or relations in the file)"),
    "rule.rel_unknown": ("{rel}：{city}的资料未说明能否绑定这一关系",
                         "{rel}: {city}'s sources do not show whether this relation may be bound"),
    "rule.rel_open": ("{rel}：不在{city}所列的亲属关系中，而所列并非全部",
                      "{rel}: not in {city}'s list, and the list is open"),
    "rule.rel_broken": ("{rel}：{city}只允许绑定{allowed:list}",
                        "{rel}: {city} allows only {allowed:list}"),
    "rule.region_same": ("两人都在{city}参保", "both insured in {city}"),
    "rule.region_unknown": ("{ben}在{bcity}参保，{holder}在{city}参保；"
                            "{city}的资料未说明能否绑定在外地参保的亲属",
                            "{ben} is insured in {bcity}, {holder} in {city}; {city}'s sources do "
                            "not say whether another city is allowed"),
    "rule.region_no_policy": ("{ben}在“{bcity}”参保，该地没有政策文件：所在省份未知",
                              "{ben} is insured in '{bcity}', which has no policy file: its "
                              "province is unknown"),
    "rule.region_city": ("{ben}在{bcity}参保；{city}只允许绑定在本市参保的亲属",
                         "{ben} is insured in {bcity}; {city} allows only relatives insured in the "
                         "same city"),
    "rule.region_province": ("{bcity}和{city}都在{prov}（省内跨统筹区）",
                             "{bcity} and {city} are both in {prov} (省内跨统筹区)"),
    "rule.region_broken": ("{ben}在{bcity}（{bprov}）参保；{city}只允许绑定在{prov}参保的亲属",
                           "{ben} is insured in {bcity} ({bprov}); {city} allows only relatives "
                           "insured in {prov}"),
    "rule.insured": ("{ben}已参保", "{ben} is insured"),
    "rule.uninsured_unknown": ("{ben}未参保；{city}的资料未说明这是否影响绑定",
                               "{ben} is not insured; {city}'s sources do not say whether that "
                               "matters"),
    "rule.uninsured": ("{ben}未参保", "{ben} is not insured"),
}
