"""Policy sections for enrolment (see policy_ext/__init__.py)."""

TOP = {}
SCHEME = {}
