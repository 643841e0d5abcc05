"""``yibao supplied list | add | remove N | path``: the figures you supplied yourself.

They live in one file of the user data dir (storage/supplied.py), in the ``[[supplied]]`` format
``--supplied`` reads; ``yibao estimate`` uses them unless given ``--no-supplied``. Each is shown
as "用户提供 / supplied by you" with its note (required: where the figure came from). ``add``
checks the entry against the city's policy first: it must fill a figure no source gives.
"""

from __future__ import annotations

import sys

from yibao_tui.cli.args import Parser, UsageError, add_policy_opt, open_policy
from yibao_tui.core.amount import MAX_AMOUNT
from yibao_tui.core.safe import control_chars, safe
from yibao_tui.core.vocab import PERIODS
from yibao_tui.inputs.options import count_of, year_arg

_SELECTORS = (("grade", "grades"), ("category", "categories"), ("disease", "diseases"),
              ("flag", "flags"))


def build_parser():
    p = Parser(prog="yibao supplied",
               description="Figures you supply where no source gives one (used by every estimate).")
    sub = p.add_subparsers(dest="what", required=True)
    ls = sub.add_parser("list", help="your figures, numbered, with their notes")
    ls.add_argument("--lang", choices=("zh", "en"), default="zh")
    add_policy_opt(ls)
    ad = sub.add_parser("add", help="add a figure (it must fill one no source gives)")
    ad.add_argument("--city", required=True)
    ad.add_argument("--year", type=year_arg, help="only for this policy year (default: any)")
    ad.add_argument("--path", required=True,
                    help="the figure, e.g. resident.care.inpatient.deductible, "
                         "resident.serious_illness.threshold")
    ad.add_argument("--value", required=True, metavar="N",
                    help="yuan for amounts; a rate as 0.5 or 50%%")
    ad.add_argument("--per", choices=PERIODS, help="deductibles and care caps: per what")
    ad.add_argument("--part", choices=("class_b", "special_drugs"), help="for first_pay")
    ad.add_argument("--note", required=True, help="where the figure came from (required)")
    for one, _many in _SELECTORS:
        ad.add_argument(f"--{one}", action="append", metavar=one.upper(),
                        help=f"only for this {one} (repeatable)")
    add_policy_opt(ad)
    rm = sub.add_parser("remove", help="remove figure N (as numbered by list)")
    rm.add_argument("n", type=count_of)
    sub.add_parser("path", help="where the file is")
    return p


def main(argv):
    from yibao_tui.storage import supplied as store
    from yibao_tui.text import render

    a = build_parser().parse_args(argv)
    try:
        if a.what == "path":
            print(safe(store.supplied_path()))
        elif a.what == "list":
            _list(store, a)
        elif a.what == "add":
            _add(store, a)
        else:
            _remove(store, a)
    except store.SuppliedFileError as e:
        raise UsageError(f"your supplied figures: {render(e.msg, 'en')}") from None
    except PermissionError as e:
        raise UsageError(str(e)) from None
    return 0


def _remove(store, a):
    try:
        gone = store.remove(a.n)
    except IndexError:
        raise UsageError(f"yibao supplied remove: no figure {a.n} "
                         f"({len(store.read())} on file)") from None
    print(f"removed {a.n}: {safe(gone.get('city', ''))} {safe(gone.get('path'))} = "
          f"{safe(gone.get('value'))}")
    print(f"to put it back: {safe(_add_command(gone))}")


def _add_command(e):
    """The ``yibao supplied add`` command that gives ``e`` back (the undo of ``remove``)."""
    import shlex

    parts = ["yibao", "supplied", "add"]
    for k in ("city", "year", "path", "value", "per", "part", "note"):
        if e.get(k) is not None:
            parts += [f"--{k}", str(e[k])]
    for one, many in _SELECTORS:
        for x in e.get(many, ()):
            parts += [f"--{one}", str(x)]
    return shlex.join(parts)


def _value(text):
    from yibao_tui.storage.supplied import value_of

    try:
        return value_of(text)
    except ValueError:
        raise UsageError(f"--value: '{safe(text)}' is not a number (yuan up to {MAX_AMOUNT:,}, "
                         "or a rate such as 0.5 or 50%)") from None


def _add(store, a):
    from yibao_tui.core.supplied import SuppliedError, apply_supplied, parse
    from yibao_tui.text import render

    if not a.note.strip():
        raise UsageError("--note: say where the figure came from (the hospital's notice, the 医保 office …)")
    for opt in ("city", "path", "note"):
        if control_chars(getattr(a, opt), single_line=True):
            raise UsageError(f"--{opt}: '{safe(getattr(a, opt))}' holds control characters; refused")
    entry = {"city": a.city, "year": a.year, "path": a.path, "value": _value(a.value),
             "per": a.per, "part": a.part, "note": a.note.strip()}
    for one, many in _SELECTORS:
        if getattr(a, one):
            entry[many] = list(getattr(a, one))
    entry = {k: v for k, v in entry.items() if v is not None}
    policy, _ = open_policy(a.city, a.year, a.policies)
    try:
        apply_supplied(policy, parse([entry], "--path"))  # fills an unknown figure, or refuses
    except SuppliedError as e:
        raise UsageError(render(e.msg, "en")) from None
    n = store.add(entry)
    print(f"added {n}: {safe(a.city)} {safe(a.path)} = {entry['value']} "
          f"(supplied by you: {safe(entry['note'])})")
    print(f"saved in {safe(store.supplied_path())}")


def _list(store, a):
    from yibao_tui.core.msg import Msg
    from yibao_tui.text import render, t
    from yibao_tui.views.unknowns import name

    entries = store.read()
    if not entries:
        print(t("mine.none", a.lang, path=safe(store.supplied_path())))
        return
    for i, e in enumerate(entries, 1):
        figure = e.get("path")
        city = e.get("city")
        try:
            policy, _ = open_policy(city, e.get("year"), a.policies) if city else (None, None)
        except UsageError:
            policy = None
        if policy is not None and isinstance(figure, str):
            figure = name(policy, figure, a.lang)
        sel = [safe(x) for _one, many in _SELECTORS for x in e.get(many, ())]
        per = Msg("per." + e["per"]) if e.get("per") in PERIODS else ""
        # What the file holds is printed through the one escape function (core.safe).
        sys.stdout.write(t("mine.entry", a.lang, n=i, city=policy.name if policy else safe(city or "—"),
                           figure=safe(render(figure, a.lang)), sel=" · ".join(sel),
                           value=e.get("value"), per=per, note=safe(e.get("note") or ""),
                           path=safe(e.get("path"))) + "\n")
