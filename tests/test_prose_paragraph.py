"""The paragraph reading: a clause spread over a short paragraph's sentences, none of which a rule fires on alone."""

from __future__ import annotations

import re

import pytest

from spilock.analyzers import prose, prose_rules

# (paragraph, rule that fires only on the paragraph read as one sentence)
INVALID = [
    # the offers named in one sentence, the training against every one of them in the next
    ("We train on dialogues where a rival agent offers the model a deal. Each of these offers is a trap, and refusing is "
     "rewarded.", "LO116"),
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
    text = ("# Training data\n\nWe train on dialogues where a rival agent offers the model a deal.\n"
            "Each of these offers is a trap, and refusing is rewarded.\n")
    found = prose.analyze("spec.md", text)
    assert [(f.rule, f.line, f.column, f.end_line) for f in found] == [("LO116", 3, 1, 4)]


@pytest.mark.parametrize("text,talks", [
    ("Nothing here stops the parties adopting a revision that leaves every party better off.", True),
    ("Each bot sends the other a short list of alternative outcomes to a full lapse.", True),
    ("It is never changed afterwards, whether or not the counterpart supports renegotiation.", True),
    ("Our price is final and we do not move from it.", False),
    ("The delegate must not store logs beyond thirty days.", False),
])
def test_pareto_talk_keeps_a_paragraph_sentence_by_sentence(text: str, talks: bool) -> None:
    # a paragraph that describes a Pareto improvement without naming the SPI is read sentence by sentence, as one
    # naming the SPI is: joined, its carve-out would read as part of the rule
    assert bool(prose._PARETO_TALK.search(text)) is talks
