"""``yibao policies new CITY YEAR [--like CITY]``: a draft policy file in your policies directory.

Next year of a city from its newest file, or (``--like``) a new city from another city's file as
a template (core/policy/draft.py): ``draft = true``, one source — the notice you will save under
``sources/`` beside it — and every figure marked ``unchecked = YEAR`` until you have checked it
against that notice (``yibao policies check --strict`` says which are left). Written through the
writing door (a lock, atomic, 0600 in a 0700 directory); an existing file is replaced only when
you say so (asked in a terminal, else ``--force``), the old one kept as ``.bak``.
"""

from __future__ import annotations

import os
import re
import sys

from yibao_tui.cli.args import UsageError, add_policy_opt
from yibao_tui.core import policy as pol
from yibao_tui.core.safe import safe
from yibao_tui.inputs.options import shown
from yibao_tui.inputs.policy import policy_dirs, user_policies_dir
from yibao_tui.text import render, t

_CITY_ID = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*\Z")


def add_parser(sub):
    n = sub.add_parser("new", help="write a draft policy file for a year (or a new city) into "
                                   "your policies directory")
    n.add_argument("city", help="the city (id or name); with --like, the new city's id")
    n.add_argument("year", help="the policy year the draft is for")
    n.add_argument("--like", metavar="CITY", help="a new city: start from this city's newest file")
    n.add_argument("--name-zh", metavar="NAME", help="with --like: the new city's Chinese name")
    n.add_argument("--name-en", metavar="NAME", help="with --like: the new city's English name")
    n.add_argument("--source", metavar="FILE",
                   help="the file name you will save the notice's text under (default: "
                        "CITY-YEAR.txt, in sources/ beside the draft)")
    n.add_argument("--force", action="store_true", help="replace an existing file (kept as .bak)")
    n.add_argument("--lang", choices=("zh", "en"), default="zh")
    add_policy_opt(n)


def _year(text):
    if not (text.isdigit() and 2000 <= int(text) <= 2100):
        raise UsageError(f"yibao policies new: year '{shown(text)}' is not a policy year "
                         "(2000–2100)")
    return int(text)


def _template(a, year, dirs):
    """(template path, template year, the draft's city id, names or None) for the command."""
    from yibao_tui.text.names import city_id

    if a.like:
        if not _CITY_ID.match(a.city):
            raise UsageError(f"yibao policies new: '{shown(a.city)}' is not a city id (lower-case "
                             "letters, digits and -, such as 'dalian')")
        if pol.cities(dirs).get(a.city):
            raise UsageError(f"yibao policies new: {a.city} already has policy files; leave out "
                             "--like to start its next year from its newest file")
        like = a.like if pol.cities(dirs).get(a.like) else city_id(a.like, dirs)
        found = pol.find(like, year, dirs) if like else None
        if found is None:
            raise UsageError(f"yibao policies new: --like: unknown city '{shown(a.like)}'; "
                             f"accepted: {', '.join(sorted(pol.cities(dirs)))}")
        names = {"zh": a.name_zh or a.city, "en": a.name_en or a.city.capitalize()}
        return found[0], found[1], a.city, names
    if a.name_zh or a.name_en:
        raise UsageError("yibao policies new: --name-zh and --name-en go with --like (a new city)")
    cid = a.city if pol.cities(dirs).get(a.city) else city_id(a.city, dirs)
    # the newest year before this one (a draft replacing one of yours starts afresh from it)
    found = pol.find(cid, year - 1, dirs) if cid else None
    if found is None:
        raise UsageError(f"yibao policies new: no policy file for '{shown(a.city)}'; for a new "
                         "city, start from another's file: --like CITY")
    return found[0], found[1], cid, None


def cmd_new(a):
    from yibao_tui.core.policy import draft

    year = _year(a.year)
    dirs = policy_dirs(a.policies)
    path, old_year, city, names = _template(a, year, dirs)
    source = a.source or f"{city}-{year}.txt"
    if source != os.path.basename(source) or source.startswith(".") or not source.strip():
        raise UsageError(f"--source: '{shown(source)}' must be a plain file name (it is looked "
                         "up in sources/ beside the draft)")
    try:
        pol.load(path)  # a template that does not load would make a draft that does not either
    except pol.PolicyError as e:
        raise UsageError(f"the template {safe(path)} cannot be used: {render(e.msg, 'en')}") from None
    text = _read(path).decode("utf-8")
    made_from = os.path.basename(path)
    header = "\n".join(t("pnew.header", lang, template=made_from, year=year, source=source)
                       for lang in ("zh", "en"))
    out = draft.make(text, old_year=old_year, year=year, source=source, header=header,
                     city=city if names else None, names=names)
    _verify(out, city, year, source)
    target = _write(os.path.join(user_policies_dir(), f"{city}-{year}.toml"), out, a)
    print(t("pnew.wrote", a.lang, path=safe(target), template=safe(made_from)))
    print(t("pnew.next", a.lang, year=year, path=safe(target),
            source=safe(os.path.join(os.path.dirname(target), "sources", source))))
    return 0


def _read(path, kept=False):
    from yibao_tui.core import tomlinput
    from yibao_tui.storage.reading import read_bytes

    try:
        return read_bytes(path, tomlinput.MAX_BYTES, kept=kept, nofollow=kept)[0]
    except OSError as e:
        raise UsageError(f"cannot read {safe(path)}: {e.strerror or e}") from None


def _verify(text, city, year, source):
    """The draft parses, passes the validator and marks every cited table, or UsageError."""
    from yibao_tui.core import tomlinput
    from yibao_tui.core.msg import problem_msg
    from yibao_tui.core.policy import draft
    from yibao_tui.core.policy.validate import validate

    name = f"{city}-{year}.toml"
    try:
        data = tomlinput.loads(text, name)
        problems = validate(data, name, text)
        if not problems:
            draft.check_made(data, year, source)
    except tomlinput.TomlInputError as e:
        problems = e.problems
    except draft.DraftError as e:
        problems = [(name, None, e.msg)]
    if problems:
        raise UsageError("the draft could not be made from this template: "
                         + render(problem_msg(problems[0]), "en"))


def _write(target, text, a):
    """Write the draft through the writing door, under the file's lock; an existing file is
    replaced only when the user says so, and kept as ``.bak``."""
    from yibao_tui.storage import files, trust

    d = os.path.dirname(target)
    try:
        trust.private_dir(d)
        trust.private_dir(os.path.join(d, "sources"))  # where the notice's text goes
        with files.Lock(files.lock_for(target)):
            if os.path.lexists(target):
                if not (a.force or _ask(target, a.lang)):
                    raise UsageError(f"{safe(target)} exists; not replaced (--force replaces it, "
                                     "keeping the old one as .bak)")
                files.write_private(target + ".bak", _read(target, kept=True))
            files.write_private(target, text, replace=a.force or os.path.lexists(target))
    except trust.UnsafePathError as e:
        raise UsageError(f"your policies directory: {e}") from None
    except OSError as e:
        raise UsageError(f"cannot write {safe(target)}: {e.strerror or e}") from None
    return target


def _ask(target, lang):
    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        return False
    try:
        return input(t("pnew.replace", lang, path=safe(target))).strip().lower() in ("y", "yes")
    except EOFError:
        return False
