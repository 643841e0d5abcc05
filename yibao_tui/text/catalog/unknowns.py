"""Unknown figures in plain words, who would know them, and ranges over them (issue #12).

``unk.fig.*``: the figure a ``missing`` / ``unchecked`` name stands for ({care} is the care kind's
name, {part} a first-paid part, {status} a cross-region status id). ``unk.ask.*``: who would know
it — never a number or an office the sources do not give. ``range.*``: an amount as a range.
"""

STRINGS = {
    "unk.fig.deductible": ("{care}起付线", "{care} deductible"),
    "unk.fig.rate": ("{care}报销比例", "{care} rate"),
    "unk.fig.cap": ("{care}年度最高支付限额", "{care} annual cap"),
    "unk.fig.first_pay": ("{care}{part:label}比例", "{care}: {part:label}"),
    "unk.fig.fund_cap": ("统筹基金年度最高支付限额", "the fund's annual cap"),
    "unk.fig.si.threshold": ("大病保险起付标准", "the serious-illness threshold"),
    "unk.fig.si.rate": ("大病保险支付比例", "the serious-illness rate"),
    "unk.fig.si.cap": ("大病保险最高支付限额", "the serious-illness cap"),
    "unk.fig.cross_region": ("{status:label}的报销比例", "the rate for {status:label} care"),
    "unk.fig.cover": ("待遇起始日", "the date cover starts"),
    "unk.fig.day": ("就诊的具体日期（只知道月份）", "the visit's day (only its month is known)"),
    "unk.fig.other": ("{path}", "{path}"),
    "unk.ask.hospital": ("医院的收费公示或结算单", "the hospital's price notice or your settlement slip"),
    "unk.ask.office": ("{city}医保经办机构", "the {city} 医保 office"),
    "unk.ask.records": ("你自己的就诊记录", "your own records of the visit"),
    "unk.ask.policy": ("{where}（见“{title}”）", "{where} (see “{title}”)"),
    "unk.who": ("{items:semi}", "{items:semi}"),
    "unk.describe": ("{figure}：资料未给出。可查看或询问：{who}",
                     "{figure}: not in the sources. Where to find it: {who}"),
    "range.amount": ("{lo:y} – {hi:y}", "{lo:y} – {hi:y}"),
    "range.fund": ("统筹基金 {r}", "fund {r}"),
    "range.serious_illness": ("大病保险 {r}", "serious illness {r}"),
    "range.self_pay": ("个人自付 {r}", "you pay {r}"),
    "range.line": ("{parts}（取决于：{figures:list}）", "{parts} (depending on: {figures:list})"),
    "range.none": ("无法给出范围（{figures:list}不是可填写的数额）",
                   "no range can be given ({figures:list}: not a figure a value can fill)"),
    "range.headline": ("最多自付 {hi:y}", "you pay at most {hi:y}"),
    # yibao supplied list: the user's own figures
    "mine.none": ("还没有你提供的数额（{path}）", "No figures supplied by you yet ({path})"),
    "mine.entry": ("{n}. {city} · {figure} {sel} = {value} {per} — 用户提供：{note}  [{path}]",
                   "{n}. {city} · {figure} {sel} = {value} {per} — supplied by you: {note}  [{path}]"),
}
