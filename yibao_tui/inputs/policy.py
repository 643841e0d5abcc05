"""Opening the policy a run uses: the city's file for a year (by id or by name), its flags
checked, a ``--supplied FILE`` filled in. One rule for every face: ``yibao estimate``, ``slip``,
``premium`` … and the wizard's prefill; a problem is one UsageError line.

Policy files themselves are read by core (``core.policy.load``: the one bounded reader, the
input layer, the validator); the directories searched come from ``policy_dirs``.
"""

from __future__ import annotations

import os

from yibao_tui.core import policy as pol
from yibao_tui.core.policy import PolicyError
from yibao_tui.core.safe import safe
from yibao_tui.inputs.options import UsageError, shown
from yibao_tui.text.names import city_id

USER_DIR = "policies"  # <user data dir>/policies: the user's own policy files (yibao policies path)


def user_policies_dir():
    """Where the user's own policy files live: ``<user data dir>/policies``, beside the households
    and the supplied figures (the same base: ``storage.supplied.data_dir``). Not checked here."""
    from yibao_tui.storage.supplied import data_dir

    return os.path.join(data_dir(), USER_DIR)


def policy_dirs(extra=None):
    """The directories policies are searched in, earlier ones winning for the same city and year:
    ``--policies``, then ``$YIBAO_POLICIES``, then the user's own (``user_policies_dir``, when it
    exists), then the bundled one — the one place a face gets them from; and the parsed-policy
    cache those files are loaded through (``storage.policy_cache``).

    ``$YIBAO_POLICIES`` naming a directory that does not exist is a UsageError (never a silent
    fall back to the bundled figures); the user's own directory must pass the households' trust
    rules (``storage.trust.trusted_dir``: ours, not writable by group or others), else a
    UsageError naming it: a file someone else could have put there is never used."""
    from yibao_tui.core.policy.files import use_cache
    from yibao_tui.storage.policy_cache import parsed_policies

    use_cache(parsed_policies())
    env = os.environ.get(pol.DEFAULT_DIR_ENV)
    if env:
        for d in env.split(os.pathsep):
            if d and not os.path.isdir(d):
                raise UsageError(f"${pol.DEFAULT_DIR_ENV}: no such directory: {safe(d, 200)}")
    dirs = pol.search_dirs(extra)
    mine = user_policies_dir()
    if os.path.isdir(mine):
        from yibao_tui.storage.trust import UnsafePathError, trusted_dir

        try:
            trusted_dir(mine)
        except UnsafePathError as e:
            raise UsageError(f"your policies directory: {e}") from None
        bundled = dirs and dirs[-1] == pol.bundled_dir()  # search_dirs puts it last
        dirs.insert(len(dirs) - 1 if bundled else len(dirs), mine)
    return dirs


def open_policy(city, year, extra_dir):
    """(Policy, the year of its file) for ``city`` (an id or a name: 沈阳) in ``year`` (None: the
    newest), or UsageError."""
    dirs = policy_dirs(extra_dir)
    found = pol.find(city, year, dirs)
    if found is None and city:  # the city's name (沈阳)
        cid = city_id(city, dirs)
        found = pol.find(cid, year, dirs) if cid else None
    if found is None:
        known = sorted(pol.cities(dirs))
        raise UsageError(f"unknown city '{shown(city)}'; accepted: {', '.join(known) or 'none found'}")
    trusted_policy(found[0])
    try:
        p = pol.load(found[0])
        p.later = pol.later_year(p.city, found[1], dirs)  # a day between two files says so
        return p, found[1]
    except PolicyError as e:
        more = len(e.problems) - 1  # one line; 'yibao policies check' lists them all
        from yibao_tui.text import render

        raise UsageError(f"the policy file cannot be used: {render(e.msg, 'en')}"
                         + (f" (and {more} more: see 'yibao policies check')" if more else "")) from None


def trusted_policy(path):
    """Refuse (UsageError) a policy file — or a policy directory — that someone else could have
    changed (``storage.trust.trusted_file``: it and each directory above it yours or root's and
    writable by nobody else): a planted ``shenyang-2024.toml`` in a world-writable
    ``--policies DIR`` would otherwise give every estimate its figures. The bundled policies,
    shipped in the package, are not checked (as the demo household): the fast path stays light."""
    bundled = pol.bundled_dir()
    if bundled and os.path.dirname(os.path.abspath(path)) == os.path.abspath(bundled):
        return
    from yibao_tui.storage.trust import UnsafePathError, trusted_file

    try:
        trusted_file(path)
    except UnsafePathError as e:
        raise UsageError(f"policies: {e}") from None
    except OSError:
        pass  # missing: the loader says so


