"""tiertriage: triage small client questions into ready-to-send tiered support replies."""

__version__ = "0.1.0"
