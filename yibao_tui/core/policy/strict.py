"""The strict check: the rules the bundled policy files are held to, for any file
(``yibao policies check --strict``; tests/test_policies.py calls it on the bundled ones).

On a file the validator (validate.py) already accepts, and the texts of its sources:

- every ``quote`` (and ``bound_quote``) is in its source's text, whitespace folded; " … " joins
  passages that stand apart in the source (table rows), found in order;
- every quote carries its figures as the source writes them (``300``, ``80%``, ``12万``, ``三个月``;
  a zero or "home rates" in the source's words: ``不设起付线``, ``按辽阳市政策执行``); a figure its
  quote cannot carry is named, with the reason, in the row: ``not_in_quote = { figures =
  ["value"], zh = "…", en = "…" }`` — and an exception no longer needed is a problem too;
- every note (and every ``not_in_quote`` reason) reads in both languages: a ``{ zh, en }`` table,
  the Chinese in Chinese, the English in English, naming a source by its title, never its file;
- no figure is still marked ``unchecked = YEAR`` (``yibao policies new`` marks every one).

Pure: the caller reads the files (storage/reading) and hands in their texts. Problems are
(file, line, Msg) like the validator's, the Msg ``check.at`` with the row's path and selectors.
"""

from __future__ import annotations

import re
from decimal import Decimal

from yibao_tui.core.msg import Msg
from yibao_tui.core.policy.checks import is_number, shown
from yibao_tui.core.safe import safe

RATE_KEYS = frozenset({"rate", "set", "adjust", "share", "factor"})
FIGURE_KEYS = RATE_KEYS | {"value", "up_to", "counted_from", "after_years", "months",
                           "per_lapsed_year"}
# What a row is picked by, shown with its path: the selectors, dates, and the keys that tell
# rows of one table apart (a first-pay part, a stay, a cross-region status).
WHERE_KEYS = ("grades", "categories", "diseases", "flags", "from", "until", "part", "stay",
              "stay_from", "status", "tier", "plan", "id", "stage", "relations")
JOIN = " … "
_CN_DIGITS = "零一二三四五六七八九十"
# A zero or "no change" the source writes in words, not digits.
ZERO_WORDS = ("不设起付线", "无起付标准", "取消门槛费", "个人不缴费", "次月")
HOME_RATES = ("按辽阳市政策执行", "执行参保地规定的基本医疗保险基金起付标准、支付比例")
_HAN = re.compile(r"[\u4e00-\u9fff]")
_WS = re.compile(r"\s+")


def fold(s):
    """Whitespace folded: runs of spaces and line breaks as one space, none at the ends."""
    return _WS.sub(" ", s).strip()


def check(data, name, text, sources):
    """Every strict problem of the parsed policy ``data`` (file ``name``, its ``text`` for the
    lines) as (file, line or None, Msg), in the file's order. ``sources``: {file name: its text
    (str), or a Msg saying why it could not be read}; a listed source missing from it is one
    problem, and its quotes are not looked for."""
    found = Strict(data, sources).run()
    if not found:
        return []
    from yibao_tui.core.policy.validate import key_path
    from yibao_tui.core.tomlinput import line_finder

    finder = line_finder(text.decode("utf-8") if isinstance(text, bytes) else text)
    out = [(name, finder.line(key_path(path, data)),
            Msg("check.at", at=safe(path + where, 200), what=what))
           for path, where, what in found]
    out.sort(key=lambda p: (p[1] is None, p[1] or 0))
    return out


def tables(node, path=""):
    """Every table in a parsed TOML tree with its key path (``a.b[0].c``), in the file's order."""
    if isinstance(node, dict):
        yield path, node
        for k, v in node.items():
            yield from tables(v, f"{path}.{k}" if path else k)
    elif isinstance(node, list):
        for i, v in enumerate(node):
            yield from tables(v, f"{path}[{i}]")


def where_text(row):
    """`` (grades=3 categories=adult)``: what a row is picked by, as the file writes it."""
    parts = []
    for k in WHERE_KEYS:
        if k in row:
            v = row[k]
            v = ",".join(map(str, v)) if isinstance(v, list) else str(v)
            parts.append(f"{k}={v}")
    return f" ({' '.join(parts)})" if parts else ""


def figures(row):
    """(key, figure) of each figure a row gives: ``value``, ``rate`` …, ``bands[1].up_to``."""
    for k in sorted(FIGURE_KEYS & set(row)):
        if is_number(row[k]):
            yield k, row[k]
    for table in ("bands", "tiers"):
        scale = row.get(table)
        for i, b in enumerate(scale if isinstance(scale, list) else ()):
            if isinstance(b, dict):
                for k in ("rate", "up_to"):
                    if is_number(b.get(k)):
                        yield f"{table}[{i}].{k}", b[k]


def is_rate(path, key):
    last = key.rsplit(".", 1)[-1]
    return last in RATE_KEYS or (last == "value" and re.search(r"\.(rate|first_pay)(\[\d+\])?$",
                                                                  path) is not None)


