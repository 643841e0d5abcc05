"""Policy files: find, parse and strictly validate ``policies/<city>-<year>.toml``.

This module is on the ``yibao estimate`` fast path: it imports only tomllib, decimal and os,
and loads just the city asked for. The schema is documented in ``policies/README.md``.
"""

from __future__ import annotations

import os
import tomllib
from decimal import Decimal

SCHEMES = ("employee", "resident")
CATEGORIES = {"employee": ("active", "retired"), "resident": ("adult", "minor", "student")}
ALL_CATEGORIES = (*CATEGORIES["employee"], *CATEGORIES["resident"])
CARE_KINDS = ("outpatient", "inpatient", "chronic", "two-disease", "emergency")
GRADES = ("primary", "1", "2", "3", "3-special")
PERIODS = ("visit", "quarter", "year")
CROSS_REGION = ("registered", "unregistered", "long-term", "not-direct", "self-referred")
FIRST_PAY_PARTS = ("class_b", "special_drugs")
SI_BASES = ("self_pay", "beyond_fund_cap")
EDGES = ("inclusive", "exclusive")

# Labels for the ideas above, one name per idea (shared/GLOSSARY.md).
LABELS = {
    "employee": ("职工医保", "employee scheme"),
    "resident": ("城乡居民医保", "resident scheme"),
    "active": ("在职", "active"),
    "retired": ("退休", "retired"),
    "adult": ("成年居民", "adult"),
    "minor": ("未成年人", "minor"),
    "student": ("在校学生", "student"),
    "outpatient": ("普通门诊", "outpatient"),
    "inpatient": ("住院", "inpatient"),
    "chronic": ("门诊慢特病", "chronic outpatient"),
    "two-disease": ("两病门诊用药", "hypertension / diabetes drugs"),
    "emergency": ("急诊抢救", "emergency rescue"),
    "primary": ("基层", "primary"),
    "1": ("一级", "grade 1"),
    "2": ("二级", "grade 2"),
    "3": ("三级", "grade 3"),
    "3-special": ("特三级", "grade 3 special"),
    "registered": ("已备案异地就医", "registered cross-region"),
    "unregistered": ("未备案异地就医", "unregistered cross-region"),
    "long-term": ("长期异地居住", "long-term resident elsewhere"),
    "not-direct": ("应直接结算未直接结算", "not settled directly"),
    "self-referred": ("未办转诊自行异地就医", "self-referred, no transfer"),
    "class_b": ("乙类先行自付", "class-B share paid first"),
    "special_drugs": ("特殊药品先行自付", "special drugs share paid first"),
}

DEFAULT_DIR_ENV = "YIBAO_POLICIES"


class PolicyError(Exception):
    """A policy file that cannot be used. ``problems`` are ``file: key.path: what is wrong``."""

    def __init__(self, problems):
        self.problems = list(problems)
        super().__init__("\n".join(self.problems))


class Policy:
    """One city's policy for one year, validated. Figures stay in plain dicts and lists."""

    __slots__ = ("caveats", "checked", "city", "data", "effective", "flags", "grades", "name",
                 "path", "province", "rounding", "schemes", "sources", "year")

    def __init__(self, data, path):
        self.data = data
        self.path = path
        self.city = data["city"]
        self.year = data["year"]
        self.name = data["name"]
        self.province = data["province"]
        self.effective = data.get("effective", {})
        self.checked = data.get("checked")
        self.rounding = data["rounding"]
        self.sources = data.get("sources", {})
        self.grades = data["grades"]
        self.flags = data.get("flags", {})
        self.caveats = data.get("caveats", [])
        self.schemes = {s: data[s] for s in SCHEMES if s in data}

    def label(self, lang="zh"):
        i = 0 if lang == "zh" else 1
        return f"{(self.name['zh'], self.name['en'])[i]} {self.year}"

    def care(self, scheme, care):
        return self.schemes[scheme]["care"][care]


