"""What the core says where a source is silent and no row gives a note of its own (engine step
notes), and the names it gives things that are not files. Loaded with the engine's section: an
estimate shows these."""

STRINGS = {
    "step_note.no_share": ("资料未给出这部分的先行自付比例。", "The source gives no share for this part."),
    "step_note.no_deductible": ("资料未给出此起付线。", "No source gives this deductible."),
    "step_note.no_rate": ("资料未给出此报销比例。", "No source gives this rate."),
    "step_note.no_cross_region_rate": ("资料未给出这种异地就医情形的报销比例。",
                                       "No source gives the rate for this status."),
    # a member being added, checked as a file would be before it is saved into one
    "where.new_member": ("新成员", "new member"),
}
