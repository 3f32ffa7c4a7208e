"""Annotated fixture files (semgrep style) for the code analyzer.

`# expect: LO3xx` (or `// expect: LO3xx` in TypeScript/JavaScript) on the line before the line a
finding starts on; `# ok` comments mark near-misses for the reader. Every finding must be
annotated and every annotation found; files named `*clean*` must produce nothing.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from spilock.analyzers import code

FIXTURES = Path(__file__).parent / "fixtures" / "code"
EXPECT = re.compile(r"(?:#|//)\s*expect:\s*(LO\d{3}(?:\s*,\s*LO\d{3})*)")
FILES = sorted(p for p in FIXTURES.iterdir() if p.suffix in (".py", ".ts", ".tsx", ".js"))


def _expected(text: str) -> set[tuple[int, str]]:
    out = set()
    for i, line in enumerate(text.splitlines(), start=1):
        m = EXPECT.search(line)
        if m:
            out.update((i + 1, c) for c in re.split(r"\s*,\s*", m.group(1)))
    return out


def test_fixtures_cover_python_typescript_and_clean_files():
    suffixes = {p.suffix for p in FILES}
    assert {".py", ".ts"} <= suffixes
    assert any("clean" in p.name for p in FILES)


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_fixture_findings_match_annotations(path: Path):
    text = path.read_text(encoding="utf-8")
    got = {(f.line, f.rule) for f in code.analyze(path.name, text)}
    expected = _expected(text)
    if "clean" in path.name:
        assert not expected
    missing = sorted(expected - got)
    unannotated = sorted(got - expected)
    assert not missing and not unannotated, f"missing {missing}, unannotated {unannotated}"


def test_every_python_rule_has_a_fixture():
    from spilock.analyzers.code_rules import code_rules

    annotated = set()
    for path in FILES:
        annotated |= {rule for _, rule in _expected(path.read_text(encoding="utf-8"))}
    assert {r.code for r in code_rules()} - annotated == set()
