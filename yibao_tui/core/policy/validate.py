"""Strict validation of a parsed policy file: every problem as ``file: key.path: what``."""

from __future__ import annotations

import datetime as _dt
from decimal import Decimal

from yibao_tui.core.policy.checks import _CITE, Checks, _num
from yibao_tui.core.vocab import (
    CARE_KINDS,
    CATEGORIES,
    CROSS_REGION,
    FIRST_PAY_PARTS,
    GRADES,
    SCHEMES,
    SI_BASES,
)

_TOP = {"schema", "city", "year", "name", "province", "effective", "checked", "rounding",
        "sources", "grades", "flags", "caveats", "ask", *SCHEMES}
_SCHEME = {"label", "categories", "fund_cap", "serious_illness", "cross_region", "care", "note"}
_CARE = {"label", "grades", "categories", "diseases", "disease_required", "deductible",
         "deductible_exempt", "deductible_once_a_year", "repeat_stays", "rate", "cap",
         "first_pay", "note"}
_SI = {"covers", "base", "threshold", "rate", "cap", "note"}


def _is_date(v):
    return isinstance(v, _dt.date) and not isinstance(v, _dt.datetime)


def _extensions():
    """Sections validated outside this module: {name: fn(validator, value, path)} for the top
    level and for a scheme table. Households and enrolment rules register theirs here."""
    top, scheme = {}, {}
    # Imported on first load, not with the package: the wizard starts without household code.
    from yibao_tui.core.policy import sections

    for mod in sections.MODULES:
        top.update(getattr(mod, "TOP", {}))
        scheme.update(getattr(mod, "SCHEME", {}))
    return top, scheme