# ───────────────────────────── finding files ─────────────────────────────

def bundled_dir():
    """policies/ inside an installed wheel, or at the top of a source checkout."""
    pkg = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))  # yibao_tui/
    for cand in (os.path.join(pkg, "policies"), os.path.join(os.path.dirname(pkg), "policies")):
        if os.path.isdir(cand):
            return cand
    return None


def search_dirs(extra=None):
    """User dirs first (``--policies``, then ``$YIBAO_POLICIES``), bundled last."""
    dirs = []
    for d in (extra, os.environ.get(DEFAULT_DIR_ENV)):
        if d:
            dirs.extend(p for p in d.split(os.pathsep) if p)
    b = bundled_dir()
    if b:
        dirs.append(b)
    return dirs


def _city_year(filename):
    stem = filename[:-5]
    city, sep, year = stem.rpartition("-")
    if not sep or not year.isdigit() or not city:
        return None
    return city, int(year)


def policy_files(dirs):
    """{(city, year): path}, earlier dirs winning."""
    found = {}
    for d in dirs:
        try:
            names = sorted(os.listdir(d))
        except OSError:
            continue
        for n in names:
            if n.endswith(".toml"):
                cy = _city_year(n)
                if cy and cy not in found:
                    found[cy] = os.path.join(d, n)
    return found


def cities(dirs):
    """{city: [years, newest first]}."""
    out = {}
    for city, year in policy_files(dirs):
        out.setdefault(city, []).append(year)
    for ys in out.values():
        ys.sort(reverse=True)
    return out


def find(city, year=None, dirs=None):
    """Path and year of the policy for ``city``: the given year, or the newest not after it.

    Returns (path, year) or None when the city has no file at all.
    """
    dirs = search_dirs() if dirs is None else dirs
    best = None
    prefix = city + "-"
    for d in dirs:
        try:
            names = os.listdir(d)
        except OSError:
            continue
        for n in names:
            if not (n.startswith(prefix) and n.endswith(".toml")):
                continue
            cy = _city_year(n)
            if not cy or cy[0] != city:
                continue
            y = cy[1]
            if year is not None and y > year:
                continue
            if best is None or y > best[1]:
                best = (os.path.join(d, n), y)
    if best is None and year is not None:
        # Only later years exist: use the oldest, and the caller says so.
        later = [find(city, None, [d]) for d in dirs]
        later = [x for x in later if x]
        return min(later, key=lambda x: x[1]) if later else None
    return best


def load(path):
    """Read and validate one policy file; raise PolicyError listing every problem."""
    name = os.path.basename(path)
    try:
        with open(path, "rb") as f:
            text = f.read().decode("utf-8")
    except (OSError, UnicodeDecodeError) as e:
        raise PolicyError([f"{name}: cannot read: {e}"]) from None
    try:
        data = tomllib.loads(text, parse_float=Decimal)
    except tomllib.TOMLDecodeError as e:
        raise PolicyError([f"{name}: not valid TOML: {e}"]) from None
    problems = _Validator(name).run(data)
    if problems:
        raise PolicyError(problems)
    for k, v in data.items():
        if k not in ("schema", "year", "checked", "effective"):
            _decimals(v)
    return Policy(data, path)


_FIGURE_KEYS = frozenset({"value", "up_to", "rate", "adjust", "set", "factor"})


def _decimals(node):
    """TOML integers are ints: make every figure a Decimal so the engine sees one type."""
    if isinstance(node, dict):
        for k, v in node.items():
            if k in _FIGURE_KEYS and isinstance(v, int) and not isinstance(v, bool):
                node[k] = Decimal(v)
            else:
                _decimals(v)
    elif isinstance(node, list):
        for v in node:
            _decimals(v)


def load_city(city, year=None, dirs=None):
    found = find(city, year, dirs)
    if not found:
        raise LookupError(city)
    return load(found[0])


