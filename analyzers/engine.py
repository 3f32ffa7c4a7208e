"""Run the analyzers over discovered files. One direction: discover -> analyze -> filter -> Report.

Analyzers are plain functions `analyze(path: str, text: str) -> list[Finding]` that raise
AnalysisError for input they cannot parse. Nothing an analyzer does can crash the run: any
failure becomes an `errors` entry for that file.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

from ..errors import Problem
from .discover import SourceFile, discover
from .model import SEVERITY_RANK, AnalysisError, Finding

Analyzer = Callable[[str, str], list[Finding]]
ANALYZER_MODULES = {"prose": "prose", "config": "config", "code": "code"}
BINARY_SNIFF = 8192


@dataclass
class Report:
    findings: list[Finding] = field(default_factory=list)
    errors: list[Problem] = field(default_factory=list)
    files: int = 0
    skipped: dict[str, int] = field(default_factory=dict)  # kind -> files with no analyzer yet

    def add(self, other: "Report") -> None:
        self.findings.extend(other.findings)
        self.errors.extend(other.errors)
        self.files += other.files
        for k, v in other.skipped.items():
            self.skipped[k] = self.skipped.get(k, 0) + v

    def sort(self) -> None:
        self.findings.sort(key=lambda f: (f.path, f.line, f.column, f.rule))
        self.errors.sort(key=lambda e: (e.path, e.line or 0))

    def active(self) -> list[Finding]:
        return [f for f in self.findings if f.suppressed is None]

    def failing(self, fail_on: str) -> list[Finding]:
        limit = SEVERITY_RANK[fail_on]
        return [f for f in self.active() if SEVERITY_RANK[f.severity] <= limit]


def analyzer_for(kind: str) -> Analyzer | None:
    try:
        module = importlib.import_module(f"{__package__}.{ANALYZER_MODULES[kind]}")
    except ModuleNotFoundError as exc:
        if exc.name == f"{__package__}.{ANALYZER_MODULES[kind]}":
            return None  # that analyzer has not been written yet
        raise
    return getattr(module, "analyze", None)


def read_source(path: Path, display: str) -> str:
    """The file's text, or AnalysisError naming why it cannot be linted (binary, not UTF-8)."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise AnalysisError(f"cannot read file: {exc.strerror or exc}") from None
    if b"\x00" in raw[:BINARY_SNIFF]:
        raise AnalysisError("binary file (NUL bytes) with a text extension; not linted")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise AnalysisError(f"not valid UTF-8 (byte 0x{raw[exc.start]:02x}); not linted", line) from None


def analyze_file(source: SourceFile) -> Report:
    report = Report(files=1)
    analyze = analyzer_for(source.kind)
    if analyze is None:
        report.files = 0
        report.skipped[source.kind] = 1
        return report
    try:
        text = read_source(source.path, source.display)
        report.findings.extend(analyze(source.display, text))
    except AnalysisError as exc:
        report.errors.append(Problem(source.display, exc.message, exc.line, exc.column))
    except RecursionError:
        report.errors.append(Problem(source.display, "too deeply nested to analyse (recursion limit)"))
    except Exception as exc:  # noqa: BLE001 - an analyzer bug must not lose the other files
        report.errors.append(Problem(source.display, f"internal error in the {source.kind} analyzer: "
                                                     f"{type(exc).__name__}: {exc}"))
    return report


def lint(paths: Iterable[Path | str], exclude: Iterable[str] = ()) -> Report:
    report = Report()
    for source in discover(paths, exclude):
        report.add(analyze_file(source))
    report.sort()
    return report
