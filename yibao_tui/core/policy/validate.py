"""Strict validation of a parsed policy file: every problem as (file, line, Msg), worded by the
text layer as ``file:line: key.path: what`` (catalogue ``check.*``)."""

from __future__ import annotations

from decimal import Decimal

from yibao_tui.core.msg import Msg
from yibao_tui.core.policy import sections
from yibao_tui.core.policy.checks import CITE, Checks, is_date, is_number, shown
from yibao_tui.core.safe import safe
from yibao_tui.core.vocab import (
    CARE_KINDS,
    CATEGORIES,
    CROSS_REGION,
    FIRST_PAY_PARTS,
    GRADES,
    SCHEMES,
    SI_BASES,
)

_TOP = {"schema", "city", "year", "name", "province", "effective", "draft", "checked", "rounding",
        "sources", "grades", "flags", "caveats", "ask", *SCHEMES, *sections.TOP}
_SCHEME = {"label", "categories", "fund_cap", "serious_illness", "cross_region", "care", "note",
           *sections.SCHEME}
_CARE = {"label", "grades", "categories", "diseases", "disease_required", "deductible",
         "deductible_exempt", "deductible_once_a_year", "repeat_stays", "rate", "cap",
         "first_pay", "note"}
_SI = {"covers", "base", "threshold", "rate", "cap", "note"}
_SOURCE = {"title", "publisher", "date", "url", "note", "unchecked"}  # unchecked: as on a row


def validate(data, name, text=None):
    """Every problem of a parsed policy file ``name``, as (file, line or None, Msg) in the
    order of the file: the Msg is ``check.at`` (its ``at`` the key path, its ``what`` what is
    wrong). ``text``, the file's text (str or UTF-8 bytes), gives the lines. [] when the file
    is valid."""
    from yibao_tui.core.policy.types import wrong_types

    found = wrong_types(data) or Validator(name).run(data)  # types first: rules see their types
    if not found:
        return []
    finder = None
    if text:
        from yibao_tui.core.tomlinput import line_finder

        finder = line_finder(text.decode("utf-8") if isinstance(text, bytes) else text)
    out = [(name, finder.line(key_path(path, data)) if finder else None,
            Msg("check.at", at=safe(path, 200), what=msg) if path else msg)
           for path, msg in found]
    out.sort(key=lambda p: (p[1] is None, p[1] or 0))  # stable: the walk's order within a line
    return out


def key_path(path, doc):
    """``employee.care.outpatient.rate[0].value`` as the keys and indexes it names in ``doc``;
    a key holding a dot (``sources."000_….txt"``) is found whole."""
    parts = []
    for part in path.split("."):
        name, _, rest = part.partition("[")
        parts.append(name)
        parts += [int(i) for i in rest.replace("]", " ").split() if i.isdigit()]
    out, node, i = [], doc, 0
    while i < len(parts):
        j = i + 1
        if isinstance(node, dict):  # the longest run of names that is one key here
            for k in range(len(parts), i, -1):
                run = parts[i:k]
                if all(isinstance(x, str) for x in run) and ".".join(run) in node:
                    j = k
                    break
        key = parts[i] if j == i + 1 else ".".join(parts[i:j])
        out.append(key)
        node = (node.get(key) if isinstance(node, dict)
                else node[key] if isinstance(node, list) and isinstance(key, int) and key < len(node)
                else None)
        i = j
    return tuple(out)


