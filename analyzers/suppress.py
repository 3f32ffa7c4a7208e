"""Inline suppressions: `spilock: ignore[LO101] reason: ...` in a comment of the file's own syntax.

Markdown `<!-- spilock: ignore[LO101] reason: ... -->`; YAML, TOML and Python `# spilock: ...`;
JavaScript/TypeScript `// spilock: ...`. JSON has no comments: use per-file-ignores or a baseline.

A line directive covers the clause that starts on the same line or on the next non-blank line
that is not itself a directive. `ignore-start[...] reason: ...` ... `ignore-end` covers a block
(to the end of the file if never closed). Codes come only from the brackets: the reason is free
text and is never parsed as codes. Suppressed findings are kept, marked, never dropped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from .model import Finding, Suppression
from .tool_rules import (BlanketSuppression, MalformedSuppression, SuppressionWithoutReason,
                         UnsuppressibleRule, UnusedSuppression)

COMMENT_OPENERS = {".md": "<!--", ".markdown": "<!--", ".rst": "..", ".txt": None,
                   ".yaml": "#", ".yml": "#", ".toml": "#", ".py": "#", ".pyi": "#",
                   ".ts": "//", ".tsx": "//", ".mts": "//", ".cts": "//", ".js": "//", ".jsx": "//",
                   ".mjs": "//", ".cjs": "//"}
# Bounded pieces only: the scan runs per line and never backtracks across a document.
DIRECTIVE = re.compile(
    r"spilock:\s*(?P<verb>ignore-start|ignore-end|ignore)\b"
    r"(?:\[(?P<codes>[^\]\n]{0,200})\])?"
    r"(?:\s*reason:\s*(?P<reason>[^\n]{0,1000}?))?\s*(?:-->)?\s*$")
CODE = re.compile(r"^LO[0-9]{3}$")


@dataclass
class Directive:
    line: int
    column: int
    verb: str
    codes: tuple[str, ...]
    reason: str
    first: int = 0  # first line covered
    last: int = 0  # last line covered
    used: bool = field(default=False)


def _comment_opener(path: str) -> str | None:
    suffix = path[path.rfind("."):].lower() if "." in path else ""
    return COMMENT_OPENERS.get(suffix, "#")


def parse_directives(path: str, text: str) -> list[Directive]:
    opener = _comment_opener(path)
    if opener is None and not path.endswith(".txt") or "spilock:" not in text:
        return []  # one scan of the text: most files have no directive, and splitting every file into lines is not free
    lines = text.splitlines()
    found: list[Directive] = []
    for i, line in enumerate(lines, 1):
        pos = line.find("spilock:")
        if pos < 0:
            continue
        head = line[:pos]
        if opener and opener not in head and not path.endswith(".txt"):
            continue  # "spilock:" in ordinary text or a string, not in a comment
        m = DIRECTIVE.search(line, pos)
        if not m:
            continue
        codes = tuple(c.strip() for c in (m["codes"] or "").split(",") if c.strip())
        found.append(Directive(i, pos + 1, m["verb"], codes, (m["reason"] or "").strip()))
    _assign_ranges(found, lines)
    return found


def _assign_ranges(directives: list[Directive], lines: list[str]) -> None:
    directive_lines = {d.line for d in directives}
    open_block: Directive | None = None
    for d in directives:
        if d.verb == "ignore":
            target = d.line + 1
            while target <= len(lines) and (not lines[target - 1].strip() or target in directive_lines):
                target += 1
            own_line = lines[d.line - 1][: d.column - 1].strip(" \t#/<!-")
            d.first, d.last = (d.line, d.line) if own_line else (d.line, target)
        elif d.verb == "ignore-start":
            d.first, d.last = d.line, len(lines)
            open_block = d
        elif d.verb == "ignore-end" and open_block is not None:
            open_block.last = d.line
            open_block = None


def _problem(d: Directive, rule, path: str) -> Finding:
    codes = ",".join(d.codes) or "all rules"
    return rule.finding(path=path, line=d.line, column=d.column, end_line=d.line, end_column=d.column + 8,
                        snippet=f"spilock: {d.verb}[{codes}]", codes=codes)


def apply(path: str, text: str, findings: list[Finding], unsuppressible=lambda rule, family: False) -> list[Finding]:
    """Mark findings covered by valid directives; add findings about invalid or unused ones."""
    directives = [d for d in parse_directives(path, text) if d.verb != "ignore-end"]
    extra: list[Finding] = []
    valid: list[Directive] = []
    for d in directives:
        if not d.codes:
            extra.append(_problem(d, BlanketSuppression, path))
        elif not all(CODE.match(c) for c in d.codes):
            extra.append(_problem(d, MalformedSuppression, path))
        elif not d.reason:
            extra.append(_problem(d, SuppressionWithoutReason, path))
        else:
            valid.append(d)
    out = []
    for f in findings:
        match = next((d for d in valid if f.rule in d.codes and d.first <= f.line <= d.last), None)
        if match is None:
            out.append(f)
            continue
        match.used = True
        if unsuppressible(f.rule, f.family):
            out.append(f)
            extra.append(_problem(replace(match, codes=(f.rule,)), UnsuppressibleRule, path))
            continue
        out.append(replace(f, suppressed=Suppression("inline", match.reason, match.line)))
    extra.extend(_problem(d, UnusedSuppression, path) for d in valid if not d.used)
    return out + extra
