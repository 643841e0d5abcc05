"""The household screens (F5 / h, or ``yibao household tui``): the list of households, one
household (members, bound accounts), the family's year, and the dialogs (``forms/``). Imported
only when first opened, so the wizard starts as fast as before."""
