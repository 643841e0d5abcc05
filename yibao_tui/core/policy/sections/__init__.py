"""Validators for policy sections that belong to other features (households, enrolment).

``TOP`` (top-level tables) and ``SCHEME`` (tables inside a scheme) map each section's name to
the module that checks it; the module's function of the same name is
``fn(validator, value, path)``. A module is imported only when a file has one of its sections
(``validator``): a policy without households' sections never loads their checks. A validator
reports problems with ``validator.err(path, "check.<what>", **values)`` and may use its
helpers (``keys``, ``rows``, ``cite``, ``money``, ``rate``, ``labelled``, ``defined``). Keep
these stdlib-only: they load on the ``yibao estimate`` fast path.
"""

from __future__ import annotations

import importlib

TOP = {"binding": "household"}
SCHEME = {"personal_account": "household", "premium": "enrolment", "enrolment": "enrolment",
          "serious_illness_adjustments": "enrolment", "grants": "enrolment",
          "optional_plans": "enrolment"}


def validator(where, name):
    """The check for section ``name`` of ``TOP`` or ``SCHEME`` (``where``)."""
    module = {"TOP": TOP, "SCHEME": SCHEME}[where][name]
    return getattr(importlib.import_module(f"{__name__}.{module}"), name)
