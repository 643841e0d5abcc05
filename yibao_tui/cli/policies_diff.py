"""``yibao policies diff OLD NEW [--json]``: what changed between two policy files, figure by
figure (core/policy/diff.py): path, selectors, from, to; rows added and removed.

OLD and NEW are files, or ``CITY-YEAR`` (``shenyang-2024``) for a file in use. Both are loaded
through the policy loader (bounded read, input layer, validator): a file it refuses is one line
and exit 2. The text names every value from the files through ``core.safe``.
"""

from __future__ import annotations

import json
import os
import re

from yibao_tui.cli.args import UsageError, add_policy_opt
from yibao_tui.core import policy as pol
from yibao_tui.core.safe import safe
from yibao_tui.inputs.options import shown
from yibao_tui.inputs.policy import policy_dirs
from yibao_tui.text import render, t


def add_parser(sub):
    d = sub.add_parser("diff", help="what changed between two policy files, figure by figure")
    d.add_argument("old", metavar="OLD", help="a policy file, or CITY-YEAR (shenyang-2024)")
    d.add_argument("new", metavar="NEW", help="a policy file, or CITY-YEAR")
    d.add_argument("--json", action="store_true")
    d.add_argument("--lang", choices=("zh", "en"), default="zh")
    add_policy_opt(d)


def _open(arg, policies):
    path = arg
    if not os.path.isfile(arg):
        m = re.fullmatch(r"(.+)-(\d{4})(\.toml)?", os.path.basename(arg))
        found = pol.find(m.group(1), int(m.group(2)), policy_dirs(policies)) if m else None
        if not found or found[1] != int(m.group(2)):
            raise UsageError(f"yibao policies diff: no such policy file: {shown(arg)}")
        path = found[0]
    try:
        return pol.load(path)
    except pol.PolicyError as e:
        raise UsageError(f"yibao policies diff: {render(e.msg, 'en')}") from None


def cmd_diff(a):
    from yibao_tui.core.policy.diff import diff

    d = diff(_open(a.old, a.policies).data, _open(a.new, a.policies).data)
    if a.json:
        print(json.dumps(d.as_json(), ensure_ascii=False, indent=2))
        return 0
    for line in lines(d, a.lang):
        print(line)
    return 0


def lines(d, lang):
    """The diff as lines of text in ``lang``; every value from the files made safe."""
    from yibao_tui.core.policy.strict import where_text

    def at(c):
        return safe(c["path"] + where_text(c["where"]), 200)

    def figs(c):
        return safe(" ".join(f"{k}={v}" for k, v in c["figures"].items()), 200)

    out = [t("pdiff.change", lang, at=at(c), old=_shown(c["from"]), new=_shown(c["to"]))
           for c in d.changes]
    out += [t("pdiff.added", lang, at=at(c), figures=figs(c)) for c in d.added]
    out += [t("pdiff.removed", lang, at=at(c), figures=figs(c)) for c in d.removed]
    if not out:
        return [t("pdiff.none", lang)]
    return [*out, t("pdiff.count", lang, changes=len(d.changes), added=len(d.added),
                    removed=len(d.removed))]


def _shown(v):
    return "—" if v is None else safe(v, 60)
