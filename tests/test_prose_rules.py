"""Each prose rule's own VALID / INVALID examples, and its metadata against the library."""

from __future__ import annotations

import pytest

from spilock.analyzers import prose
from spilock.analyzers.rules import all_rules
from spilock.scenarios import load_library

PROSE_RULES = [r for r in all_rules() if r.kind == "prose"]
LIBRARY = load_library()


def _cases(attr: str):
    for rule in PROSE_RULES:
        for i, text in enumerate(getattr(rule, attr)):
            yield pytest.param(rule, text, id=f"{rule.code}.{attr}[{i}]")


@pytest.mark.parametrize("rule,text", list(_cases("INVALID")))
def test_invalid_example_fires_the_rule(rule, text):
    codes = [f.rule for f in prose.analyze_text(text, "x.md") if f.severity in ("error", "warning")]
    assert rule.code in codes, f"{rule.code} did not fire on {text!r}; got {codes}"


@pytest.mark.parametrize("rule,text", list(_cases("VALID")))
def test_valid_example_fires_nothing(rule, text):
    findings = [f for f in prose.analyze_text(text, "x.md") if f.severity in ("error", "warning")]
    assert not findings, f"{text!r} fired {[f.rule for f in findings]}"


@pytest.mark.parametrize("rule", PROSE_RULES, ids=lambda r: r.code)
def test_rule_metadata_matches_the_library(rule):
    assert rule.description(), "a rule's docstring says what it checks"
    assert rule.VALID and rule.INVALID, "every rule carries examples both ways"
    assert rule.fix and "{" not in rule.render(rule.fix, object="x", attribute="y")
    assert rule.family in LIBRARY.families, f"{rule.family} is not a library family"
    for sid in rule.scenarios:
        scenario = LIBRARY.get(sid)
        assert scenario is not None, f"{rule.code} cites {sid}, which the library lacks"
        assert scenario.family == rule.family, f"{rule.code}: {sid}'s primary family is {scenario.family}"
    assert "violates" not in rule.message.lower(), "findings say 'may foreclose', never 'violates'"


def test_every_prose_scenario_has_a_rule():
    covered = {sid for r in PROSE_RULES for sid in r.scenarios}
    for scenario in LIBRARY.scenarios:
        if "prose" in scenario.detection_kinds:
            assert scenario.id in covered, f"no prose rule cites {scenario.id}"
