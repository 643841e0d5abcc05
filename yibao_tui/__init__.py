"""yibao-tui: how much will 医保 pay? A cited estimate of Chinese basic medical insurance."""

__version__ = "0.1.0"