class _Validator(Checks):
    def run(self, d):
        top_ext, self.scheme_ext = _extensions()
        self.keys(d, _TOP | set(top_ext), "")
        if d.get("schema") != 1:
            self.err("schema", "must be 1 (the schema this version reads)")
        city = d.get("city")
        if not (isinstance(city, str) and city and city.replace("-", "").isalnum()):
            self.err("city", "must be a lower-case id such as 'liaoyang'")
        elif not self.name.startswith(city + "-"):
            self.err("city", f"'{city}' does not match the file name (expected {city}-<year>.toml)")
        year = d.get("year")
        if not isinstance(year, int) or isinstance(year, bool) or not 2000 <= year <= 2100:
            self.err("year", "must be the policy year, e.g. 2025")
        elif not self.name.endswith(f"-{year}.toml"):
            self.err("year", f"{year} does not match the file name")
        for k in ("name", "province"):
            self.labelled(d.get(k), k)
        eff = d.get("effective")
        if eff is not None and self.keys(eff, {"from", "to"}, "effective"):
            for k in ("from", "to"):
                if k in eff and not _is_date(eff[k]):
                    self.err(f"effective.{k}", f"must be a date (YYYY-MM-DD), not '{eff[k]}'")
            if _is_date(eff.get("from")) and _is_date(eff.get("to")) and eff["to"] < eff["from"]:
                self.err("effective", f"ends ({eff['to']}) before it starts ({eff['from']})")
        if "checked" not in d:
            self.err("checked", "missing: the date the figures were last checked against the source")
        elif not _is_date(d["checked"]):
            self.err("checked", f"must be a date (YYYY-MM-DD), not '{d['checked']}'")
        self.rounding(d.get("rounding"))
        sources = d.get("sources")
        if not isinstance(sources, dict) or not sources:
            self.err("sources", "must list the source files figures cite")
            sources = {}
        for s, t in sources.items():
            self.source(t, f"sources.{s}")
        self.sources = sources
        grades = d.get("grades")
        if not isinstance(grades, dict) or not grades:
            self.err("grades", "must define the hospital grades the city uses")
            grades = {}
        for g, lab in grades.items():
            if g not in GRADES:
                self.err(f"grades.{g}", f"unknown grade (allowed: {', '.join(GRADES)})")
            self.labelled(lab, f"grades.{g}")
        self.grades = set(grades)
        flags = d.get("flags", {})
        if not isinstance(flags, dict):
            self.err("flags", "must be a table")
            flags = {}
        for f, lab in flags.items():
            self.labelled(lab, f"flags.{f}")
        self.flags = set(flags)
        caveats = d.get("caveats", [])
        if not isinstance(caveats, list):
            self.err("caveats", "must be an array of tables")
        else:
            for i, c in enumerate(caveats):
                self.keys(c, {"zh", "en"}, f"caveats[{i}]")
                self.labelled(c, f"caveats[{i}]")
        # Where to ask about unknown figures: only a place a source names, quoted.
        if "ask" in d and self.keys(d["ask"], {"zh", "en", "source", "quote"}, "ask"):
            self.labelled(d["ask"], "ask")
            self.cite(d["ask"], "ask")
        if not any(s in d for s in SCHEMES):
            self.err("", "defines no scheme (employee or resident)")
        for s in SCHEMES:
            if s in d:
                self.scheme(s, d[s])
        # Extension sections last: they cite sources and may name grades or flags.
        for k, fn in top_ext.items():
            if k in d:
                fn(self, d[k], k)
        self.notes(d, "")
        return self.problems

    def source(self, t, p):
        """A cited document: its title (what a person reads), and where known who published it
        and when."""
        if not self.keys(t, {"title", "publisher", "date", "url", "note"}, p):
            return
        if not (isinstance(t.get("title"), str) and t["title"].strip()):
            self.err(f"{p}.title", "missing: the source's title (shown wherever a figure cites it)")
        for k in ("publisher", "url", "note"):
            if k in t and not (isinstance(t[k], str) and t[k].strip()):
                self.err(f"{p}.{k}", "must be a non-empty string")
        d = t.get("date")
        if d is not None and not ((isinstance(d, str) and d.strip())
                                  or (isinstance(d, _dt.date) and not isinstance(d, _dt.datetime))):
            self.err(f"{p}.date", "must be a date (YYYY-MM-DD) or the date as the source prints it")

    def notes(self, node, path):
        """Every ``note``: a {zh, en} table (a screen shows the note in one language; JSON and
        the Markdown export keep both), or, in a user's own file, one string for both."""
        if isinstance(node, list):
            for i, v in enumerate(node):
                self.notes(v, f"{path}[{i}]")
            return
        if not isinstance(node, dict):
            return
        for k, v in node.items():
            p = f"{path}.{k}" if path else k
            if k == "note" and not (
                    (isinstance(v, str) and v.strip())
                    or (isinstance(v, dict) and set(v) == {"zh", "en"}
                        and all(isinstance(x, str) and x.strip() for x in v.values()))):
                self.err(p, "must be { zh = \"…\", en = \"…\" } (or one string)")
            else:
                self.notes(v, p)

    def rounding(self, r):
        if not self.keys(r, {"unit", "mode", "residual", "note"}, "rounding"):
            return
        if r.get("unit") not in (Decimal("0.01"), Decimal("0.1"), 1):
            self.err("rounding.unit", "must be 0.01, 0.1 or 1")
        if r.get("mode") not in ("half-up", "half-even", "down"):
            self.err("rounding.mode", "must be half-up, half-even or down")
        if r.get("residual") not in (None, "self_pay"):
            self.err("rounding.residual", "must be self_pay")

    def scheme(self, s, t):
        if not self.keys(t, _SCHEME | set(self.scheme_ext), s):
            return
        self.labelled(t.get("label"), f"{s}.label")
        cats = t.get("categories")
        if not isinstance(cats, list) or not cats:
            self.err(f"{s}.categories", f"must list categories ({', '.join(CATEGORIES[s])})")
            cats = []
        for c in cats:
            if c not in CATEGORIES[s]:
                self.err(f"{s}.categories", f"'{c}' is not a {s} category "
                         f"(allowed: {', '.join(CATEGORIES[s])})")
        self.cats = set(cats)
        care = t.get("care")
        if not isinstance(care, dict) or not care:
            self.err(f"{s}.care", "must define at least one care kind")
            care = {}
        for k, c in care.items():
            if k not in CARE_KINDS:
                self.err(f"{s}.care.{k}", f"unknown care kind (allowed: {', '.join(CARE_KINDS)})")
                continue
            self.care(s, k, c, care)
        kinds = set(care)
        # Extension sections last: they may check against this scheme's categories and care.
        self.kinds = kinds
        for k, fn in self.scheme_ext.items():
            if k in t:
                fn(self, t[k], f"{s}.{k}")
        if "fund_cap" in t:
            self.rows(t["fund_cap"], f"{s}.fund_cap", "money", {"per", "covers"}, sel=set(),
                      per=("year",))
            for i, r in enumerate(t["fund_cap"] if isinstance(t["fund_cap"], list) else []):
                self.covers(r.get("covers"), kinds, f"{s}.fund_cap[{i}].covers")
        if "serious_illness" in t:
            si = t["serious_illness"]
            p = f"{s}.serious_illness"
            if self.keys(si, _SI, p):
                self.covers(si.get("covers"), kinds, f"{p}.covers")
                base = si.get("base")
                if not isinstance(base, list) or not base or any(b not in SI_BASES for b in base):
                    self.err(f"{p}.base", f"must list what counts ({', '.join(SI_BASES)})")
                for k in ("threshold", "rate", "cap"):
                    if k not in si:
                        self.err(f"{p}.{k}", "missing (write an unknown row if no source gives it)")
                fctx = {"flags": self.flags}
                for k, kind, extra in (("threshold", "money", set()), ("rate", "rate", set()),
                                       ("cap", "cap", {"per"})):
                    self.rows(si.get(k, []), f"{p}.{k}", kind, extra, ctx=fctx, sel={"flags"},
                              per=("year",))
        for i, r in enumerate(t.get("cross_region", [])):
            p = f"{s}.cross_region[{i}]"
            if not self.keys(r, {"status", "adjust", "set", "unknown"} | _CITE, p):
                continue
            if r.get("status") not in CROSS_REGION:
                self.err(f"{p}.status", f"must be one of {', '.join(CROSS_REGION)}")
            n = sum(k in r for k in ("adjust", "set", "unknown"))
            if n != 1:
                self.err(p, "needs exactly one of adjust, set, unknown")
            if "adjust" in r and not (_num(r["adjust"]) and -1 <= r["adjust"] <= 0):
                self.err(f"{p}.adjust", "must be a reduction between -1 and 0")
            if "set" in r:
                self.rate(r["set"], f"{p}.set")
            self.cite(r, p)

    def care(self, s, k, c, allcare):
        p = f"{s}.care.{k}"
        if not self.keys(c, _CARE, p):
            return
        self.labelled(c.get("label"), f"{p}.label")
        grades = c.get("grades")
        if not isinstance(grades, list) or not grades:
            self.err(f"{p}.grades", "must list the hospital grades where this care is paid")
            grades = []
        for g in grades:
            if g not in self.grades:
                self.err(f"{p}.grades", f"grade '{g}' is not defined in [grades]")
        cats = c.get("categories", sorted(self.cats))
        for cat in cats:
            if cat not in self.cats:
                self.err(f"{p}.categories", f"category '{cat}' is not defined for {s}")
        diseases = c.get("diseases", {})
        if not isinstance(diseases, dict):
            self.err(f"{p}.diseases", "must be a table of disease id = { zh, en }")
            diseases = {}
        for dz, lab in diseases.items():
            self.labelled(lab, f"{p}.diseases.{dz}")
        if c.get("disease_required") and not diseases:
            self.err(f"{p}.disease_required", "no diseases are defined")
        ctx = {"grades": set(grades), "categories": set(cats), "diseases": set(diseases),
               "flags": self.flags}
        for need in ("deductible", "rate"):
            if need not in c:
                self.err(f"{p}.{need}", "missing (write an unknown row if no source gives it)")
        self.rows(c.get("deductible", []), f"{p}.deductible", "money", {"per"}, ctx=ctx,
                  allow_same_as=allcare)
        self.rows(c.get("rate", []), f"{p}.rate", "rate", set(), ctx=ctx, allow_same_as=allcare)
        self.rows(c.get("cap", []), f"{p}.cap", "cap", {"per"}, ctx=ctx)
        self.rows(c.get("first_pay", []), f"{p}.first_pay", "rate", {"part"}, ctx=ctx)
        for i, r in enumerate(c.get("first_pay", [])):
            if isinstance(r, dict) and r.get("part") not in FIRST_PAY_PARTS:
                self.err(f"{p}.first_pay[{i}].part", f"must be one of {', '.join(FIRST_PAY_PARTS)}")
        for key in ("deductible_exempt", "deductible_once_a_year"):
            for i, r in enumerate(c.get(key, [])):
                rp = f"{p}.{key}[{i}]"
                if self.keys(r, {"diseases"} | _CITE, rp):
                    self.selectors(r, rp, ctx)
                    if not r.get("diseases"):
                        self.err(rp, "must list diseases")
                    self.cite(r, rp)
        for i, r in enumerate(c.get("repeat_stays", [])):
            rp = f"{p}.repeat_stays[{i}]"
            if not self.keys(r, {"stay", "stay_from", "factor", "value"} | _CITE, rp):
                continue
            if sum(k in r for k in ("stay", "stay_from")) != 1:
                self.err(rp, "needs exactly one of stay, stay_from (the stay's number in the year)")
            for k in ("stay", "stay_from"):
                if k in r and not (isinstance(r[k], int) and r[k] >= 2):
                    self.err(f"{rp}.{k}", "must be a whole number ≥ 2")
            if sum(k in r for k in ("factor", "value")) != 1:
                self.err(rp, "needs exactly one of factor (× the deductible) or value (yuan)")
            if "factor" in r:
                self.rate(r["factor"], f"{rp}.factor")
            if "value" in r:
                self.money(r["value"], f"{rp}.value")
            self.cite(r, rp)
