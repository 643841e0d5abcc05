"""The doors' own words: a schema check's refusal of one key (``file:line:`` comes before it),
and the user's supplied-figures file (storage/supplied.py) refused as a whole."""

STRINGS = {
    "toml.schema": ("{at}：{why}", "{at}: {why}"),
    "supplied.file.error": ("{path}：{why}", "{path}: {why}"),
    "supplied.file.key": ("未知的键（此文件只含 [[supplied]] 条目）",
                          "unknown key (the file holds [[supplied]] entries)"),
    "supplied.file.entries": ("须为 [[supplied]] 条目（表的数组）",
                              "must be [[supplied]] entries (an array of tables)"),
    "supplied.file.str": ("须为文本", "must be text"),
    "supplied.file.int": ("须为整数（如2025）", "must be a whole number (such as 2025)"),
    "supplied.file.too_big": ("超过{max}，不是一个数额", "more than {max}: not a figure"),
}
