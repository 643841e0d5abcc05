"""Validators for policy sections that belong to other features (households, enrolment).

Each module here defines ``TOP`` and/or ``SCHEME``: {section name: fn(validator, value, path)}.
A validator reports problems with ``validator.err(path, message)`` and may use its helpers
(``keys``, ``rows``, ``cite``, ``money``, ``rate``, ``labelled``). Keep these stdlib-only: they
load on the ``yibao estimate`` fast path.
"""

from yibao_tui.core.policy.sections import enrolment, household

MODULES = (household, enrolment)
