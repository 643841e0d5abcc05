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
    # the fill-in form (tui/screens/wizard/supply.py)
    "supply.title": ("填写资料未给出的数额 — {city}", "Fill in a figure the sources leave out — {city}"),
    "supply.figure": ("哪一项：", "Which figure:"),
    "supply.value": ("数额（元；比例写 60% 或 0.6）：", "Value (yuan; a rate as 60% or 0.6):"),
    "supply.value_ph": ("例如 800", "e.g. 800"),
    "supply.per": ("按：", "Per:"),
    "supply.note": ("来源（必填：医院公示、医保窗口告知……）：",
                    "Where it came from (required: the hospital's notice, the 医保 office …):"),
    "supply.note_ph": ("例如 医院收费公示 2025-03", "e.g. hospital notice, March 2025"),
    "supply.hint": ("Ctrl+S 保存 · Esc 取消 · 保存后标为“用户提供”，资料给出的数额始终优先",
                    "Ctrl+S save · Esc cancel · marked “supplied by you”; "
                    "a figure the sources give always wins"),
    "supply.none": ("这一步没有可填写的未知数额。", "Nothing on this step can be filled in."),
    "supply.hint_none": ("Esc 关闭", "Esc close"),
    "supply.bad_value": ("数额须是数字（比例写 60% 或 0.6）",
                         "The value must be a number (a rate as 60% or 0.6)"),
    "supply.need_note": ("请写明来源", "Say where the figure came from"),
    "supply.failed": ("未能保存：{err}", "Could not save: {err}"),
    "supply.saved": ("已保存（第{n}项，{path}）", "Saved (figure {n}, {path})"),
    "supply.key.save": ("保存", "save"),
    # your figures for the city, listed from the breakdown (s on a step supplied by you)
    "yours.title": ("你为{city}填写的数额", "Your figures for {city}"),
    "yours.item": ("{n}. {figure}：{value}（{note}）", "{n}. {figure}: {value} ({note})"),
    "yours.hint": ("Enter 删除选中的一项（先确认）· Esc 关闭", "Enter removes the highlighted one "
                   "(asked first) · Esc closes"),
    "yours.confirm": ("删除你填写的数额？{item}", "Remove your figure? {item}"),
    "yours.remove": ("删除", "Remove"),
    "yours.none": ("你没有为这座城市填写数额。", "You have given no figures for this city."),
    "yours.removed": ("已删除你填写的数额：估算改按资料（或范围）计算。",
                      "Your figure is removed: the estimate goes back to the sources (or a range)."),
    "supply.key.open": ("填写数额", "fill in"),
}
