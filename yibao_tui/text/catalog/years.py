"""Policy years (core/policy/years.py): the one sentence for a day no policy file covers, said
first on every view; a draft file; a day a dated value refuses; the checker's date problems.
Loaded right after the engine's strings: ``yibao estimate --json`` says the year too."""

STRINGS = {
    "policy.year.newest": ("{asked}年 — {city}现有最新的政策文件是{year}年的；按其数字计算",
                           "{asked} — {city}'s newest policy on file is {year}; its figures are used"),
    "policy.year.oldest": ("{asked}年 — {city}现有最早的政策文件是{year}年的；按其数字计算",
                           "{asked} — {city}'s oldest policy on file is {year}; its figures are used"),
    "policy.year.between": ("{asked}年 — 没有{city}{asked}年的政策文件；按{year}年的数字计算",
                            "{asked} — no {city} policy for {asked} is on file; {year}'s figures "
                            "are used"),
    "policy.year.draft": ("草稿 — {city}{year}年的政策文件是草稿，其数字尚未与来源核对",
                          "draft — {city}'s {year} policy file is a draft: its figures are not yet "
                          "checked against a source"),
    "policy.year.differed": ("{day:d}：{city}{year}年政策文件写明 {path} 自{start:d}起施行，此前的数字"
                             "不同，而现有政策文件都未给出，无法估算",
                             "{day:d}: {city}'s {year} policy file says {path} holds from "
                             "{start:d}; it was different before, and no policy on file gives it, "
                             "so this day cannot be estimated"),
    "years.check.to_and_until": ("to 与 until 只写一个（二者同义）",
                                 "give one of 'to' and 'until' (they mean the same)"),
    "years.check.span_year": ("日期范围不含{year}年的任何一天", "the span holds no day of {year}"),
    "years.check.draft_bool": ("应为 true 或 false", "must be true or false"),
}
