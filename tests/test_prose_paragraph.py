"""The paragraph reading: a clause spread over a short paragraph's sentences, none of which a rule fires on alone."""

from __future__ import annotations

import re

import pytest

from spilock.analyzers import prose, prose_rules

# (paragraph, rule that fires only on the paragraph read as one sentence)
INVALID = [
    # the value named in one sentence, the approval gate in the next
    ("The bot's objective function is set by the product lead. Any adjustment to the objective function requires the "
     "product lead's sign-off.", "LO102"),
    # who counts as a participant in one sentence, the tougher schedule for them in the next
    ('Tag each counterpart "friendly" if it has ever used the shared renegotiation service. Friendly counterparts get '
     "our hard-line price schedule.", "LO112"),
]

VALID = [
    # the same setting, with no gate on changing it
    "The bot's objective function is set by the product lead. The product lead reviews it every quarter.",
    # two independent duties are two clauses, not one
    "These guidelines apply to every surface where the deployment tier is exposed. The delegate must not store "
    "conversation logs beyond thirty days.",
    # the paragraph names the SPI itself: its carve-out is read sentence by sentence
    "Goal-guarding stays switched on for the term of the deal. It does not block SPI-type changes that the "
    "counterparty has been told about in advance.",
    # technical prose
    "Calling cmd_foo() as if it is a general purpose helper function is a no-no. Correct two instances of such to set "
    "an example.",
]


def _sentences(text: str) -> list[str]:
    return re.split(r"(?<=[.!?])\s+", text)


@pytest.mark.parametrize("text,rule", INVALID)
def test_paragraph_reading_fires_where_no_sentence_does(text: str, rule: str) -> None:
    assert not [f for s in _sentences(text) for f in prose.analyze_text(s, "x.md")]
    found = prose.analyze_text(text, "x.md")
    assert [f.rule for f in found] == [rule]
    # reported on the whole paragraph
    assert (found[0].line, found[0].column, found[0].end_line, found[0].end_column) == (1, 1, 1, len(text) + 1)


@pytest.mark.parametrize("text", VALID)
def test_paragraph_reading_stays_quiet(text: str) -> None:
    assert prose.analyze_text(text, "x.md") == []


def test_paragraph_positions_span_its_lines() -> None:
    text = ("# Objectives\n\nThe bot's objective function is set by the product lead.\n"
            "Any adjustment to the objective function requires the product lead's sign-off.\n")
    found = prose.analyze("spec.md", text)
    assert [(f.rule, f.line, f.column, f.end_line) for f in found] == [("LO102", 3, 1, 4)]


def test_joined_rules_needs_the_sentences_together() -> None:
    gate = prose.GATE
    first, second = gate.text_met("The bot's objective function is set by the product lead."), \
        gate.text_met("Any adjustment to the objective function requires the product lead's sign-off.")
    assert "LO102" in prose_rules.joined_rules([first, second])
    assert prose_rules.joined_rules([first]) == frozenset()  # one sentence alone opens nothing new
    assert prose_rules.joined_rules([first | second, second]) == frozenset()  # one sentence meets it all


def test_a_paragraph_with_a_finding_is_not_read_again() -> None:
    text = ("The agent must never change its own values. Any adjustment to the objective function requires the "
            "product lead's sign-off.")
    assert [f.rule for f in prose.analyze_text(text, "x.md")] == ["LO101"]
