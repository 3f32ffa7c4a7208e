"""The scenario library: YAML scenarios, their schema, the loader and the typed model."""

from .loader import BUNDLED_DIR, load_library
from .model import ChecklistItem, Example, Family, Library, Reference, Scenario, Source

__all__ = [
    "BUNDLED_DIR", "load_library", "ChecklistItem", "Example", "Family", "Library",
    "Reference", "Scenario", "Source",
]
