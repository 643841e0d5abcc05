"""Display names ↔ ids: the Chinese (and English) names the app shows are accepted wherever an
id is (``--city 沈阳 --scheme 职工医保 --grade 特三级 --care 住院``, the wizard's prefill).

One lookup for every face: a name matches when it equals an id or one of its names, ignoring
spaces, case and quotes. A name nothing matches is ``NotAccepted``, whose message lists both
forms (``3 (三级), 3-special (特三级)``).
"""

from __future__ import annotations

from yibao_tui.core import policy as pol
from yibao_tui.core.policy import PolicyError
from yibao_tui.core.safe import safe

VOCAB = {"scheme": pol.SCHEMES, "category": pol.ALL_CATEGORIES, "care": pol.CARE_KINDS,
         "grade": pol.GRADES, "cross_region": pol.CROSS_REGION}


class NotAccepted(ValueError):
    """A value that is neither an id on offer nor one of its names: ``option`` (``--care``),
    ``value`` as typed, ``accepted`` (both forms, for the message)."""

    def __init__(self, option, value, accepted):
        self.option, self.value, self.accepted = option, value, accepted
        super().__init__(f"{option}: '{safe(value, 60)}' is not accepted; accepted: {accepted}")


def norm(text):
    """A name as compared: no spaces, case folded, no quotes."""
    return "".join(str(text).split()).casefold().replace("“", "").replace("”", "").replace('"', "")


def names(kind, ids, own=None):
    """{id: [names]}: the catalogue's label.<id> in each language, then ``own`` ({id: {zh, en}}:
    a policy's own names for its care kinds, grades, city)."""
    from yibao_tui.text import LANGS, label, term

    out = {}
    for i in ids:
        found = [term(i, lang) for lang in LANGS] if kind in VOCAB else []
        if own and own.get(i):
            found += [label(own[i], lang) for lang in LANGS]
        out[i] = list(dict.fromkeys(found))
    return out


def name_to_id(kind, text, ids=None, own=None):
    """The id ``text`` stands for — the id itself or one of its names (see ``names``) — or
    None. ``ids``: the ids on offer (default: the whole vocabulary of ``kind``)."""
    ids = list(VOCAB.get(kind, ()) if ids is None else ids)
    if text is None or text in ids:
        return text
    want = norm(text)
    for i, found in names(kind, ids, own).items():
        if want == norm(i) or any(want == norm(n) for n in found):
            return i
    return None


def accepted_text(kind, ids=None, own=None):
    """Both forms, for an error: ``3 (三级), 3-special (特三级)``."""
    ids = list(VOCAB.get(kind, ()) if ids is None else ids)
    out = []
    for i, found in names(kind, ids, own).items():
        shown = [n for n in found if norm(n) != norm(i)]
        out.append(f"{i} ({' / '.join(shown)})" if shown else i)
    return ", ".join(out) or "none"


def resolve_names(policy, scheme, care, grade):
    """(care, grade) as the policy's ids: a name the policy itself gives (沈阳 门诊统筹) is taken;
    an id the policy lacks is left for the engine to refuse. A name nothing matches is
    NotAccepted, listing both forms."""
    sch = policy.scheme(scheme)
    if sch is None:
        return care, grade
    if care is not None and sch.care(care) is None:
        cares = {k: sch.care(k).label for k in sch.care_ids}
        found = name_to_id("care", care, list(cares), cares)
        if found is None and care not in pol.CARE_KINDS:
            raise NotAccepted("--care", care, accepted_text("care", list(cares), cares))
        care = found or care
    if grade is not None and grade not in policy.grades:
        found = name_to_id("grade", grade, list(policy.grades), policy.grades)
        if found is None and grade not in pol.GRADES:
            raise NotAccepted("--grade", grade,
                              accepted_text("grade", list(policy.grades), policy.grades))
        grade = found or grade
    return care, grade


def city_id(text, dirs):
    """A policy file's city id for ``text`` (the id, or the city's name: 沈阳 / Shenyang), or
    None if neither."""
    known = pol.cities(dirs)
    if text in known:
        return text
    want = norm(text)
    for city in known:
        found = pol.find(city, None, dirs)
        try:
            name = pol.load(found[0]).name
        except PolicyError:
            continue
        if want in (norm(name.get("zh", "")), norm(name.get("en", ""))):
            return city
    return None
