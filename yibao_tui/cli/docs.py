"""``yibao docs [NAME]``: print a document that files and messages refer to (a household file
says "Format: yibao docs household"). The documents ship in the wheel as ``yibao_tui/docs/``; in a
source checkout they are ``docs/`` at the top.
"""

from __future__ import annotations

import os
import sys

from yibao_tui.cli.args import Parser, UsageError

DOCS = {"household": "the household file: members, bindings, visits, a year",
        "slip": "the settlement-slip (结算单) file and how a slip is checked",
        "trust": "what the app refuses on a shared server, and why",
        "config": "the config file: key bindings (keymap) and theme"}
LIMIT = 1 << 20


def docs_dir():
    pkg = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))  # yibao_tui/
    for cand in (os.path.join(pkg, "docs"), os.path.join(os.path.dirname(pkg), "docs")):
        if os.path.isdir(cand):
            return cand
    return None


def cmd_docs(argv):
    p = Parser(prog="yibao docs", description="Print a document that ships with yibao-tui.",
               epilog="documents: " + "; ".join(f"{k}: {v}" for k, v in DOCS.items()))
    p.add_argument("name", nargs="?", choices=list(DOCS), help="which document (default: list them)")
    a = p.parse_args(argv)
    d = docs_dir()
    if a.name is None:
        for k, v in DOCS.items():
            print(f"{k:<10} {v}")
        if d:
            print(f"\n(in {d})")
        return 0
    from yibao_tui.storage.reading import read_bytes

    path = os.path.join(d or "", f"{a.name}.md")
    try:
        text = read_bytes(path, LIMIT)[0].decode("utf-8")
    except (OSError, UnicodeDecodeError) as e:
        raise UsageError(f"yibao docs: cannot read {path}: {e}") from None
    sys.stdout.write(text)
    return 0
