"""The cost curve (issue #14): break points in words, the plain line for one more 1,000 yuan, the
break-point table's headings and the plot screen. ``{a}`` is an amount already written short
(30,600 · 5,266.67), ``{n}`` a band's number."""

STRINGS = {
    "curve.title": ("费用增长曲线：{what}", "How the cost grows: {what}"),
    "curve.sub": ("费用增长曲线", "How the cost grows"),
    "curve.break.deductible": ("起付线 {a}", "deductible {a}"),
    "curve.break.band": ("第{n}段 {a}起", "band {n} from {a}"),
    "curve.break.tier": ("{a}以上整单换比例", "whole-bill rate above {a}"),
    "curve.break.cap": ("封顶 {a}", "cap reached {a}"),
    "curve.break.fund_cap": ("统筹基金封顶 {a}", "fund's annual cap reached {a}"),
    "curve.break.si_threshold": ("大病保险起 {a}", "serious illness from {a}"),
    "curve.break.si_band": ("大病第{n}段 {a}起", "serious illness band {n} from {a}"),
    "curve.break.si_cap": ("大病封顶 {a}", "serious-illness cap reached {a}"),
    "curve.break.change": ("变化点 {a}", "change at {a}"),
    "curve.jump": ("{a}：基金 {lo} → {hi}（多花1分钱，基金多付{d}）",
                   "{a}: fund {lo} → {hi} (one fen more, the fund pays {d} more)"),
    "curve.at": ("基金 {f} · 大病 {s} · 自付 {p}", "fund {f} · serious illness {s} · you pay {p}"),
    "curve.per1000": ("每多花1,000元，您多付{p}元（当前区间）",
                      "Each 1,000 more, you pay {p} more (in this range)"),
    "curve.per1000.unknown": ("每多花1,000元，您多付多少：未知（当前区间）",
                              "Each 1,000 more: what you pay is unknown (in this range)"),
    "curve.none": ("到 {a} 为止没有变化点", "no break up to {a}"),
    "curve.unknown": ("未知：{what:list}（给出的是已知部分）",
                      "Unknown: {what:list} (the known part is shown)"),
    "curve.col.break": ("变化点", "break"),
    "curve.col.amount": ("费用", "bill"),
    "curve.col.at": ("此处", "there"),
    "curve.md.title": ("费用增长的变化点", "Where the cost changes"),
    "curve.legend": ("{p} 自付  {s} 大病  {f} 基金  {u} 未知  │ 当前 {a}",
                     "{p} you pay  {s} serious illness  {f} fund  {u} unknown  │ now {a}"),
    "curve.axis": ("费用（元）", "bill (yuan)"),
    "curve.marks": ("{items}", "{items}"),
    "curve.error": ("无法画出曲线：{why}", "No curve can be drawn: {why}"),
    # the breakdown screen's key that opens the plot (tui/screens/wizard/curve.py)
    "key.curve": ("曲线", "Curve"),
}