def written(path, key, v):
    """The ways a source may write figure ``v`` of ``key`` in the row at ``path``: regexes."""
    v = Decimal(v)
    if is_rate(path, key):
        if v == 0:
            return [re.escape(w) for w in HOME_RATES]
        pct = format((abs(v) * 100).normalize(), "f")
        out = [rf"(?<![\d.]){re.escape(pct)}%"]
        return out + (["减半"] if key == "factor" and v == Decimal("0.5") else [])
    if v == 0:
        return [re.escape(w) for w in ZERO_WORDS]
    n = format(v.normalize(), "f")
    out = [rf"(?<![\d.]){re.escape(n)}(?![\d]|\.\d)"]
    if v >= 1000:
        out.append(rf"(?<![\d.]){re.escape(format((v / 10000).normalize(), 'f'))}万")
    if v == int(v) and 0 < v <= 10:
        out.append(_CN_DIGITS[int(v)] + "个?[年月]")
    return out


def carries(quote, path, key, v):
    """Whether ``quote`` writes figure ``v`` (a number matched whole: 5% is not in 65%)."""
    q = re.sub(r"(?<=\d)[,，](?=\d{3})", "", quote)  # 120,000 as 120000
    return any(re.search(p, q) for p in written(path, key, v))


def missing_passage(source_text, quote):
    """The first passage of ``quote`` (" … " joins them, in order) not in ``source_text``
    (folded), or None when every one is there."""
    text = fold(source_text)
    pos = 0
    for part in quote.split(JOIN):
        i = text.find(fold(part), pos)
        if i < 0:
            return part
        pos = i + len(fold(part))
    return None


class Strict:
    def __init__(self, data, sources):
        self.data = data
        self.sources = sources
        self.found = []  # (path, where, Msg)
        listed = data.get("sources") if isinstance(data.get("sources"), dict) else {}
        # A note names a source by its title: its file name, stem or leading number never.
        self.file_words = set()
        for f in listed:
            stem = f.rsplit(".", 1)[0]
            self.file_words |= {f, stem}
            m = re.match(r"(\d+)_", f)
            if m:
                self.file_words.add(m.group(1))

    def err(self, path, row, msg_key, **values):
        self.found.append((path, where_text(row) if isinstance(row, dict) else "",
                           Msg(msg_key, **values)))

    def run(self):
        self.source_texts()
        for path, t in tables(self.data):
            if isinstance(t.get("quote"), str):
                self.quote(path, t, "quote")
                if "unknown" not in t:
                    self.carried(path, t)
            if isinstance(t.get("bound_quote"), str):
                self.quote(path, t, "bound_quote")
            if "note" in t:
                self.bilingual(f"{path}.note" if path else "note", t, t["note"])
            if isinstance(t.get("not_in_quote"), dict):
                self.bilingual(f"{path}.not_in_quote", t, t["not_in_quote"], keys=("zh", "en"))
            if "unchecked" in t:
                self.err(f"{path}.unchecked", t, "strict.unchecked_source"
                         if path.startswith("sources.")
                         else "strict.unchecked", year=t["unchecked"])
        return self.found

    def source_texts(self):
        listed = self.data.get("sources")
        for f in listed if isinstance(listed, dict) else ():
            got = self.sources.get(f)
            if not isinstance(got, str):
                self.err(f"sources.{f}", None, "strict.source_missing", source=shown(f),
                         why=got if got is not None else Msg("strict.source_not_found"))

    def quote(self, path, row, key):
        src = row.get("source")
        text = self.sources.get(src) if isinstance(src, str) else None
        if not isinstance(text, str):
            return  # a source that cannot be read is one problem, said once (source_texts)
        part = missing_passage(text, row[key])
        if part is not None:
            self.err(f"{path}.{key}", row, "strict.not_in_source", part=shown(part),
                     source=shown(row.get("source")))

    def carried(self, path, row):
        named = row.get("not_in_quote")
        named = named.get("figures") if isinstance(named, dict) else None
        excused = {k for k in named if isinstance(k, str)} if isinstance(named, list) else set()
        have = dict(figures(row))
        for key, v in have.items():
            ok = carries(row["quote"], path, key, v)
            if not ok and key not in excused:
                self.err(f"{path}.{key}", row, "strict.not_carried", figure=key, v=v,
                         quote=shown(row["quote"]))
            elif ok and key in excused:
                self.err(f"{path}.not_in_quote", row, "strict.exception_carried", figure=key)
        for key in sorted(excused - set(have)):
            self.err(f"{path}.not_in_quote", row, "strict.exception_no_figure", figure=shown(key))

    def bilingual(self, path, row, note, keys=None):
        """A note (or a reason) in both languages, each in its own, naming no source file."""
        if not (isinstance(note, dict) and {"zh", "en"} <= set(note)
                and (keys or set(note) == {"zh", "en"})):
            self.err(path, row, "strict.note_both")
            return
        zh, en = note["zh"], note["en"]
        if not (isinstance(zh, str) and isinstance(en, str)):
            return  # the validator says so
        if not _HAN.search(zh) or re.search(r"[A-Za-z]{4,} [a-z]{3,} [a-z]{3,}", zh):
            self.err(path, row, "strict.note_zh")
        if not re.search(r"[A-Za-z]{3}", en) or _HAN.search(en[:3]):
            self.err(path, row, "strict.note_en")
        for lang, s in (("zh", zh), ("en", en)):
            for w in sorted(self.file_words):
                if re.search(rf"(?<![0-9A-Za-z_.,]){re.escape(w)}(?![0-9A-Za-z_]|[,.]\d)", s):
                    self.err(path, row, "strict.note_file", lang=lang, file=shown(w))
                    break
