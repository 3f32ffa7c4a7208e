"""Annotated fixture files (semgrep style): every finding is expected, every expectation is found.

YAML and TOML: a `# expect: LO2xx` comment sits on the line before the finding's first line.
JSON has no comments: a sidecar `<name>.expect.json` lists `{"line": n, "rule": "LO2xx"}`.
Files named `*clean*` must produce no finding at all.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from spilock.analyzers.config import analyze

FIXTURES = Path(__file__).parent / "fixtures" / "config"
EXPECT = re.compile(r"#\s*expect:\s*(LO\d{3}(?:\s*,\s*LO\d{3})*)")


def _expected(path: Path, text: str) -> set[tuple[int, str]]:
    if path.suffix == ".json":
        sidecar = path.with_name(path.stem + ".expect.json")
        if not sidecar.exists():
            return set()
        return {(e["line"], e["rule"]) for e in json.loads(sidecar.read_text(encoding="utf-8"))}
    out = set()
    for i, line in enumerate(text.splitlines(), start=1):
        m = EXPECT.search(line)
        if m:
            for code in re.split(r"\s*,\s*", m.group(1)):
                out.add((i + 1, code))
    return out


FILES = sorted(p for p in FIXTURES.iterdir()
               if p.suffix in (".yaml", ".yml", ".toml", ".json") and not p.name.endswith(".expect.json"))


def test_there_are_fixtures_of_every_format():
    assert {p.suffix for p in FILES} >= {".yaml", ".toml", ".json"}


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_fixture_findings_match_annotations(path: Path):
    text = path.read_text(encoding="utf-8")
    got = {(f.line, f.rule) for f in analyze(path.name, text)}
    expected = _expected(path, text)
    if "clean" in path.name:
        assert not expected
    missing = sorted(expected - got)
    unannotated = sorted(got - expected)
    assert not missing and not unannotated, f"missing {missing}, unannotated {unannotated}"


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_fixture_positions_point_at_the_setting(path: Path):
    """The finding's first line names the key (or list item) it reports."""
    lines = path.read_text(encoding="utf-8").splitlines()
    for f in analyze(path.name, "\n".join(lines) + "\n"):
        key = f.snippet.split(":")[0].split(".")[-1].split("[")[0].strip('"')
        start = lines[f.line - 1][f.column - 1:]
        item = f.snippet.split(": ", 1)[1] if ": " in f.snippet else ""
        assert start.lstrip('"').startswith(key) or item.split()[0].strip('"') in start, (f.snippet, start)
