"""Your own policy files (``yibao policies path | new | check --strict | diff``): the strict
check's problems (core/policy/strict.py), shown as ``file:line: key.path (selectors): what`` like
the checker's, and the words of the new and diff commands.

The reader is a person writing or editing a policy file: keys, ids and TOML stay as the file
writes them in both languages; values from the file arrive already made safe to print.
"""

STRINGS = {
    # the strict check
    "strict.source_missing": ("资料原文 {source} {why}", "the source text {source} {why}"),
    "strict.source_not_found": ("未找到：请把原文存为该文件名，放在 --sources DIR 指明的目录"
                                "（默认：政策文件旁的 sources/）",
                                "was not found: save the text under that name in the directory "
                                "--sources DIR names (default: sources/ beside the policy file)"),
    "strict.source_unreadable": ("无法读取（{why}）", "cannot be read ({why})"),
    "strict.not_in_source": ("引文不在资料 {source} 中：“{part}”",
                             "the quote is not in its source {source}: “{part}”"),
    "strict.not_carried": ("{figure} = {v} 没有按原文写法出现在引文“{quote}”中（若原文确实无法写出，"
                           "在此行用 not_in_quote 写明理由）",
                           "{figure} = {v} is not written in its quote “{quote}” (if the source "
                           "cannot write it, say why in this row's not_in_quote)"),
    "strict.exception_carried": ("not_in_quote 列出的 {figure} 已在引文中写出：删去此例外",
                                 "not_in_quote names {figure}, which the quote now carries: remove "
                                 "the exception"),
    "strict.exception_no_figure": ("not_in_quote 列出的 {figure} 不是此行的数字",
                                   "not_in_quote names {figure}, which is not a figure of this row"),
    "strict.note_both": ("说明应同时有中文和英文：{{ zh = \"…\", en = \"…\" }}",
                         "the note must read in both languages: {{ zh = \"…\", en = \"…\" }}"),
    "strict.note_zh": ("zh 应是中文", "zh must be in Chinese"),
    "strict.note_en": ("en 应是英文", "en must be in English"),
    "strict.note_file": ("说明（{lang}）以文件名“{file}”指称资料：请用资料的标题或城市",
                         "the note ({lang}) names a source by its file name '{file}': name it by "
                         "its title or city"),
    "strict.unchecked": ("尚未对照{year}年的资料核对：核对数字和引文后删去 unchecked = {year}",
                         "not yet checked against a {year} source: check the figure and its "
                         "quote, then remove unchecked = {year}"),
    "strict.unchecked_source": ("新资料尚未填写：写上通知的标题（知道的话还有发布者、日期）后"
                                "删去 unchecked = {year}",
                                "the new source is not described yet: give the notice's title (and "
                                "publisher and date where known), then remove unchecked = {year}"),
    "strict.count": ("{n}个问题（--strict）", "{n} problems (--strict)"),
    "strict.clean": ("通过严格检查  {path}", "ok (strict)  {path}"),
    # yibao policies diff
    "pdiff.change": ("{at}：{old} → {new}", "{at}: {old} → {new}"),
    "pdiff.added": ("新增 {at}：{figures}", "added {at}: {figures}"),
    "pdiff.removed": ("删除 {at}：{figures}", "removed {at}: {figures}"),
    "pdiff.none": ("没有数字变化", "no figure changed"),
    "pdiff.count": ("{changes}处变化，新增{added}行，删除{removed}行",
                    "{changes} changed, {added} rows added, {removed} removed"),
    # yibao policies new
    "pnew.wrote": ("已写出草稿 {path}（据 {template}）", "wrote the draft {path} (from {template})"),
    "pnew.next": ("下一步：把{year}年的通知原文存为 {source}，逐项核对数字与引文并删去 unchecked，"
                  "然后运行 yibao policies check --strict {path}",
                  "next: save the {year} notice's text as {source}, check each figure and quote "
                  "and remove its unchecked, then run yibao policies check --strict {path}"),
    "pnew.replace": ("{path} 已存在，替换吗？（旧文件保留为 .bak）[y/N] ",
                     "{path} exists; replace it? (the old one is kept as .bak) [y/N] "),
    "pnew.header": (
        "草稿：由 yibao policies new 据 {template} 写出。每个数字都标着 unchecked = {year}："
        "尚未对照{year}年的资料核对。\n"
        "把{year}年的通知原文存为本文件旁的 sources/{source}，逐项对照它核对数字和引文（quote），"
        "核对一项删去一项的 unchecked，\n"
        "然后运行 yibao policies check --strict；都通过且确认无误后，把 checked 改为当天，"
        "删去 draft = true（在此之前估算都注明“草稿”）。",
        "DRAFT written by yibao policies new from {template}. Every figure carries unchecked = "
        "{year}:\nnot yet checked against a {year} source. Save the {year} notice's text as "
        "sources/{source} beside this file,\ncheck each figure and its quote against it, "
        "removing its unchecked, then run yibao policies check --strict;\nonce it passes and "
        "you trust it, set checked to the day and remove draft = true (estimates say \"draft\" "
        "until then)."),
    "pnew.not_marked": ("{at} 未能标记 unchecked（引文须单独占一行）",
                        "{at} could not be marked unchecked (a quote must be on a line of its own)"),
}
