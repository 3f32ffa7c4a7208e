"""What analyzers produce: Findings with exact locations, and the institutional statement behind them."""

from __future__ import annotations

import hashlib
import re
from dataclasses import asdict, dataclass, field, replace
from typing import Literal

Severity = Literal["error", "warning", "info"]
SEVERITIES = ("error", "warning", "info")
SEVERITY_RANK = {"error": 0, "warning": 1, "info": 2}
FileKind = Literal["prose", "config", "code"]
HELP_BASE = "https://spilock.dev/rules/"


@dataclass(frozen=True)
class Clause:
    """A normative statement in Institutional Grammar terms (Crawford & Ostrom's ADICO).

    attribute: who is bound ("the model"); deontic: must / must not / may / commits;
    aim: the action ("change its values"); conditions: when and unless ("without human approval").
    """

    attribute: str = ""
    deontic: str = ""
    aim: str = ""
    conditions: str = ""
    or_else: str = ""

    def to_json(self) -> dict:
        return {k: v for k, v in asdict(self).items() if v or k != "or_else"}


@dataclass(frozen=True)
class Suppression:
    kind: str  # "inline", "block", "baseline", "config"
    reason: str
    line: int | None = None

    def to_json(self) -> dict:
        return {"kind": self.kind, "reason": self.reason, "line": self.line}


@dataclass(frozen=True)
class Finding:
    rule: str
    name: str
    family: str
    severity: Severity
    confidence: str
    path: str
    line: int
    column: int
    end_line: int
    end_column: int
    message: str
    scenarios: tuple[str, ...]
    fix: str | None = None
    clause: Clause | None = None
    snippet: str = ""  # the clause text the finding is about; the baseline fingerprints it
    suppressed: Suppression | None = field(default=None, compare=False)

    @property
    def help_uri(self) -> str:
        return f"{HELP_BASE}{self.rule}/"

    @property
    def fingerprint(self) -> str:
        """Stable across moved lines: rule + normalised clause text (not the line number)."""
        norm = re.sub(r"\s+", " ", self.snippet or self.message).strip().lower()
        return hashlib.sha256(f"{self.rule}\0{norm}".encode()).hexdigest()[:20]

    def contains(self, other: "Finding") -> bool:
        """Does this finding's span hold `other`'s?"""
        return (self.line, self.column) <= (other.line, other.column) and \
            (other.end_line, other.end_column) <= (self.end_line, self.end_column)

    def at(self, path: str) -> "Finding":
        return replace(self, path=path)

    def moved(self, line: int, column: int, end_line: int, end_column: int) -> "Finding":
        return replace(self, line=line, column=column, end_line=end_line, end_column=end_column)

    def to_json(self) -> dict:
        out = {
            "rule": self.rule, "name": self.name, "family": self.family, "severity": self.severity,
            "confidence": self.confidence, "path": self.path, "line": self.line, "column": self.column,
            "end_line": self.end_line, "end_column": self.end_column, "message": self.message,
            "scenarios": list(self.scenarios), "fix": self.fix, "help_uri": self.help_uri,
            "fingerprint": self.fingerprint,
        }
        if self.clause is not None:
            out["clause"] = self.clause.to_json()
        if self.suppressed is not None:
            out["suppressed"] = self.suppressed.to_json()
        return out


class AnalysisError(Exception):
    """The file cannot be analysed (does not parse); becomes an `errors` entry, never a crash."""

    def __init__(self, message: str, line: int | None = None, column: int | None = None):
        super().__init__(message)
        self.message = message
        self.line = line
        self.column = column
