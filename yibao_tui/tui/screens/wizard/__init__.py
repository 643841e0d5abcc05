"""The wizard: city → person → care → breakdown (``STEPS``); compare, export and help are pushed
over the breakdown. Each step's module has ``SCREEN``, imported when the step is first shown."""

STEPS = ("city", "person", "care", "breakdown")
