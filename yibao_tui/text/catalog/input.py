"""Refusals of the one TOML input layer (core/tomlinput) and of the input rules shared by every
face (amounts, dates). Shown as ``file:line: reason``; ``at`` is the key path in the file
(``member[2].name``) and ``value`` the value as written, its control characters escaped."""

STRINGS = {
    "toml.too_big": ("文件有{size}个字符，超过上限{limit}", "{size} characters, over the limit of {limit}"),
    "toml.utf8": ("不是UTF-8文本：第{start}字节无法解码（{reason}）",
                  "not UTF-8 text: {reason} at byte {start}"),
    "toml.too_deep": ("表或数组嵌套超过{limit}层", "tables or arrays nested deeper than {limit} levels"),
    "toml.invalid": ("不是有效的TOML格式：{reason}", "not valid TOML: {reason}"),
    "toml.not_finite": ("{at}：{value}不是有限的数", "{at}: {value} is not a finite number"),
    "toml.number_range": ("{at}：数值{value}超出范围（指数超过±{limit}）",
                          "{at}: the number {value} is out of range (exponent over ±{limit})"),
    "toml.int_range": ("{at}：整数{value}超出64位范围", "{at}: the integer {value} does not fit in 64 bits"),
    "toml.string_long": ("{at}：文本有{length}个字符，超过上限{limit}",
                         "{at}: {length} characters, over the limit of {limit}"),
    "toml.control": ("{at}：“{value}”含有控制字符（{chars}），不予读取",
                     "{at}: '{value}' holds control characters ({chars}); refused"),
    "enrolment.err.date_range": ("日期{date:d}太晚：从它起算的期限超出了日历",
                                 "the date {date:d} is too late: a period counted from it leaves "
                                 "the calendar"),
}
