"""Names of the vocabulary (schemes, categories, care kinds, grades, cross-region statuses,
first-paid parts), of relations and of the binding rules, in Chinese and English: one name per idea
(shared/GLOSSARY.md). ``{x:label}`` in a template, or ``text.term(id, lang)``, looks them up.

A city's own names (its grades, diseases, flags, care labels) come from its policy file."""

STRINGS = {
    # a policy as a person names it: its city and year (name is the policy's {zh, en} name)
    "policy.city_year": ("{name} {year}", "{name} {year}"),
    "label.employee": ("职工医保", "employee scheme"),
    "label.resident": ("城乡居民医保", "resident scheme"),
    "label.active": ("在职", "active"),
    "label.retired": ("退休", "retired"),
    "label.adult": ("成年居民", "adult"),
    "label.minor": ("未成年人", "minor"),
    "label.student": ("在校学生", "student"),
    "label.outpatient": ("普通门诊", "outpatient"),
    "label.inpatient": ("住院", "inpatient"),
    "label.chronic": ("门诊慢特病", "chronic outpatient"),
    "label.two-disease": ("两病门诊用药", "hypertension / diabetes drugs"),
    "label.emergency": ("急诊抢救", "emergency rescue"),
    "label.primary": ("基层", "primary"),
    "label.1": ("一级", "grade 1"),
    "label.2": ("二级", "grade 2"),
    "label.3": ("三级", "grade 3"),
    "label.3-special": ("特三级", "grade 3 special"),
    "label.registered": ("已备案异地就医", "registered cross-region"),
    "label.unregistered": ("未备案异地就医", "unregistered cross-region"),
    "label.long-term": ("长期异地居住", "long-term resident elsewhere"),
    "label.not-direct": ("应直接结算未直接结算", "not settled directly"),
    "label.self-referred": ("未办转诊自行异地就医", "self-referred, no transfer"),
    "label.class_b": ("乙类先行自付", "class-B share paid first"),
    "label.special_drugs": ("特殊药品先行自付", "special drugs share paid first"),
    # relations: what B is to A
    "relation.self": ("本人", "self"),
    "relation.spouse": ("配偶", "spouse"),
    "relation.parent": ("父母", "parent"),
    "relation.child": ("子女", "child"),
    "relation.grandparent": ("祖父母/外祖父母", "grandparent"),
    "relation.grandchild": ("孙子女/外孙子女", "grandchild"),
    "relation.sibling": ("兄弟姐妹", "sibling"),
    "relation.parent-in-law": ("配偶的父母", "parent-in-law"),
    "relation.child-in-law": ("子女的配偶", "child-in-law"),
    "relation.other": ("其他", "other"),
    # binding rules (家庭共济)
    "rule_name.policy": ("共济规定", "binding rules on file"),
    # a rule's name says what the rule asks (须为 "must be"), never what was found: it heads a
    # ✓ line and a ✗ line alike
    "rule_name.holder_scheme": ("账户持有人须为职工医保", "holder must be in the employee scheme"),
    "rule_name.relations": ("可绑定的亲属关系", "relations that may be bound"),
    "rule_name.max_beneficiaries": ("可绑定人数", "number of relatives bound"),
    "rule_name.region": ("共济地域", "where the relative is insured"),
    "rule_name.beneficiary_insured": ("被绑定人须参保", "relative must be insured"),
}
