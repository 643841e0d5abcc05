"""The household engine's messages in Chinese and English: ``Msg(key, **args).text(lang)``.

``household.py`` builds a ``Msg`` (a key into ``MESSAGES`` and its values) where it used to build
an English sentence; screens, the CLI and ``yibao ask`` format it in their language when shown,
as engine steps do with ``Step.text(lang)`` and ``engine.ARITH``. ``str(msg)`` is the English.

Values inside a template (``_Fmt``):

- a ``(zh, en)`` tuple picks the language (a city name, a relation, a scheme);
- a ``Msg`` is formatted in the same language (a reason inside a sentence);
- a list is joined: ``{x:list}`` with 、 / ", ", ``{x:or}`` with 或 / " or ", ``{x:semi}``
  with ；/ "; " (each item itself a value as above);
- a date with ``{x:ym}`` is the month only, 2024年5月 / May 2024 (household visits record a
  month, not a day); ``{x:d}`` is the ISO date.

Terms follow shared/GLOSSARY.md (家庭共济, 个人账户, 统筹基金 …). No Textual here.
"""

from __future__ import annotations

from .engine import month_pair

_JOIN = {"list": ("、", ", "), "or": ("或", " or "), "semi": ("；", "; ")}


def month_text(d, lang="en"):
    """2024年5月 / May 2024: a date whose day is not known."""
    return month_pair(d)[0 if lang == "zh" else 1]


def pick(v, lang):
    """A value as shown in ``lang``: a Msg formatted, a (zh, en) tuple picked, else str()."""
    if isinstance(v, Msg):
        return v.text(lang)
    if isinstance(v, tuple):
        return str(v[0 if lang == "zh" else 1])
    return str(v)


class _Fmt:
    __slots__ = ("lang", "v")

    def __init__(self, v, lang):
        self.v = v
        self.lang = lang

    def __format__(self, spec):
        v, lang = self.v, self.lang
        if spec in _JOIN:
            return _JOIN[spec][0 if lang == "zh" else 1].join(pick(x, lang) for x in v)
        if spec == "ym":
            return month_text(v, lang)
        if spec == "d":
            return v.isoformat()
        return format(pick(v, lang), spec)


class Msg:
    """A message: a ``MESSAGES`` key and its values, formatted only when shown."""

    __slots__ = ("args", "key")

    def __init__(self, key, **args):
        if key not in MESSAGES:
            raise KeyError(key)
        self.key = key
        self.args = args

    @classmethod
    def of(cls, v):
        """``v`` as a Msg: a Msg as is, None as None, any other text shown as written in both
        languages (a policy file's note is already bilingual)."""
        if v is None or isinstance(v, Msg):
            return v
        return cls("verbatim", s=str(v))

    def text(self, lang="en"):
        t = MESSAGES[self.key][0 if lang == "zh" else 1]
        return t.format_map({k: _Fmt(v, lang) for k, v in self.args.items()})

    def __str__(self):
        return self.text("en")

    def __repr__(self):
        return f"Msg({self.key!r}, {self.args!r})"

    def __eq__(self, other):
        return isinstance(other, Msg) and (self.key, self.args) == (other.key, other.args)

    def __hash__(self):
        return hash((self.key, tuple(sorted(self.args))))


def text(v, lang="en"):
    """A Msg, tuple or plain value (or None) as text in ``lang``; None stays None."""
    return None if v is None else pick(v, lang)


def texts(vs, lang="en"):
    return [pick(v, lang) for v in vs]