def apply_supplied_file(policy, path):
    """The policy with the user's figures from a ``[[supplied]]`` TOML file filled in (read
    through the reading door, checked by the supplied file's schema)."""
    from yibao_tui.core.supplied import SuppliedError, apply_supplied, parse
    from yibao_tui.inputs.userfiles import read_toml
    from yibao_tui.storage.supplied import schema

    data = read_toml(path, "--supplied", schema=schema)
    try:  # an empty file: "needs at least one [[supplied]] entry"
        return apply_supplied(policy, parse(data.get("supplied"), shown(os.path.basename(path))))
    except SuppliedError as e:
        from yibao_tui.text import render

        raise UsageError(render(e.msg, "en")) from None


def policy_for(city, scheme, flags, year, policies_dir, supplied_file=None):
    """The policy a person's visits are estimated with, and notices about it: the city's file for
    the year (a day it does not cover is said by every document: core/policy/years.py), its
    flags checked, a ``--supplied`` file filled in. One
    rule for ``yibao estimate`` and ``yibao slip``."""
    from yibao_tui.core.vocab import SCHEMES
    from yibao_tui.text import city_year

    if scheme not in SCHEMES:
        raise UsageError(f"scheme '{shown(scheme)}' is not one of {', '.join(SCHEMES)}")
    policy = open_policy(city, year, policies_dir)[0]
    notices = []  # the policy's year is said by the document itself (views.document.policy_notices)
    unknown = [f for f in flags if f not in policy.flags]
    if unknown:
        raise UsageError(f"flag '{shown(unknown[0])}' is not listed by {city_year(policy, 'en')}; "
                         f"accepted: {', '.join(policy.flags) or 'none'}")
    if supplied_file:
        policy = apply_supplied_file(policy, supplied_file)
    return policy, notices


SOURCE_MAX = 4 << 20  # bytes of one source text the strict check reads (a notice is far smaller)


def strict_problems(path, sources_dir=None):
    """Every problem of the policy file at ``path`` under the strict check, as (file, line, Msg):
    the validator's first (a file it refuses is not checked further), then
    ``core.policy.strict``'s against the texts of its ``[sources]``, looked up by file name in
    ``sources_dir`` (default: ``sources/`` beside the file). Every file is read through the
    reading door (``storage.reading``); a policy file that cannot be read is one problem, as
    ``core.policy.load`` says it."""
    from yibao_tui.core import tomlinput
    from yibao_tui.core.msg import Msg
    from yibao_tui.core.policy import strict
    from yibao_tui.core.policy.validate import validate
    from yibao_tui.storage.reading import read_bytes, shown_name

    name = shown_name(path)
    try:
        raw = read_bytes(path, tomlinput.MAX_BYTES)[0]
    except OSError as e:
        return [(name, None, Msg("policy.cannot_read", why=shown(e.strerror or str(e))))]
    try:
        data = tomlinput.loads(raw, name)
    except tomlinput.TomlInputError as e:
        return list(e.problems)
    problems = validate(data, name, raw)
    if problems:
        return problems
    d = sources_dir or os.path.join(os.path.dirname(os.path.abspath(path)), "sources")
    texts = {f: _source_text(d, f) for f in data.get("sources", {})}
    return strict.check(data, name, raw, texts)


def _source_text(d, name):
    """The text of source file ``name`` in directory ``d``: a str, None when there is none, or a
    Msg saying why it cannot be used."""
    from yibao_tui.core.msg import Msg
    from yibao_tui.storage.reading import read_bytes

    if not name or name != os.path.basename(name) or name.startswith("."):
        return Msg("strict.source_unreadable", why=shown(name))  # only a file in that directory
    try:
        raw = read_bytes(os.path.join(d, name), SOURCE_MAX)[0]
        return raw.decode("utf-8")
    except FileNotFoundError:
        return None
    except UnicodeDecodeError:
        return Msg("strict.source_unreadable", why="UTF-8")
    except OSError as e:
        return Msg("strict.source_unreadable", why=shown(e.strerror or str(e)))
