"""Every `code` example in the scenario library runs through the code analyzer.

flag  -> at least one error/warning finding of the scenario's primary family;
clean -> no finding at all.
TypeScript examples hold their clause in a string literal, so they also exercise the prose
analyzer through analyze_text. Known misses stay visible as xfail (semgrep's todoruleid) rather
than being deleted.
"""

from __future__ import annotations

import pytest

from spilock.analyzers import code
from spilock.scenarios import load_library

SUFFIX = {"python": "py", "typescript": "ts", "ts": "ts", "javascript": "js", "js": "js", "tsx": "tsx"}
KNOWN_MISSES: dict[str, str] = {}  # label -> why it is missed; strict, so a fixed miss must be removed


def _examples():
    lib = load_library()
    for scenario in lib.scenarios:
        for example in scenario.examples:
            if example.kind == "code":
                marks = [pytest.mark.xfail(reason=KNOWN_MISSES[example.label], strict=True)] \
                    if example.label in KNOWN_MISSES else []
                yield pytest.param(scenario, example, id=example.label, marks=marks)


@pytest.mark.parametrize("scenario,example", list(_examples()))
def test_library_code_example(scenario, example):
    path = f"example.{SUFFIX.get(example.lang, 'py')}"
    findings = code.analyze(path, example.text)
    described = [(f.rule, f.family, f.severity, f.line) for f in findings]
    if example.expect == "flag":
        assert any(f.family == scenario.family and f.severity in ("error", "warning") for f in findings), \
            f"expected a {scenario.family} finding, got {described}"
    else:
        assert not findings, f"clean example flagged: {described}"


def test_library_has_code_examples_of_both_kinds():
    params = list(_examples())
    expects = {p.values[1].expect for p in params}
    assert expects == {"flag", "clean"} and len(params) >= 20
