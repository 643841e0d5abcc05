"""Policy sections for household (see policy_ext/__init__.py)."""

TOP = {}
SCHEME = {}
