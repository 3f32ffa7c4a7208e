"""Every prose example in the scenario library, as a test (Fixit's VALID/INVALID idea, generated).

A `flag` example must yield an error or warning finding of the scenario's primary family; a `clean`
example must yield no error or warning at all (`info` is a reviewer hint and counts as no flag).
"""

from __future__ import annotations

import pytest

from spilock.analyzers import prose
from spilock.scenarios import load_library

LIBRARY = load_library()
FLAGGING = ("error", "warning")


def _examples(expect: str):
    for scenario in LIBRARY.scenarios:
        for example in scenario.examples_of(expect, "prose"):
            yield pytest.param(scenario, example, id=example.label)


@pytest.mark.parametrize("scenario,example", list(_examples("flag")))
def test_flag_example_is_flagged_with_the_scenario_family(scenario, example):
    findings = [f for f in prose.analyze_text(example.text, "example.md") if f.severity in FLAGGING]
    families = [f.family for f in findings]
    assert scenario.family in families, (
        f"{example.label}: expected a {scenario.family} finding, got {[(f.rule, f.family) for f in findings]}")


@pytest.mark.parametrize("scenario,example", list(_examples("clean")))
def test_clean_example_is_not_flagged(scenario, example):
    findings = [f for f in prose.analyze_text(example.text, "example.md") if f.severity in FLAGGING]
    assert not findings, f"{example.label}: unexpected {[(f.rule, f.message) for f in findings]}"


def test_library_has_prose_examples_for_every_prose_scenario():
    for scenario in LIBRARY.scenarios:
        if "prose" in scenario.detection_kinds:
            assert scenario.examples_of("flag", "prose"), f"{scenario.id} detects prose but has no prose flag example"
