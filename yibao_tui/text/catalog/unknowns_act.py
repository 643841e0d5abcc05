"""Unknown figures you can act on (issue #20): the slip's part paid first, the compare command,
loose ranges, hints that name the commands that exist."""

STRINGS = {
    "range.loose": ("；{n}项数额未知，超出逐一组合的上限：此为宽松的范围",
                    "; {n} figures unknown, past the corners worked one by one: a loose bound"),
    # what to do about a figure no source gives: the command that records it (s in the app)
    "gap.todo_cmd": ("可向就诊医院或{city}医保经办机构询问；知道的数额可以记下（应用中按 s）："
                     "yibao supplied add --city {id} --path {path} --value … --note 来源",
                     "Ask the hospital or {city}'s medical insurance office; a figure you know can "
                     "be recorded (s in the app): yibao supplied add --city {id} --path {path} "
                     "--value … --note SOURCE"),
    # a range in a table's cell (compare, the household year): short, no spaces
    "range.cell": ("{lo:y}–{hi:y}", "{lo:y}–{hi:y}"),
    "slip.change.paid_first": ("你先行自付了{v:y}（如乙类先行自付部分）：可向医院索取费用明细清单",
                               "{v:y} paid first by you, e.g. a class-B share: ask for the itemised "
                               "bill"),
}
