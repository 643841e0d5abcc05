"""One screen per module. Wizard steps: city → person → care → breakdown; compare, export and
help are pushed over the breakdown. Modules other than the first step are imported lazily."""

STEPS = ("city", "person", "care", "breakdown")