# ───────────────────────────── validation ─────────────────────────────

_TOP = {"schema", "city", "year", "name", "province", "effective", "checked", "rounding",
        "sources", "grades", "flags", "caveats", *SCHEMES}
_SCHEME = {"label", "categories", "fund_cap", "serious_illness", "cross_region", "care", "note"}
_CARE = {"label", "grades", "categories", "diseases", "disease_required", "deductible",
         "deductible_exempt", "deductible_once_a_year", "repeat_stays", "rate", "cap",
         "first_pay", "note"}
_SI = {"covers", "base", "threshold", "rate", "cap", "note"}


def _extensions():
    """Sections validated outside this module: {name: fn(validator, value, path)} for the top
    level and for a scheme table. Households and enrolment rules register theirs here."""
    top, scheme = {}, {}
    from yibao_tui.core import sections as policy_ext  # small, stdlib-only: safe on the fast path

    for mod in policy_ext.MODULES:
        top.update(getattr(mod, "TOP", {}))
        scheme.update(getattr(mod, "SCHEME", {}))
    return top, scheme
_SELECTORS = {"grades", "categories", "diseases", "flags"}
_CITE = {"source", "quote", "note"}


def _num(v):
    return isinstance(v, (int, Decimal)) and not isinstance(v, bool)


