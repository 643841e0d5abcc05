"""A cited source as a person reads it: its title, not its file name (JSON keeps the file)."""

from __future__ import annotations


def source_title(policy, file):
    """The title of ``file`` in ``policy.sources``; several files joined by ", " each by title;
    a file the policy does not list as is."""
    if not file:
        return file
    srcs = getattr(policy, "sources", None) or {}
    return "、".join((srcs.get(f) or {}).get("title") or f for f in file.split(", "))
