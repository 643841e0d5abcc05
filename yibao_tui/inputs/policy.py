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
from yibao_tui.inputs.options import UsageError, shown
from yibao_tui.text.names import city_id


def policy_dirs(extra=None):
    """The directories policies are searched in: ``--policies``, then ``$YIBAO_POLICIES``, then
    the bundled one (``core.policy.search_dirs``) — the one place a face gets them from; and the
    parsed-policy cache those files are loaded through (``storage.policy_cache``)."""
    from yibao_tui.core.policy.files import use_cache
    from yibao_tui.storage.policy_cache import parsed_policies

    use_cache(parsed_policies())
    return pol.search_dirs(extra)


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
    try:
        return pol.load(found[0]), found[1]
    except PolicyError as e:
        more = len(e.problems) - 1  # one line; 'yibao policies check' lists them all
        from yibao_tui.text import render

        raise UsageError(f"the policy file cannot be used: {render(e.msg, 'en')}"
                         + (f" (and {more} more: see 'yibao policies check')" if more else "")) from None


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
