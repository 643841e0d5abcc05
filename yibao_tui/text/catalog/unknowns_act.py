"""Unknown figures you can act on (issue #20): the slip's part paid first, the compare command,
loose ranges, hints that name the commands that exist."""

STRINGS = {
    # a range in a table's cell (compare, the household year): short, no spaces
    "range.cell": ("{lo:y}–{hi:y}", "{lo:y}–{hi:y}"),
    "slip.change.paid_first": ("你先行自付了{v:y}（如乙类先行自付部分）：可向医院索取费用明细清单",
                               "{v:y} paid first by you, e.g. a class-B share: ask for the itemised "
                               "bill"),
}
