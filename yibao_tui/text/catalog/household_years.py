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
