"""``yibao`` command line. ``yibao`` alone opens the Textual wizard; subcommands are scriptable.

This module is the dispatcher only: each command's module is imported when it runs, so
``yibao estimate`` loads no Textual, questionary or Rich (see benchmarks/).
"""

from __future__ import annotations

import os
import sys

from yibao_tui.cli.args import NotAccepted, UsageError
from yibao_tui.core.safe import safe_lines


def _command(module, name):
    def run(argv):
        import importlib

        return getattr(importlib.import_module(f"yibao_tui.cli.{module}"), name)(argv)

    return run


COMMANDS = {"estimate": _command("estimate", "cmd_estimate"),
            "policies": _command("policies", "cmd_policies"),
            "household": _command("household", "main"), "ask": _command("ask", "main"),
            "premium": _command("enrol", "cmd_premium"), "cover": _command("enrol", "cmd_cover"),
            "grants": _command("enrol", "cmd_grants"), "si-cap": _command("enrol", "cmd_si_cap"),
            "supplied": _command("supplied", "main"), "slip": _command("slip", "cmd_slip"),
            "compare": _command("compare", "cmd_compare"),
            "docs": _command("docs", "cmd_docs"),
            "completion": _command("completion", "cmd_completion")}


def hoist_lang(argv):
    """``yibao --lang en household list``: a language given before a command goes to the command
    (after its own words, where its parser and its subcommands' take ``--lang``)."""
    if len(argv) >= 3 and argv[0] == "--lang" and argv[2] in COMMANDS:
        return [*argv[2:], *argv[:2]]
    if len(argv) >= 2 and argv[0].startswith("--lang=") and argv[1] in COMMANDS:
        return [*argv[1:], argv[0]]
    return argv


def main(argv=None):
    argv = hoist_lang(sys.argv[1:] if argv is None else list(argv))
    try:
        if argv and argv[0] in COMMANDS:
            return COMMANDS[argv[0]](argv[1:])
        if argv and argv[0] in ("-h", "--help"):
            print_help()
            return 0
        if argv and argv[0] in ("-V", "--version"):
            print(f"yibao {version()}")
            return 0
        return run_app(argv)
    except (UsageError, NotAccepted) as e:
        print(f"error: {safe_lines(e)}", file=sys.stderr)  # it may quote what was typed: ESC too
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0
    except Exception as e:  # a bug: say so plainly; YIBAO_DEBUG=1 shows the traceback
        if os.environ.get("YIBAO_DEBUG"):
            raise
        print(f"yibao: internal error: {type(e).__name__}: {safe_lines(e)}\n"
              "Please report it with the command you ran (YIBAO_DEBUG=1 shows details).",
              file=sys.stderr)
        return 1


def version():
    """The installed distribution's version (read only for --version: off the estimate path)."""
    from importlib.metadata import PackageNotFoundError
    from importlib.metadata import version as dist_version

    try:
        return dist_version("yibao-tui")
    except PackageNotFoundError:  # run from a checkout that was never installed
        return "0+unknown"


def print_help():
    print("""usage: yibao [--lang zh|en] [--city … --amount …]   open the wizard (prefilled by flags)
       yibao estimate …                         one visit, or --claims FILE for a year
       yibao compare --city … --amount …        the same visit at other grades and in other cities
       yibao policies check [DIR] | list        validate / summarise policy files
       yibao policies path | new CITY YEAR | diff OLD NEW   your own policy files (--strict check)
       yibao household list | show | check | year FILE   household profiles, a year for the family
       yibao household tui [NAME]               the household screens (F5 / h in the wizard)
       yibao household rollover NAME [--to YEAR]   the same family in the next year
       yibao ask                                question by question, without the full-screen app
       yibao premium --city … --category …      yearly premium (--member … for a household)
       yibao cover --city … --category … --paid DATE   when cover starts, rule quoted
       yibao grants --city …                    maternity grants and optional plans
       yibao si-cap --city yantai …             烟台's serious-illness cap adjustments
       yibao supplied list | add | remove N     figures you supply where no source gives one
       yibao slip FILE.toml | --city … --slip-fund …   check a settlement slip (结算单)
       yibao docs [household | slip | trust]    the file formats and rules, as shipped
       yibao completion bash | zsh | fish       a shell completion script
       yibao --version

examples:
  yibao --lang en                                    the wizard in English
  yibao --city shenyang --scheme resident --category adult --care inpatient --grade 3 \\
        --amount 10000                               straight to the breakdown (fund 7,050.00)
  yibao estimate --city liaoyang --scheme employee --category active --care outpatient \\
        --grade 3 --amount 1000 --json             one visit as JSON
  yibao household year demo                          a year for the bundled demo family
  eval "$(yibao completion bash)"                    complete commands and options in bash

In the app: Ctrl+P lists every action; F1 help; F2 中文 / English; the keys and the theme can be
changed in the config file (yibao docs config).
Run 'yibao COMMAND --help' for a command's options.""")


def run_app(argv):
    try:
        from yibao_tui.tui.app import main as app_main
    except ImportError:
        print_help()
        return 0
    return app_main(argv)


if __name__ == "__main__":
    sys.exit(main())
