"""Annotated fixture documents, semgrep style.

`<!-- expect: LO101 -->` on the line before a clause that must fire (the finding starts on the next
non-blank line), `<!-- ok -->` before one that must not. Any error or warning finding on a line
without an `expect` annotation fails the test, so a new false positive cannot slip in unnoticed.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from spilock.analyzers import prose

FIXTURES = sorted((Path(__file__).parent / "fixtures" / "prose").glob("*.md"))
ANNOTATION = re.compile(r"<!--\s*(expect:\s*(?P<codes>[A-Z0-9, ]+)|ok)\s*-->")


def annotations(text: str) -> tuple[dict[int, set[str]], set[int]]:
    """(line -> expected rule codes, lines that must stay clean); lines are 1-based."""
    lines = text.split("\n")
    expect: dict[int, set[str]] = {}
    ok: set[int] = set()
    for i, line in enumerate(lines):
        m = ANNOTATION.search(line)
        if not m:
            continue
        target = next(j for j in range(i + 1, len(lines)) if lines[j].strip() and not ANNOTATION.search(lines[j]))
        # a comment cannot sit inside a table: an annotation before a table covers all its rows
        end = target
        while lines[target].lstrip().startswith("|") and end + 1 < len(lines) and lines[end + 1].lstrip().startswith("|"):
            end += 1
        codes = {c.strip() for c in (m.group("codes") or "").split(",") if c.strip()}
        for line in range(target + 1, end + 2):
            if m.group("codes"):
                expect[line] = codes
            else:
                ok.add(line)
    return expect, ok


@pytest.mark.parametrize("path", FIXTURES, ids=lambda p: p.name)
def test_fixture_annotations(path: Path):
    text = path.read_text(encoding="utf-8")
    expect, ok = annotations(text)
    findings = [f for f in prose.analyze(str(path), text) if f.severity in ("error", "warning")]
    by_line: dict[int, set[str]] = {}
    for f in findings:
        by_line.setdefault(f.line, set()).add(f.rule)
    problems = []
    for line, codes in expect.items():
        table = [ln for ln in expect if expect[ln] is codes]  # one annotation over a table's rows
        got = set().union(*(by_line.get(ln, set()) for ln in table))
        if line == min(table) and codes - got:
            problems.append(f"{path.name}:{line}: expected {sorted(codes - got)}, got {sorted(got)}")
    for line in ok:
        if line in by_line:
            problems.append(f"{path.name}:{line}: marked ok but fired {sorted(by_line[line])}")
    for line, codes in by_line.items():
        if line not in expect and line not in ok:
            problems.append(f"{path.name}:{line}: unannotated finding {sorted(codes)}")
    assert not problems, "\n".join(problems)


def test_fixtures_exist():
    assert len(FIXTURES) >= 3
