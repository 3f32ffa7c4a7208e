"""Every LO3xx rule's own VALID / INVALID examples (Fixit style), and its metadata against the library."""

from __future__ import annotations

import re

import pytest

from spilock.analyzers import code_python, code_ts
from spilock.analyzers.code_rules import CodeRule, code_rules

RULES = code_rules()


def _cases(attr: str) -> list[tuple[type[CodeRule], int, str]]:
    return [(rule, i, src) for rule in RULES for i, src in enumerate(getattr(rule, attr, ()))]


def _rule_findings(rule: type[CodeRule], source: str, typescript: bool = False):
    analyzer = code_ts if typescript else code_python
    path = "example.ts" if typescript else "example.py"
    return [f for f in analyzer.analyze(path, source) if f.rule == rule.code]


@pytest.mark.parametrize("rule,index,source", _cases("INVALID"), ids=lambda v: getattr(v, "code", str(v)))
def test_invalid_example_fires(rule, index, source):
    found = _rule_findings(rule, source)
    assert found, f"{rule.code} INVALID[{index}] not flagged:\n{source}"
    assert all(f.family == rule.family for f in found)


@pytest.mark.parametrize("rule,index,source", _cases("VALID"), ids=lambda v: getattr(v, "code", str(v)))
def test_valid_example_is_clean(rule, index, source):
    found = _rule_findings(rule, source)
    assert not found, f"{rule.code} VALID[{index}] flagged: {[(f.line, f.message) for f in found]}"


@pytest.mark.parametrize("rule,index,source", _cases("TS_INVALID"), ids=lambda v: getattr(v, "code", str(v)))
def test_typescript_invalid_example_fires(rule, index, source):
    assert _rule_findings(rule, source, typescript=True)


@pytest.mark.parametrize("rule,index,source", _cases("TS_VALID"), ids=lambda v: getattr(v, "code", str(v)))
def test_typescript_valid_example_is_clean(rule, index, source):
    assert not _rule_findings(rule, source, typescript=True)


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
def test_rule_metadata_is_complete(rule):
    assert rule.code.startswith("LO3") and rule.kind == "code"
    assert rule.VALID and rule.INVALID, "a rule needs examples both ways"
    assert rule.description(), "the docstring says what the rule checks"
    assert rule.confidence in ("high", "medium", "low")
    assert rule.fix, "every code rule suggests a carve-out"
    # wording rule: 'may foreclose' / 'risks', never a claim of violation or certainty
    assert re.search(r"may foreclose|risks", rule.message)
    assert not re.search(r"violat|certain", rule.message + rule.fix, re.I)


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
def test_rule_family_is_its_scenarios_primary_family(rule, library):
    for sid in rule.scenarios:
        scenario = library.get(sid)
        assert scenario is not None, f"{rule.code} names unknown scenario {sid}"
        assert scenario.family == rule.family, f"{rule.code}: {sid}'s primary family is {scenario.family}"
        assert "code" in scenario.detection_kinds, f"{sid} does not list code among its detection kinds"


def test_every_code_detectable_scenario_has_a_rule_or_a_prose_path(library):
    """A scenario that says code can show it must be covered by an LO3xx rule."""
    covered = {sid for rule in RULES for sid in rule.scenarios}
    missing = [s.id for s in library.scenarios
               if "code" in s.detection_kinds and s.id not in covered
               and any(e.kind == "code" and e.lang == "python" for e in s.examples)]
    assert not missing


def test_rule_codes_are_unique():
    codes = [r.code for r in RULES]
    assert len(codes) == len(set(codes))


def test_one_scan_gate_agrees_with_each_rules_own_gate():
    """`applicable_rules` scans a file once for every rule's gate words; it must pick exactly the rules whose own
    `applies_to` holds, also where gate words overlap or one starts another."""
    from spilock.analyzers.code_rules import applicable_rules, python_rules

    rules = python_rules()
    words = sorted({w for r in rules for w in r.GATE or ()})
    texts = [src.lower() for r in RULES for src in (*r.VALID, *r.INVALID)]
    texts += ["", "nothing to see here", " ".join(words), "".join(words), "".join(reversed(words))]
    texts += [w[:-1] for w in words] + [w + w for w in words]
    for text in texts:
        assert applicable_rules(rules, text) == [r for r in rules if r.applies_to(text)], text[:80]
