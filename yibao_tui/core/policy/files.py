"""Finding and loading policy files: user dirs first, the bundled ``policies/`` last."""

from __future__ import annotations

import os
from decimal import Decimal

from yibao_tui.core.boundedread import read_bounded
from yibao_tui.core.msg import Msg
from yibao_tui.core.policy.model import Policy, PolicyError
from yibao_tui.core.safe import safe

DEFAULT_DIR_ENV = "YIBAO_POLICIES"


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


MAX_BYTES = 1 << 20  # core.tomlinput.MAX_BYTES (checked by the input layer too)
_PARSED = [None]  # the parsed-policy cache a face handed in (``use_cache``), or None


def use_cache(cache):
    """Keep each policy file's validated data in ``cache`` (``get(sha256)`` → data or None,
    ``put(sha256, data)``: ``storage.policy_cache``, handed in by the input layer; core reads no
    other file). None: parse and check every file each time."""
    _PARSED[0] = cache


def load(path):
    """Read and validate one policy file through the one input layer (core/tomlinput: nesting,
    nan/inf, number ranges, control characters); raise PolicyError listing every problem. The
    file's bytes are always read and hashed: a cached parse (``use_cache``) is used only for
    exactly those bytes."""
    name = safe(os.path.basename(path))
    try:
        raw = read_bounded(path, MAX_BYTES)[0]  # the one bounded reader
    except OSError as e:
        why = Msg("policy.cannot_read", why=safe(e.strerror or str(e), 200))
        raise PolicyError([(name, None, why)]) from None
    digest = file_sha256(raw)
    cache = _PARSED[0]
    key = None if cache is None else cache_key(name, raw)
    data = None if cache is None else cache.get(key)
    if data is None:
        data = _parse(raw, name)
        if cache is not None:
            cache.put(key, data)
    return Policy(data, path, digest)


def cache_key(name, raw):
    """The parsed-policy cache's key for a file's bytes under its name: the checks read the name
    too (its city and year), so the same bytes under another name are parsed and checked again."""
    return file_sha256(name.encode("utf-8") + b"\0" + raw)


def _parse(raw, name):
    """The validated data of a policy file's bytes (figures as Decimal), or PolicyError."""
    from yibao_tui.core import tomlinput
    from yibao_tui.core.policy.validate import validate

    try:
        data = tomlinput.loads(raw, name)
    except tomlinput.TomlInputError as e:
        raise PolicyError(e.problems) from None
    problems = validate(data, name, raw)
    if problems:
        raise PolicyError(problems)
    for k, v in data.items():
        if k not in ("schema", "year", "checked", "effective"):
            _decimals(v)
    return data


def file_sha256(raw):
    """The hex sha256 of a file's bytes. The C module alone where there is one: ``hashlib``
    loads OpenSSL, 3–4 ms of ``yibao estimate``'s budget."""
    try:
        from _sha256 import sha256  # Python 3.11 (3.12 renamed it: hashlib there)
    except ImportError:
        from hashlib import sha256
    return sha256(raw).hexdigest()




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


def later_year(city, year, dirs=None):
    """The year of ``city``'s first file after ``year`` in ``dirs``, or None (``year``'s file is
    its newest): a day between two files is said as such (core/policy/years.py)."""
    later = [y for c, y in policy_files(search_dirs() if dirs is None else dirs)
             if c == city and y > year]
    return min(later) if later else None


def load_city(city, year=None, dirs=None):
    found = find(city, year, dirs)
    if not found:
        raise LookupError(city)
    p = load(found[0])
    p.later = later_year(city, found[1], dirs)
    return p


