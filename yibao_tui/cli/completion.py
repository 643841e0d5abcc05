"""``yibao completion bash|zsh|fish``: a shell completion script, written on demand.

The script is generated from the commands' own argument parsers (each command builds its parser
when it runs; here it is caught before it parses anything), so a new option completes without
touching this file. Only this command imports this module: ``yibao estimate`` stays light.

    eval "$(yibao completion bash)"          # ~/.bashrc
    eval "$(yibao completion zsh)"           # ~/.zshrc
    yibao completion fish | source           # ~/.config/fish/config.fish
"""

from __future__ import annotations

import argparse
import contextlib
import io
import shlex
import sys

from yibao_tui.cli.args import Parser, UsageError

SHELLS = ("bash", "zsh", "fish")
# option → the words it takes where its parser has no choices (cities come from the policy files)
FILES = ("--claims", "--supplied", "--policies", "--profiles")


class _Caught(Exception):
    def __init__(self, parser):
        super().__init__()
        self.parser = parser


def _parser_of(run):
    """The parser a command builds, caught at its parse_args (nothing runs past it)."""
    real = argparse.ArgumentParser.parse_args

    def catch(self, *a, **k):
        raise _Caught(self)

    argparse.ArgumentParser.parse_args = catch
    try:
        with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
            run([])
    except _Caught as c:
        return c.parser
    except (Exception, SystemExit):  # a command that cannot be read: complete its name only
        return None
    finally:
        argparse.ArgumentParser.parse_args = real
    return None


def _options(parser):
    """[(option, choices)] and {subcommand: parser} of one parser."""
    opts, subs = [], {}
    for action in parser._actions:  # argparse has no public walk; argcomplete reads the same
        if isinstance(action, argparse._SubParsersAction):
            subs.update(action.choices)
            continue
        takes = action.nargs != 0
        for s in action.option_strings:
            if s.startswith("--"):
                opts.append((s, list(action.choices or ()) if takes else None))
    return opts, subs


def _cities():
    try:
        from yibao_tui.core.policy.files import cities
        from yibao_tui.inputs.policy import policy_dirs

        return sorted(cities(policy_dirs()))
    except Exception:
        return ["liaoyang", "tieling", "liaoyuan", "yantai", "shenyang"]


def spec():
    """{command: (options, {sub: options})} with options as [(flag, words or None)]."""
    from yibao_tui.cli import COMMANDS

    out = {}
    for name, run in COMMANDS.items():
        if name in ("completion", "docs"):  # a positional word, not subcommands: complete it alike
            from yibao_tui.cli.docs import DOCS

            out[name] = ([("--help", None)], {s: [] for s in
                                                           (SHELLS if name == "completion" else DOCS)})
            continue
        parser = _parser_of(run)
        if parser is None:
            out[name] = ([], {})
            continue
        opts, subs = _options(parser)
        out[name] = (opts, {s: _options(p)[0] for s, p in subs.items()})
    return out


def _words(flag, choices, cities):
    """The words an option takes: its parser's choices, else the vocabulary's (the parsers take
    display names too, so they list no choices for these)."""
    from yibao_tui.core import vocab

    known = {"--city": cities, "--care": vocab.CARE_KINDS, "--grade": vocab.GRADES,
             "--cross-region": vocab.CROSS_REGION, "--scheme": vocab.SCHEMES,
             "--category": vocab.ALL_CATEGORIES}
    return list(known.get(flag) or choices or ())


