"""The app's screens, one per module, each with its .tcss beside it: ``wizard/`` (city → person →
care → breakdown; compare, export and help over the breakdown) and ``household/`` (the list, one
household, the family's year, and the dialogs in ``household/forms/``). Only the first step's
screen is imported at start; the others when first shown."""
