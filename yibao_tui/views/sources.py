"""A cited source as a person reads it: its title, not its file name (JSON keeps the file)."""

from __future__ import annotations

from yibao_tui.core.safe import safe


def source_title(policy, file, lang="zh"):
    """The title of ``file`` in ``policy.sources``; several files ("a, b") each by title, joined
    as the text layer joins a list; a file the policy does not list as is."""
    if not file:
        return file
    srcs = getattr(policy, "sources", None) or {}
    titles = [safe((srcs.get(f) or {}).get("title") or f) for f in str(file).split(", ")]
    if len(titles) == 1:
        return titles[0]
    from yibao_tui.text import t

    return t("doc.sources_of", lang, titles=titles)