def bash(data, cities):
    q = shlex.quote
    lines = ["# yibao completion (bash): eval \"$(yibao completion bash)\"", "_yibao() {",
             '    local cur="${COMP_WORDS[COMP_CWORD]}" prev="${COMP_WORDS[COMP_CWORD-1]}"',
             '    local cmd="" sub="" w i',
             "    for ((i = 1; i < COMP_CWORD; i++)); do",
             '        w="${COMP_WORDS[i]}"',
             '        [[ $w == -* ]] && continue',
             f'        if [[ -z $cmd ]]; then case " {" ".join(data)} " in *" $w "*) cmd=$w;; esac',
             '        elif [[ -z $sub ]]; then sub=$w; fi',
             "    done",
             '    case "$prev" in']
    values = {}
    for opts, subs in data.values():
        for flag, choices in [*opts, *(o for s in subs.values() for o in s)]:
            words = _words(flag, choices, cities)
            if words:
                values[flag] = words
    for flag, words in sorted(values.items()):
        lines.append(f'        {flag}) COMPREPLY=($(compgen -W {q(" ".join(words))} -- "$cur")); return;;')
    lines.append(f'        {"|".join(FILES)}) COMPREPLY=($(compgen -f -- "$cur")); return;;')
    lines += ["    esac", '    local words="--help --version --lang"',
              '    case "$cmd" in', f'        "") words="$words {" ".join(data)}";;']
    for name, (opts, subs) in data.items():
        top = " ".join(f for f, _ in opts)
        if subs:
            lines.append(f"        {name}) case \"$sub\" in")
            for s, sopts in subs.items():
                lines.append(f'            {s}) words="{" ".join(f for f, _ in sopts)}";;')
            lines.append(f'            *) words="{" ".join(subs)} {top}";;')
            lines.append("        esac;;")
        else:
            lines.append(f'        {name}) words="{top}";;')
    lines += ["    esac", '    COMPREPLY=($(compgen -W "$words" -- "$cur"))',
              '    [[ ${#COMPREPLY[@]} -eq 0 ]] && COMPREPLY=($(compgen -f -- "$cur"))',
              "}", "complete -F _yibao yibao", ""]
    return "\n".join(lines)


def zsh(data, cities):
    # zsh runs the bash function through its bash-completion layer: one script to keep right
    return ("# yibao completion (zsh): eval \"$(yibao completion zsh)\"\n"
            "autoload -U +X bashcompinit && bashcompinit\n"
            + bash(data, cities).split("\n", 1)[1])


def fish(data, cities):
    q = shlex.quote
    lines = ["# yibao completion (fish): yibao completion fish | source",
             "complete -c yibao -f",
             "complete -c yibao -l version -d 'print the version'",
             "complete -c yibao -l lang -xa 'zh en'"]
    cmds = " ".join(data)
    lines.append(f"complete -c yibao -n 'not __fish_seen_subcommand_from {cmds}' -a {q(cmds)}")
    for name, (opts, subs) in data.items():
        cond = f"__fish_seen_subcommand_from {name}"
        if subs:
            names = " ".join(subs)
            lines.append(f"complete -c yibao -n '{cond}; and not __fish_seen_subcommand_from "
                         f"{names}' -a {q(names)}")
        for flag, choices in [*opts, *(o for s in subs.values() for o in s)]:
            words = _words(flag, choices, cities)
            arg = (f" -xa {q(' '.join(words))}" if words
                   else " -rF" if flag in FILES else " -x" if choices is not None else "")
            lines.append(f"complete -c yibao -n '{cond}' -l {flag[2:]}{arg}")
    return "\n".join(dict.fromkeys(lines)) + "\n"


def cmd_completion(argv):
    p = Parser(prog="yibao completion",
               description="Print a shell completion script for yibao.",
               epilog="examples:\n"
                      "  eval \"$(yibao completion bash)\"     # in ~/.bashrc\n"
                      "  eval \"$(yibao completion zsh)\"      # in ~/.zshrc\n"
                      "  yibao completion fish | source      # in ~/.config/fish/config.fish",
               formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("shell", choices=SHELLS)
    a = p.parse_args(argv)
    if a.shell not in SHELLS:
        raise UsageError(f"yibao completion: {a.shell!r} is not one of {', '.join(SHELLS)}")
    script = {"bash": bash, "zsh": zsh, "fish": fish}[a.shell](spec(), _cities())
    sys.stdout.write(script)
    return 0