class Validator(Checks):
    """Walks a parsed policy file: the top-level tables, each scheme and care kind; the sections
    of other features (households, enrolment) through ``sections``."""

    def run(self, d):
        """Every problem as (key path, Msg); [] when the file is valid."""
        self.keys(d, _TOP, "")
        self.identity(d)
        self.sources = self.source_list(d.get("sources"))
        self.grades = self.grade_list(d.get("grades"))
        self.flags = self.flag_list(d.get("flags", {}))
        self.caveats(d.get("caveats", []))
        # Where to ask about unknown figures: only a place a source names, quoted.
        if "ask" in d and self.keys(d["ask"], {"zh", "en", "source", "quote", "unchecked"}, "ask"):
            self.labelled(d["ask"], "ask")
            self.cite(d["ask"], "ask")
        if not any(s in d for s in SCHEMES):
            self.err("", "check.no_scheme")
        for s in SCHEMES:
            if s in d:
                self.scheme(s, d[s])
        # Other features' sections last: they cite sources and may name grades or flags.
        for k in sections.TOP:
            if k in d:
                sections.validator("TOP", k)(self, d[k], k)
        self.notes(d, "")
        return self.problems

    def identity(self, d):
        """schema, city, year (matching the file name), name, province, effective, checked,
        rounding."""
        if d.get("schema") != 1:
            self.err("schema", "check.schema")
        city = d.get("city")
        if not (isinstance(city, str) and city and city.replace("-", "").isalnum()):
            self.err("city", "check.city_id")
        elif not self.name.startswith(city + "-"):
            self.err("city", "check.city_file", city=shown(city))
        year = d.get("year")
        if not isinstance(year, int) or isinstance(year, bool) or not 2000 <= year <= 2100:
            self.err("year", "check.year")
        elif not self.name.endswith(f"-{year}.toml"):
            self.err("year", "check.year_file", year=year)
        for k in ("name", "province"):
            self.labelled(d.get(k), k)
        if d.get("effective") is not None and self.keys(d["effective"], {"from", "to", "until"},
                                                        "effective"):
            self.dates(d["effective"], "effective", year)
        if "draft" in d and not isinstance(d["draft"], bool):
            self.err("draft", "years.check.draft_bool")
        if "checked" not in d:
            self.err("checked", "check.checked_missing")
        elif not is_date(d["checked"]):
            self.err("checked", "check.date_not", v=shown(d["checked"]))
        self.rounding(d.get("rounding"))

    def source_list(self, sources):
        if not isinstance(sources, dict) or not sources:
            self.err("sources", "check.sources")
            return {}
        for s, t in sources.items():
            self.source(t, f"sources.{s}")
        return sources

    def grade_list(self, grades):
        if not isinstance(grades, dict) or not grades:
            self.err("grades", "check.grades")
            return set()
        for g, lab in grades.items():
            if g not in GRADES:
                self.err(f"grades.{g}", "check.grade_unknown", allowed=list(GRADES))
            self.labelled(lab, f"grades.{g}")
        return set(grades)

    def flag_list(self, flags):
        if not isinstance(flags, dict):
            self.err("flags", "check.table")
            return set()
        for f, lab in flags.items():
            self.labelled(lab, f"flags.{f}")
        return set(flags)

    def caveats(self, caveats):
        if not isinstance(caveats, list):
            self.err("caveats", "check.array")
            return
        for i, c in enumerate(caveats):
            self.keys(c, {"zh", "en"}, f"caveats[{i}]")
            self.labelled(c, f"caveats[{i}]")

    def source(self, t, p):
        """A cited document: its title (what a person reads), and where known who published it
        and when."""
        if not self.keys(t, _SOURCE, p):
            return
        if not (isinstance(t.get("title"), str) and t["title"].strip()):
            self.err(f"{p}.title", "check.title_missing")
        for k in ("publisher", "url", "note"):
            if k in t and not (isinstance(t[k], str) and t[k].strip()):
                self.err(f"{p}.{k}", "check.nonempty_string")
        d = t.get("date")
        if d is not None and not ((isinstance(d, str) and d.strip()) or is_date(d)):
            self.err(f"{p}.date", "check.source_date")
        self.marks(t, p)

    def notes(self, node, path):
        """Every ``note``: a {zh, en} table (a screen shows the note in one language; JSON and
        the Markdown export keep both), or, in a user's own file, one string for both."""
        stack = [(path, node)]
        while stack:  # iterative and cheap: every table of the file is visited
            path, node = stack.pop()
            if isinstance(node, list):
                kids = [(f"{path}[{i}]", v) for i, v in enumerate(node)
                        if isinstance(v, (dict, list))]
            else:
                kids = []
                for k, v in node.items():
                    if k == "note" and not _note_ok(v):
                        self.err(f"{path}.{k}" if path else k, "check.note_form")
                    elif isinstance(v, (dict, list)):
                        kids.append((f"{path}.{k}" if path else k, v))
            stack.extend(reversed(kids))  # in the file's order

    def rounding(self, r):
        if not self.keys(r, {"unit", "mode", "residual", "note"}, "rounding"):
            return
        if r.get("unit") not in (Decimal("0.01"), Decimal("0.1"), 1):
            self.err("rounding.unit", "check.one_of", choices=["0.01", "0.1", "1"])
        if r.get("mode") not in ("half-up", "half-even", "down"):
            self.err("rounding.mode", "check.one_of", choices=["half-up", "half-even", "down"])
        if r.get("residual") not in (None, "self_pay"):
            self.err("rounding.residual", "check.one_of", choices=["self_pay"])

    def scheme(self, s, t):
        if not self.keys(t, _SCHEME, s):
            return
        self.labelled(t.get("label"), f"{s}.label")
        self.cats = self.scheme_categories(s, t.get("categories"))
        care = t.get("care")
        if not isinstance(care, dict) or not care:
            self.err(f"{s}.care", "check.care_none")
            care = {}
        for k, c in care.items():
            if k not in CARE_KINDS:
                self.err(f"{s}.care.{k}", "check.care_unknown", allowed=list(CARE_KINDS))
                continue
            self.care(s, k, c, care)
        # Other features' sections next: they may check against this scheme's categories and care.
        self.kinds = kinds = set(care)
        for k in sections.SCHEME:
            if k in t:
                sections.validator("SCHEME", k)(self, t[k], f"{s}.{k}")
        if "fund_cap" in t:
            self.rows(t["fund_cap"], f"{s}.fund_cap", "money", {"per", "covers"}, sel=(),
                      per=("year",))
            for i, r in enumerate(t["fund_cap"] if isinstance(t["fund_cap"], list) else []):
                if isinstance(r, dict):
                    self.covers(r.get("covers"), kinds, f"{s}.fund_cap[{i}].covers")
        if "serious_illness" in t:
            self.serious_illness(t["serious_illness"], f"{s}.serious_illness", kinds)
        for i, r in enumerate(self.array(t.get("cross_region", []), f"{s}.cross_region")):
            self.cross_region(r, f"{s}.cross_region[{i}]")

    def scheme_categories(self, s, cats):
        if not isinstance(cats, list) or not cats:
            self.err(f"{s}.categories", "check.categories_list", allowed=list(CATEGORIES[s]))
            return set()
        for c in cats:
            if c not in CATEGORIES[s]:
                self.err(f"{s}.categories", "check.category_not", c=shown(c), scheme=s,
                         allowed=list(CATEGORIES[s]))
        return set(cats)

    def serious_illness(self, si, p, kinds):
        if not self.keys(si, _SI, p):
            return
        self.covers(si.get("covers"), kinds, f"{p}.covers")
        base = si.get("base")
        if not isinstance(base, list) or not base or any(b not in SI_BASES for b in base):
            self.err(f"{p}.base", "check.si_base", allowed=list(SI_BASES))
        for k in ("threshold", "rate", "cap"):
            if k not in si:
                self.err(f"{p}.{k}", "check.missing_row")
        ctx = {"flags": self.flags}
        for k, kind, extra in (("threshold", "money", set()), ("rate", "rate", set()),
                               ("cap", "cap", {"per"})):
            self.rows(si.get(k, []), f"{p}.{k}", kind, extra, ctx=ctx, sel=("flags",),
                      per=("year",))

    def cross_region(self, r, p):
        if not self.keys(r, {"status", "adjust", "set", "unknown"} | CITE, p):
            return
        if r.get("status") not in CROSS_REGION:
            self.err(f"{p}.status", "check.one_of", choices=list(CROSS_REGION))
        if sum(k in r for k in ("adjust", "set", "unknown")) != 1:
            self.err(p, "check.exactly_one", forms=["adjust", "set", "unknown"])
        if "adjust" in r and not (is_number(r["adjust"]) and -1 <= r["adjust"] <= 0):
            self.err(f"{p}.adjust", "check.adjust")
        if "set" in r:
            self.rate(r["set"], f"{p}.set")
        self.cite(r, p)

    def care(self, s, k, c, allcare):
        p = f"{s}.care.{k}"
        if not self.keys(c, _CARE, p):
            return
        self.labelled(c.get("label"), f"{p}.label")
        ctx = self.care_context(s, c, p)
        for need in ("deductible", "rate"):
            if need not in c:
                self.err(f"{p}.{need}", "check.missing_row")
        self.rows(c.get("deductible", []), f"{p}.deductible", "money", {"per"}, ctx=ctx,
                  allow_same_as=allcare)
        self.rows(c.get("rate", []), f"{p}.rate", "rate", set(), ctx=ctx, allow_same_as=allcare)
        self.rows(c.get("cap", []), f"{p}.cap", "cap", {"per"}, ctx=ctx)
        self.rows(c.get("first_pay", []), f"{p}.first_pay", "rate", {"part"}, ctx=ctx)
        for i, r in enumerate(self.array(c.get("first_pay", []))):
            if isinstance(r, dict) and r.get("part") not in FIRST_PAY_PARTS:
                self.err(f"{p}.first_pay[{i}].part", "check.one_of", choices=list(FIRST_PAY_PARTS))
        for key in ("deductible_exempt", "deductible_once_a_year"):
            for i, r in enumerate(self.array(c.get(key, []), f"{p}.{key}")):
                self.disease_rule(r, f"{p}.{key}[{i}]", ctx)
        for i, r in enumerate(self.array(c.get("repeat_stays", []), f"{p}.repeat_stays")):
            self.repeat_stay(r, f"{p}.repeat_stays[{i}]")

    def care_context(self, s, c, p):
        """The grades, categories and diseases a care kind's rows may select."""
        grades = c.get("grades")
        if not isinstance(grades, list) or not grades:
            self.err(f"{p}.grades", "check.care_grades")
            grades = []
        for g in grades:
            if g not in self.grades:
                self.err(f"{p}.grades", "check.grade_undefined", g=shown(g))
        cats = c.get("categories", sorted(self.cats))
        if not isinstance(cats, list) or not cats:
            self.err(f"{p}.categories", "check.nonempty_list")
            cats = []
        for cat in cats:
            if cat not in self.cats:
                self.err(f"{p}.categories", "check.category_undefined", c=shown(cat), scheme=s)
        diseases = c.get("diseases", {})
        if not isinstance(diseases, dict):
            self.err(f"{p}.diseases", "check.diseases_table")
            diseases = {}
        for dz, lab in diseases.items():
            self.labelled(lab, f"{p}.diseases.{dz}")
        if c.get("disease_required") and not diseases:
            self.err(f"{p}.disease_required", "check.no_diseases")
        return {"grades": set(grades), "categories": set(cats), "diseases": set(diseases),
                "flags": self.flags}

    def disease_rule(self, r, rp, ctx):
        """A deductible_exempt or deductible_once_a_year row: the diseases it names, cited."""
        if self.keys(r, {"diseases", "in_city"} | CITE, rp):
            self.selectors(r, rp, ctx)
            if not isinstance(r.get("in_city", False), bool):
                self.err(f"{rp}.in_city", "check.bool")
            if not r.get("diseases"):
                self.err(rp, "check.diseases_list")
            self.cite(r, rp)

    def repeat_stay(self, r, rp):
        if not self.keys(r, {"stay", "stay_from", "factor", "value"} | CITE, rp):
            return
        if sum(k in r for k in ("stay", "stay_from")) != 1:
            self.err(rp, "check.stay_one")
        for k in ("stay", "stay_from"):
            if k in r and not (isinstance(r[k], int) and r[k] >= 2):
                self.err(f"{rp}.{k}", "check.whole_min", min=2)
        if sum(k in r for k in ("factor", "value")) != 1:
            self.err(rp, "check.factor_or_value")
        if "factor" in r:
            self.rate(r["factor"], f"{rp}.factor")
        if "value" in r:
            self.money(r["value"], f"{rp}.value")
        self.cite(r, rp)


def _note_ok(v):
    if isinstance(v, str):
        return bool(v.strip())
    return (isinstance(v, dict) and set(v) == {"zh", "en"}
            and all(isinstance(x, str) and x.strip() for x in v.values()))