# (zh, en) templates. Placeholders are filled by ``_Fmt`` (see the module docstring).
MESSAGES = {
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
    "problem.enrol_where": ("成员“{id}” {year}年参保记录：{msg}", "member '{id}' enrolment {year}: {msg}"),
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
    "credit.share_needs_wage": ("按缴费基数（工资）计算，但未填写工资",
                                "it is a share of the contribution base; no wage entered"),
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
    "enrol.no_wage": ("未填写工资：在{year}年的参保记录中加上 wage = <月缴费基数>",
                      "no wage given: add wage = <monthly contribution base> to the {year} "
                      "enrolment entry"),
    "enrol.tier": ("需要选择缴费档次：在{year}年的参保记录中加上 tier = {tiers:or}",
                   "a tier to choose: add tier = {tiers:or} to the {year} enrolment entry"),
    "enrol.no_rules": ("{city}的资料未给出{scheme}的参保缴费规则；就诊按在待遇期内计",
                       "{city} gives no enrolment rules for the {scheme} scheme in its sources; "
                       "visits are taken as covered"),
    "enrol.no_paid": ("未记录{year}年的缴费日期：就诊按在待遇期内计（在{year}年的参保记录中加上 "
                      "paid = YYYY-MM-DD）",
                      "no payment date recorded for {year}: visits are taken as covered "
                      "(add paid = YYYY-MM-DD to the {year} enrolment entry)"),
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
    "rule.max_broken": ("已绑定{n}位亲属；{city}最多允许{max}位",
                        "{n} relatives bound; {city} allows at most {max}"),
    "rule.max_ok": ("已绑定{n}人，最多{max}人", "{n} bound, at most {max}"),
    "rel.is": ("{ben}是{holder}的{rel}", "{ben} is {holder}'s {rel}"),
    "rel.is_how": ("{ben}是{holder}的{rel}（{how}）", "{ben} is {holder}'s {rel} ({how})"),
    "rel.set": ("按绑定中的设定", "as set in the binding"),
    "rel.own_child": ("按配偶的亲生子女计", "assumed to be the spouse's own child"),
    "rel.own_grandchild": ("按配偶的亲孙子女计", "assumed to be the spouse's own grandchild"),
    "rel.own_parent": ("按子女的亲生父母计", "assumed to be the child's own parent"),
    "rel.parents_married": ("按父母二人为夫妻计", "assumed the two parents are married to each other"),
    "rel.in_laws_married": ("按二人为夫妻计", "assumed the two are married to each other"),
    "rel.unknown": ("无法推算户主的{b}与户主的{h}之间的关系；请在绑定中设定 relations = {{ {id} = \"…\" }}",
                    "cannot tell what a {b} of the head is to a {h} of the head; set "
                    "relations = {{ {id} = \"…\" }} in the binding"),
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

# The household file's problems (household.parse), shown as ``file:line: reason``. ``what`` /
# ``where`` are (zh, en) pairs such as (成员“kid”第1次就诊, member 'kid' visit 1); key names and
# values stay as written in the file.
MESSAGES.update({
    "file.toml": ("不是有效的TOML格式：{e}", "not valid TOML: {e}"),
    "file.utf8": ("不是UTF-8文本：第{start}字节无法解码（{reason}）",
                  "not UTF-8 text: {reason} at byte {start}"),
    "file.table": ("{what}必须是一个表（table）", "{what} must be a table"),
    "file.entry_table": ("{what}：必须是一个表（table）", "{what}: must be a table"),
    "file.unknown_key": ("{what}：未知的键“{k}”（可用：{allowed}）",
                         "{what}: unknown key '{k}' (allowed: {allowed})"),
    "file.schema_missing": ("缺少 schema：家庭档案以 schema = 1 开头",
                            "schema: missing; a household file starts with schema = 1"),
    "file.schema_newer": ("schema {schema} 由较新版本的 yibao-tui 写入；本版本只能读取 schema "
                          "{known}。文件未改动。",
                          "schema {schema} was written by a newer yibao-tui; this version reads "
                          "schema {known}. The file is left as it is."),
    "file.schema_bad": ("schema {schema} 无效", "schema {schema} is not valid"),
    "file.name": ("name：家庭档案需要一个名称", "name: the household needs a name"),
    "file.year": ("year：须为就诊所在的年份，例如 2025", "year: must be the year of the visits, e.g. 2025"),
    "file.members": ("member：须写成 [[member]] 表", "member: must be [[member]] tables"),
    "file.bindings": ("binding：须写成 [[binding]] 表", "binding: must be [[binding]] tables"),
    "file.supplied": ("supplied：须写成 [[supplied]] 表", "supplied: must be [[supplied]] tables"),
    "file.id_twice": ("成员 id“{mid}”用了两次", "member id '{mid}' is used twice"),
    "file.head": ("须有且只有一位成员的 relation = \"self\"（户主）；现有{n}位",
                  "exactly one member has relation = \"self\" (the head of the household); "
                  "found {n}"),
    "file.bound_twice": ("“{ben}”与“{holder}”的家庭共济绑定写了两次",
                         "'{ben}' is bound to '{holder}' twice"),
    "file.supplied_city": ("{what}：缺少 city：家庭档案中用户提供的数据须写明适用的城市"
                           "（例如 city = \"yantai\"）",
                           "{what}: city is missing: a household's supplied figure names the city "
                           "it is for (e.g. city = \"yantai\")"),
    "file.supplied_nobody": ("{what}：没有成员在“{city}”参保", "{what}: no member is insured in '{city}'"),
    "file.supplied_bad": ("{what}：{why}", "{what}: {why}"),
    "file.id_card": ("疑似身份证号码：yibao-tui 不保存身份证号，请删除",
                     "looks like an ID-card number: yibao-tui stores none; remove it"),
    # a member
    "file.member_id": ("{what}：id 须为简短的小写标识，如“mum”（字母、数字、- 和 _）",
                       "{what}: id must be a short lower-case id such as 'mum' (letters, digits, "
                       "- and _)"),
    "file.member_name": ("{what}：缺少姓名（name）", "{what}: name is missing"),
    "file.member_relation": ("{what}：relation“{rel}”不在可选范围内：{accepted}",
                             "{what}: relation '{rel}' is not one of {accepted}"),
    "file.member_city": ("{what}：缺少参保地（city，例如 liaoyang）",
                         "{what}: city is missing (e.g. liaoyang)"),
    "file.member_insured": ("{what}：insured 须为 true 或 false", "{what}: insured must be true or false"),
    "file.member_scheme": ("{what}：险种（scheme）“{scheme}”不在可选范围内：{accepted}",
                           "{what}: scheme '{scheme}' is not one of {accepted}"),
    "file.member_category": ("{what}：category“{cat}”不是{scheme}的类别（可选：{accepted}）",
                             "{what}: category '{cat}' is not one of {accepted} (the {scheme} "
                             "scheme)"),
    "file.member_birth": ("{what}：birth_year 须为1900至{year}年之间的年份",
                          "{what}: birth_year must be a year between 1900 and {year}"),
    "file.member_flags": ("{what}：flags 须为名称列表", "{what}: flags must be a list of names"),
    "file.member_account": ("{what}：只有职工医保成员才有个人账户（居民医保没有个人账户）",
                            "{what}: only an employee-scheme member has a personal account "
                            "(居民医保没有个人账户)"),
    "file.member_amount": ("{what}：{k} {err}", "{what}: {k} {err}"),
    "file.member_enrolment": ("{what}：enrolment 须为 {{ year = … }} 表的列表",
                              "{what}: enrolment must be a list of {{ year = … }} tables"),
    "file.enrol_twice": ("{what}：{year}年在{city}（{scheme}）有两条参保记录",
                         "{what}: two enrolment entries for {year} in {city}, {scheme} scheme"),
    "file.member_visits": ("{what}：就诊须写成 [[member.visit]] 表",
                           "{what}: visits must be [[member.visit]] tables"),
    "file.member_uninsured": ("{what}：未参保，没有可估算的就诊",
                              "{what}: is not insured, so has no visits to estimate"),
    # an enrolment entry
    "file.enrol_year": ("{what}：每条参保记录都需要年份（year）",
                        "{what}: each enrolment entry needs a year"),
    "file.enrol_city": ("{what}：city 须为城市名，例如 liaoyang",
                        "{what}: city must be a city name such as liaoyang"),
    "file.enrol_scheme": ("{what}：参保险种“{scheme}”不在可选范围内：{accepted}",
                          "{what}: enrolment scheme '{scheme}' is not one of {accepted}"),
    "file.enrol_claim_free": ("{what}：claim_free 须为 true 或 false",
                              "{what}: claim_free must be true or false"),
    "file.enrol_date": ("{what}：{k} 须为日期，例如 2024-10-15（年-月-日），而不是“{v}”",
                        "{what}: {k} must be a date such as 2024-10-15 (year-month-day), not '{v}'"),
    "file.enrol_paid": ("{what}：缴费日期 {paid} 不能缴{year}年的费：某一年的费在当年或上一年缴纳",
                        "{what}: paid {paid} cannot pay for {year}: a payment for a year is made in "
                        "that year or the year before"),
    "file.enrol_born": ("{what}：出生日期 {born} 晚于缴费日期 {paid}",
                        "{what}: born {born} is after paid {paid}"),
    "file.enrol_tier": ("{what}：缴费档次（tier）须为1或以上的整数（烟台：1或2）",
                        "{what}: tier must be a whole number, 1 or more (烟台: 1 or 2)"),
    "file.enrol_wage": ("{what}：wage（月缴费基数）只适用于职工医保",
                        "{what}: wage (the monthly contribution base) applies to the employee scheme "
                        "only"),
    "file.enrol_situations": ("{what}：situations 须为标识列表，例如 [\"newborn\"]"
                              "（见 'yibao cover --city … --list'）",
                              "{what}: situations must be a list of ids, e.g. [\"newborn\"] (see "
                              "'yibao cover --city … --list')"),
    # a visit
    "file.visit_month": ("{what}：月份（month）须为1–12（就诊按月份顺序计算）",
                         "{what}: month must be 1–12 (visits are taken in month order)"),
    "file.visit_care": ("{what}：就诊类型（care）“{care}”不在可选范围内：{accepted}",
                        "{what}: care '{care}' is not one of {accepted}"),
    "file.visit_grade": ("{what}：医院级别（grade）“{grade}”不在可选范围内：{accepted}",
                         "{what}: grade '{grade}' is not one of {accepted}"),
    "file.visit_amount": ("{what}：缺少政策范围内费用（amount）", "{what}: amount is missing"),
    "file.visit_cross": ("{what}：cross_region 须为以下之一：{accepted}",
                         "{what}: cross_region must be among {accepted}"),
    "file.visit_stay": ("{what}：stay 须为1或以上", "{what}: stay must be 1 or more"),
    "file.visit_day": ("{what}：day 须为{month}月中的一天（1–{days}）",
                       "{what}: day must be a day of month {month} (1–{days})"),
    "file.visit_parts": ("{what}：乙类先行自付与特殊药品部分之和超过费用",
                         "{what}: class-B and special-drug parts exceed the amount"),
    # a binding (家庭共济)
    "file.bind_holder": ("{what}：账户持有人“{holder}”不是成员",
                         "{what}: holder '{holder}' is not a member"),
    "file.bind_bens": ("{what}：beneficiaries 须列出成员 id", "{what}: beneficiaries must list member ids"),
    "file.bind_not_member": ("{what}：“{b}”不是成员", "{what}: '{b}' is not a member"),
    "file.bind_self": ("{what}：“{b}”不能绑定自己的个人账户",
                       "{what}: '{b}' cannot be bound to their own account"),
    "file.bind_twice": ("{what}：有成员列了两次", "{what}: a member is listed twice"),
    "file.bind_relations": ("{what}：relations 须为表 {{ 成员 = 关系 }}",
                            "{what}: relations must be a table {{ member = relation }}"),
    "file.bind_rel_who": ("{what}：relations 中的“{k}”不是被绑定人",
                          "{what}: relations names '{k}', who is not a beneficiary"),
    "file.bind_rel": ("{what}：关系“{rel}”不在可选范围内：{accepted}",
                      "{what}: relation '{rel}' is not one of {accepted}"),
    # amounts (household.money)
    "money.type": ("须为以元为单位的金额", "must be an amount in yuan"),
    "money.bad": ("“{v}”不是以元为单位的金额", "'{v}' is not an amount in yuan"),
    "money.negative": ("{v}不是非负金额", "{v} is not a non-negative amount"),
    "money.too_big": ("{v}超过{max}元", "{v} is more than {max} yuan"),
    "money.decimals": ("{v}的小数超过两位", "{v} has more than two decimals"),
})
