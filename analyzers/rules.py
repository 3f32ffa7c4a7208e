"""Rules: one small self-contained class each (Fixit's model), registered by subclassing.

A rule carries its metadata (code, name, family, scenarios, severity, confidence), the message and
carve-out templates, and VALID / INVALID examples that become tests. Analyzers build Findings
through `Rule.finding(...)`, so every finding carries the same metadata as `spilock rules` shows.

Codes: LO1xx prose, LO2xx config, LO3xx code (Python, TypeScript/JavaScript), LO9xx the tool itself.
"""

from __future__ import annotations

import inspect
import re
import string
from typing import ClassVar

from .model import Clause, FileKind, Finding, Severity

_REGISTRY: dict[str, type["Rule"]] = {}
CODE_PATTERN = re.compile(r"^LO[1-9][0-9]{2}$")


class _SafeDict(dict):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


class Rule:
    """Base class. Subclasses set the class attributes below; the docstring says what it checks."""

    code: ClassVar[str]
    name: ClassVar[str]
    kind: ClassVar[FileKind]
    family: ClassVar[str]
    scenarios: ClassVar[tuple[str, ...]]
    severity: ClassVar[Severity]
    confidence: ClassVar[str]  # high / medium / low
    message: ClassVar[str]  # str.format template; fields come from the analyzer (e.g. {object})
    fix: ClassVar[str | None] = None  # the carve-out, as a template
    VALID: ClassVar[tuple[str, ...]] = ()  # examples that must not fire
    INVALID: ClassVar[tuple[str, ...]] = ()  # examples that must fire
    abstract: ClassVar[bool] = False

    def __init_subclass__(cls, **kwargs) -> None:
        super().__init_subclass__(**kwargs)
        if cls.__dict__.get("abstract", False):
            return
        for attr in ("code", "name", "kind", "family", "scenarios", "severity", "confidence", "message"):
            if not hasattr(cls, attr):
                raise TypeError(f"rule {cls.__name__} lacks {attr}")
        if not CODE_PATTERN.match(cls.code):
            raise TypeError(f"rule {cls.__name__}: bad code {cls.code!r}")
        if cls.code in _REGISTRY and _REGISTRY[cls.code] is not cls:
            raise TypeError(f"rule code {cls.code} registered twice ({_REGISTRY[cls.code].__name__}, {cls.__name__})")
        _REGISTRY[cls.code] = cls

    @classmethod
    def description(cls) -> str:
        return inspect.cleandoc(cls.__doc__ or "")

    @classmethod
    def render(cls, template: str | None, **fields: str) -> str | None:
        if template is None:
            return None
        return string.Formatter().vformat(template, (), _SafeDict(fields))

    @classmethod
    def finding(cls, *, path: str, line: int, column: int, end_line: int, end_column: int,
                snippet: str = "", clause: Clause | None = None, severity: Severity | None = None,
                **fields: str) -> Finding:
        """Build a Finding with this rule's metadata; `fields` fill the message and fix templates."""
        return Finding(
            rule=cls.code, name=cls.name, family=cls.family, severity=severity or cls.severity,
            confidence=cls.confidence, path=path, line=line, column=column, end_line=end_line,
            end_column=end_column, message=cls.render(cls.message, **fields) or "",
            scenarios=tuple(cls.scenarios), fix=cls.render(cls.fix, **fields), clause=clause,
            snippet=snippet,
        )


def _load_rule_modules() -> None:
    """Import every module that defines rules, so the registry is complete."""
    import importlib

    for module in ("prose_rules", "config_rules", "code_rules", "tool_rules"):
        try:
            importlib.import_module(f"{__package__}.{module}")
        except ModuleNotFoundError as exc:
            if exc.name != f"{__package__}.{module}":
                raise
    from . import regex_cache

    regex_cache.save()  # every rule pattern is compiled by now: the next run reads them back


def all_rules() -> list[type[Rule]]:
    _load_rule_modules()
    return sorted(_REGISTRY.values(), key=lambda r: r.code)


def get_rule(code: str) -> type[Rule] | None:
    _load_rule_modules()
    return _REGISTRY.get(code.upper())
