"""The typed, immutable model of the scenario library. Everything else reads these, never the YAML."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from typing import Literal

ExampleKind = Literal["prose", "config", "code"]
DECISIONS = ("spec-change", "training-run", "deployment", "negotiation-policy", "commitment", "successor-creation")
GROUNDING_TAG = {"direct": "D", "extrapolated": "X", "speculative": "S"}
SEVERITY_RANK = {"error": 0, "warning": 1, "info": 2}
GROUNDING_RANK = {"direct": 0, "extrapolated": 1, "speculative": 2}
DEFAULT_LANG = {"prose": "markdown", "config": "yaml", "code": "python"}


@dataclass(frozen=True)
class Reference:
    key: str
    authors: str
    year: int
    title: str
    venue: str = ""
    url: str | None = None
    read: str = "abstract"
    note: str = ""

    @property
    def citation(self) -> str:
        venue = f" {self.venue}." if self.venue else ""
        return f"{self.authors} ({self.year}). {self.title}.{venue}"


@dataclass(frozen=True)
class Source:
    reference: Reference
    locator: str | None = None
    note: str | None = None

    @property
    def label(self) -> str:
        return f"[{self.reference.key}{', ' + self.locator if self.locator else ''}]"


@dataclass(frozen=True)
class Family:
    id: str
    title: str
    description: str


@dataclass(frozen=True)
class Example:
    scenario_id: str
    expect: Literal["flag", "clean"]
    index: int
    kind: ExampleKind
    lang: str
    text: str
    note: str = ""

    @property
    def label(self) -> str:
        return f"{self.scenario_id}.{self.expect}[{self.index}]"


@dataclass(frozen=True)
class Scenario:
    id: str
    slug: str
    title: str
    kind: str
    actors: tuple[str, ...]
    stages: tuple[str, ...]
    decisions: tuple[str, ...]
    families: tuple[str, ...]
    severity: str
    summary: str
    action: str
    spi: tuple[str, ...]
    effect: str
    mechanism: str
    shapes: dict[str, tuple[str, ...]]
    detection_kinds: tuple[str, ...]
    detection_note: str
    carve_out: str
    question: str
    look_at: str
    backfire: str
    grounding: str
    caveat: str
    open_questions: tuple[str, ...]
    sources: tuple[Source, ...]
    related: tuple[str, ...]
    examples: tuple[Example, ...]
    path: str = field(default="", compare=False)

    @property
    def family(self) -> str:
        """The primary family: the one a finding about this scenario carries by default."""
        return self.families[0]

    @property
    def grounding_tag(self) -> str:
        return GROUNDING_TAG[self.grounding]

    @property
    def checklist_only(self) -> bool:
        return not self.detection_kinds

    def examples_of(self, expect: str, kind: str | None = None) -> list[Example]:
        return [e for e in self.examples if e.expect == expect and (kind is None or e.kind == kind)]

    @property
    def review_hash(self) -> str:
        """Hash of what a reviewer answered: the question and the carve-out. A change makes a review stale."""
        payload = json.dumps({"question": self.question, "carve_out": self.carve_out}, sort_keys=True)
        return hashlib.sha256(payload.encode()).hexdigest()[:16]


@dataclass(frozen=True)
class ChecklistItem:
    """A scenario seen as a question a reviewer answers before a commitment decision."""

    scenario: Scenario

    @property
    def id(self) -> str:
        return self.scenario.id

    @property
    def sort_key(self) -> tuple:
        s = self.scenario
        return (SEVERITY_RANK[s.severity], GROUNDING_RANK[s.grounding], s.id)


@dataclass(frozen=True)
class Library:
    scenarios: tuple[Scenario, ...]
    families: dict[str, Family]
    references: dict[str, Reference]
    version: str
    digest: str

    def get(self, key: str) -> Scenario | None:
        """Look a scenario up by id or slug."""
        for s in self.scenarios:
            if key in (s.id, s.slug):
                return s
        return None

    def __getitem__(self, key: str) -> Scenario:
        found = self.get(key)
        if found is None:
            raise KeyError(key)
        return found

    def checklist(self, decision: str | None = None) -> list[ChecklistItem]:
        items = [ChecklistItem(s) for s in self.scenarios if decision is None or decision in s.decisions]
        return sorted(items, key=lambda i: i.sort_key)

    def examples(self) -> list[Example]:
        return [e for s in self.scenarios for e in s.examples]