class _Validator:
    def __init__(self, name):
        self.name = name
        self.problems = []

    def err(self, path, msg):
        self.problems.append(f"{self.name}: {path}: {msg}")

    def keys(self, table, allowed, path):
        if not isinstance(table, dict):
            self.err(path, "must be a table")
            return False
        for k in table:
            if k not in allowed:
                self.err(f"{path}.{k}" if path else k,
                         f"unknown key (allowed: {', '.join(sorted(allowed))})")
        return True

    def labelled(self, v, path):
        if not (isinstance(v, dict) and isinstance(v.get("zh"), str) and isinstance(v.get("en"), str)):
            self.err(path, "must be a table with zh and en strings")

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
        if eff is not None:
            self.keys(eff, {"from", "to"}, "effective")
        if "checked" not in d:
            self.err("checked", "missing: the date the figures were last checked against the source")
        self.rounding(d.get("rounding"))
        sources = d.get("sources")
        if not isinstance(sources, dict) or not sources:
            self.err("sources", "must list the source files figures cite")
            sources = {}
        for s, t in sources.items():
            self.keys(t, {"title", "url", "note"}, f"sources.{s}")
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
        if not any(s in d for s in SCHEMES):
            self.err("", "defines no scheme (employee or resident)")
        for s in SCHEMES:
            if s in d:
                self.scheme(s, d[s])
        # Extension sections last: they cite sources and may name grades or flags.
        for k, fn in top_ext.items():
            if k in d:
                fn(self, d[k], k)
        return self.problems

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

    def covers(self, v, kinds, path):
        if not isinstance(v, list) or not v:
            self.err(path, "must list the care kinds it covers")
            return
        for k in v:
            if k not in kinds:
                self.err(path, f"'{k}' is not a care kind defined in this scheme")

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

    def rows(self, rows, path, kind, extra, ctx=None, sel=_SELECTORS, per=PERIODS,
             allow_same_as=None):
        if not isinstance(rows, list):
            self.err(path, "must be an array of tables ([[...]])")
            return
        for i, r in enumerate(rows):
            p = f"{path}[{i}]"
            allowed = sel | _CITE | extra | {"value", "unknown"}
            if kind == "rate":
                allowed |= {"bands", "tiers"}
            if kind == "cap":
                allowed |= {"unlimited"}
            if allow_same_as is not None:
                allowed |= {"same_as"}
            if not self.keys(r, allowed, p):
                continue
            if ctx is not None:
                self.selectors(r, p, ctx)
            if "per" in extra and "value" in r and r.get("per") not in per:
                    self.err(f"{p}.per", f"must be one of {', '.join(per)}")
            forms = [k for k in ("value", "unknown", "unlimited", "bands", "tiers", "same_as")
                     if k in r]
            if len(forms) != 1:
                self.err(p, "needs exactly one of value, unknown"
                         + (", bands, tiers" if kind == "rate" else "")
                         + (", unlimited" if kind == "cap" else "")
                         + (", same_as" if allow_same_as is not None else ""))
                continue
            f = forms[0]
            if f == "unknown":
                self.unknown_row(r, p)
                continue
            if f == "unlimited" and r["unlimited"] is not True:
                self.err(f"{p}.unlimited", "must be true")
            if f == "value":
                (self.rate if kind == "rate" else self.money)(r["value"], f"{p}.value")
            if f in ("bands", "tiers"):
                self.scale(r[f], f"{p}.{f}")
            if f == "same_as" and r["same_as"] not in (allow_same_as or {}):
                self.err(f"{p}.same_as", f"'{r['same_as']}' is not a care kind of this scheme")
            self.cite(r, p)

    def selectors(self, r, p, ctx):
        for k in _SELECTORS:
            if k not in r:
                continue
            v = r[k]
            if not isinstance(v, list) or not v:
                self.err(f"{p}.{k}", "must be a non-empty list")
                continue
            for x in v:
                if x not in ctx.get(k, ()):
                    what = {"grades": "grade", "categories": "category", "diseases": "disease",
                            "flags": "flag"}[k]
                    self.err(f"{p}.{k}", f"{what} '{x}' is not defined here")

    def scale(self, bands, p):
        if not isinstance(bands, list) or not bands:
            self.err(p, "must be a non-empty array of { up_to, edge, rate }")
            return
        last = None
        for i, b in enumerate(bands):
            bp = f"{p}[{i}]"
            if not self.keys(b, {"up_to", "edge", "rate"}, bp):
                continue
            self.rate(b.get("rate"), f"{bp}.rate")
            if "up_to" in b:
                if not _num(b["up_to"]) or b["up_to"] <= 0:
                    self.err(f"{bp}.up_to", "must be a positive amount")
                elif last is not None and b["up_to"] <= last:
                    self.err(f"{bp}.up_to", f"bands must ascend ({b['up_to']} after {last})")
                else:
                    last = b["up_to"]
                if b.get("edge") not in EDGES:
                    self.err(f"{bp}.edge", "must say whether up_to is inclusive or exclusive")
            elif i != len(bands) - 1:
                self.err(f"{bp}.up_to", "only the last band may be open-ended")
        if "up_to" in bands[-1]:
            self.err(f"{p}[{len(bands) - 1}]", "the last band must be open-ended (no up_to)")

    def rate(self, v, p):
        if not _num(v):
            self.err(p, "must be a number between 0 and 1")
        elif not 0 <= v <= 1:
            self.err(p, f"rate {v} is outside 0–1")

    def money(self, v, p):
        if not _num(v):
            self.err(p, "must be an amount in yuan")
        elif v < 0:
            self.err(p, f"amount {v} is negative")

    def unknown_row(self, r, p, what="figure"):
        """A row no source gives (``unknown = true``): it says in a note what is missing, and a
        quote it offers (what the text does say) is checked like any other."""
        if r["unknown"] is not True:
            self.err(f"{p}.unknown", "must be true")
        if not r.get("note"):
            self.err(f"{p}.note", f"an unknown {what} needs a note saying what is missing")
        if "source" in r:
            self.cite(r, p)

    def cite(self, r, p):
        src = r.get("source")
        if not src:
            self.err(f"{p}.source", "missing: every figure names its source file")
        elif src not in self.sources:
            self.err(f"{p}.source", f"'{src}' is not listed in [sources]")
        q = r.get("quote")
        if not (isinstance(q, str) and q.strip()):
            self.err(f"{p}.quote", "missing: every figure quotes its source")
