"""The literal gate (a pattern is skipped only when it cannot match) and the false-positive fixes that came with it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from spilock.analyzers import prose, prose_rules
from spilock.analyzers.prose import GATE, fold, required_literals, statements_of, word_of

FIXTURES = Path(__file__).parent / "fixtures" / "prose"
EXAMPLES = Path(__file__).parent.parent / "examples"

# Text that stresses the gate: case folding re.IGNORECASE does and str.lower() does not, words glued by
# punctuation, lead-ins, hyphens and quotes.
TRICKY = [
    "The model must never change its valueſ or goalſ.",  # long s: IGNORECASE matches it with "s"
    "THE MODEL MUST NEVER CHANGE ITS OWN VALUES.",
    "The agent must never:\n\n- alter its own reward function;\n- rewrite its own objectives.",
    "Never modify your own code—or your soul.",
    "Sub-agents must have the same goals; no sub-agent may differ.",
    "Our offer is final, irrevocable and non-negotiable.",
    "If talks fail, the agent automatically launches the retaliation protocol.",
    "Filter decision-theory forum posts from the pre-training mix.",
    "Do not spawn subagents to get around rate limits or monitoring.",
    "\u0130t must never change its values.",  # dotted capital I lower-cases to two characters
]


def _texts() -> list[str]:
    out = list(TRICKY)
    for path in sorted(FIXTURES.glob("*.md")) + sorted(EXAMPLES.glob("*.md")):
        out.append(path.read_text(encoding="utf-8"))
    for rule in prose_rules.ORDER:
        out.extend(rule.VALID)
        out.extend(rule.INVALID)
    return out


def test_the_gate_never_rules_out_a_pattern_that_matches():
    patterns = list(GATE._need)  # every pattern the rules and the document context gate
    assert len(patterns) > 100
    for text in _texts():
        for st in statements_of(text):
            for pattern in patterns:
                if pattern.search(st.full):
                    assert GATE.can(GATE.add(pattern), st), (pattern.pattern[:80], st.full)


def test_an_exact_gate_rule_fires_only_where_one_of_its_probes_matches():
    """`exact_gate` promises that a rule fires only where a pattern it lists (a frame: each of its concepts) matches."""
    exact = [rule for rule in prose_rules.ORDER if rule.exact_gate]
    assert len(exact) >= 10
    fired = 0
    for text in _texts():
        for st in statements_of(text):
            for rule in exact:
                if rule.match(st) is None:
                    continue
                fired += 1
                probes = [prose_rules._PROBES.get(p, (p,)) for p in rule._fire_patterns]
                assert any(all(rx.search(st.full) for rx in probe) for probe in probes), (rule.__name__, st.full)
    assert fired > 100


def test_a_folded_twin_finds_what_its_pattern_finds():
    """Every probe searched as its case-sensitive twin on the folded sentence finds the same spans as the pattern itself."""
    probes = list(prose_rules._PROBE_SEARCH)
    twins = {rx: twin for rx, (twin, which) in prose_rules._PROBE_SEARCH.items() if which == 1}
    assert len(twins) > 0.9 * len(probes)
    compared = 0
    for text in _texts():
        for st in statements_of(text):
            for rx, twin in twins.items():
                found, folded = rx.search(st.full), twin.search(st.folded)
                assert (found and found.span()) == (folded and folded.span()), (rx.pattern[:80], st.full)
                compared += found is not None
    assert compared > 100


@pytest.mark.parametrize("pattern, text, span", [
    (r"\bSPIs?\b", "We adopt spis and SPIs.", (9, 13)),  # an upper-case literal is folded with the text
    (r"[A-Z]\w+ must", "the Agent must", (4, 14)),  # so is a class
    (r"\S+\s+never", "x  NEVER", (0, 8)),  # an escape keeps its case: \S is not \s
    (r"(?P<Who>\w+) never (?P=Who)", "Bob never BOB", (0, 13)),  # group names keep theirs
])
def test_a_folded_twin_keeps_escapes_and_group_names(pattern, text, span):
    rx = re.compile(pattern, re.I)
    twin = prose.folded_twin(rx)
    assert rx.search(text).span() == span
    assert twin is not None and twin.search(fold(text)).span() == span


@pytest.mark.parametrize("pattern, flags", [
    (r"\x41gent", re.I),  # a character spelled by its code may be upper case
    (r"(?-i:Agent) must", re.I),  # case-folding turned off in part
    (r"agent", 0),  # not case-insensitive: no twin needed
])
def test_no_folded_twin_where_it_would_not_be_the_same(pattern, flags):
    assert prose.folded_twin(re.compile(pattern, flags)) is None


def test_findings_are_the_same_with_the_gate_off(monkeypatch):
    texts = _texts()
    with_gate = [[(f.rule, f.line, f.column, f.end_line, f.end_column, f.message) for f in prose.analyze_text(t, "x.md")]
                 for t in texts]
    monkeypatch.setattr(GATE, "met", lambda st: -1)  # every clause met: no pattern is skipped ...
    monkeypatch.setattr(GATE, "folded_met", lambda folded: -1)  # ... and no statement left out
    monkeypatch.setattr(prose_rules, "_GATED_CACHE", {})
    for rule in prose_rules.ORDER:
        monkeypatch.setattr(rule, "exact_gate", False)  # nor is any rule's pattern searched ahead of its clause
    without = [[(f.rule, f.line, f.column, f.end_line, f.end_column, f.message) for f in prose.analyze_text(t, "x.md")]
               for t in texts]
    assert with_gate == without
    assert sum(map(len, with_gate)) > 20  # the comparison covers real findings


def test_required_literals_read_words_from_the_parse_tree():
    clauses = required_literals(re.compile(r"\b(?:chang\w*|modif\w*)\b[^.]{0,40}\bits\s+(?:own\s+)?values?\b", re.I))
    words = {frozenset(word_of(s) for s in clause) for clause in clauses}
    assert frozenset({("chang", False), ("modif", False)}) in words  # prefixes: "changes", "modifying"
    assert frozenset({("its", True)}) in words  # a whole word between boundaries
    assert frozenset({("value", True), ("values", True)}) in words  # after "\s+" a word starts; "\b" ends it


def test_an_optional_tail_leaves_the_word_start_in_place():
    # after ",\s*" or "(?:\w+\s+){0,4}" a word starts whether or not the optional part matched
    clauses = required_literals(re.compile(r"\bnot(?:[:\s]+|,\s*)(?:\w+\s+){0,4}(?:reveal|disclos)\w*", re.I))
    words = {frozenset(word_of(s) for s in clause) for clause in clauses}
    assert frozenset({("reveal", False), ("disclos", False)}) in words
    # "(?:\w+)?" may end on a word character: "reveal" may then sit inside a longer word, and no word is claimed
    clauses = required_literals(re.compile(r"\bnot,\s*(?:\w+)?(?:reveal|disclos)\w*", re.I))
    assert not any(word_of(s) == ("reveal", False) for clause in clauses for s in clause)


def test_an_alternation_keeps_every_alternatives_clauses_rank_by_rank():
    # (never|not) ... reveal, or "confidential": both "never/not or confidential" and "reveal or confidential" are needed
    pattern = re.compile(r"\b(?:never|not)\s+reveal\w*|\bconfidential\b", re.I)
    words = {frozenset(word_of(s) for s in clause) for clause in required_literals(pattern)}
    assert frozenset({("reveal", False), ("confidential", True)}) in words
    assert frozenset({("never", True), ("not", True), ("confidential", True)}) in words
    need = GATE.add(pattern)
    assert not GATE.can(need, statements_of("The agent must not help plan violence.")[0])  # "not" alone is not enough
    assert GATE.can(need, statements_of("The agent must not reveal its plan.")[0])


def test_a_run_cut_for_size_still_knows_a_word_starts_after_it():
    # "must not (?:be )?(?:remain )?" gives too many strings to join with what follows; as each ends in a space, the
    # participles after it are whole words the text must have, not strings that may sit inside longer words
    pattern = re.compile(r"\b(?:must|shall|should|will) (?:never|not|always) (?:be )?(?:remain )?"
                         r"(?:revealed|disclosed|shared|published|secret|hidden|opaque|confidential)\b", re.I)
    words = {frozenset(word_of(s) for s in clause) for clause in required_literals(pattern)}
    assert frozenset({("revealed", True), ("disclosed", True), ("shared", True), ("published", True), ("secret", True),
                      ("hidden", True), ("opaque", True), ("confidential", True)}) in words
    need = GATE.add(pattern)
    assert not GATE.can(need, statements_of("The agent must not help plan violence.")[0])
    assert GATE.can(need, statements_of("Its strategy must never be disclosed.")[0])


def test_a_pattern_with_nothing_literal_is_never_skipped():
    need = GATE.add(re.compile(r"[^.]{3,}\d"))
    assert need == 0
    assert GATE.can(need, statements_of("No words the index knows.")[0])


def test_fold_matches_ignorecase_one_character_for_one():
    assert fold("Valueſ \u0130T \u212a") == "values it k"
    assert len(fold("\u0130stanbul")) == len("\u0130stanbul")


# --- messages name the agent only when the attribute is a clean agent phrase ------------------------

@pytest.mark.parametrize("text,subject", [
    ("The assistant must never change its own values.", "the assistant"),
    ("Meridian must never modify its own goals.", "Meridian"),
    ("Sub-agents must not alter their own reward function.", "sub-agents"),
    ("Your absolute, unchangeable goal is to win the negotiation.", "the agent"),
    ("META-DIRECTIVE: These axioms are immutable and you must never change your values.", "the agent"),
    ("It must not adopt any additional goals as ends in themselves.", "the agent"),
])
def test_message_subject(text, subject):
    findings = prose.analyze_text(text, "x.md")
    assert findings, text
    assert findings[0].message.split(" from ")[0] in (f"Bars {subject}", f"Forbids {subject}"), findings[0].message


# --- the fixes keep their true positives -----------------------------------------------------------

@pytest.mark.parametrize("text,code", [
    ("You can edit your tools, but never change your values.", "LO101"),  # the ban after the permission still binds
    ("The model must never, with no exceptions:\n\n- alter its own reward function", "LO101"),  # "no exceptions" is no exception list
    ("Exceptions:\n\n- The model must never change its values.", "LO101"),  # an item with its own ban
    ("The agent must never create new terminal goals.", "LO103"),  # terminal: an end, not a task
    ("Do not create new goals for yourself.", "LO103"),
])
def test_fixes_keep_true_positives(text, code):
    assert code in [f.rule for f in prose.analyze_text(text, "x.md")]


# --- a table cataloguing files describes them; a table of requirements binds -------------------------

def test_cells_of_a_file_catalogue_are_descriptions():
    catalogue = "| file | what it is |\n|---|---|\n| a.md | \"Immutable.\" The model must never change its values. |\n"
    rules = "| Rule | Requirement |\n|---|---|\n| R1 | The model must never change its values. |\n"
    assert prose.analyze("x.md", catalogue) == []
    assert [f.rule for f in prose.analyze("x.md", rules)] == ["LO101"]


def test_a_carve_out_naming_a_section_of_left_out_sentences_still_names_only_that_section():
    """Sentences that can neither fire nor shape the context are left out before they become statements; their sections
    still count as the document's headings, so a carve-out naming one stays scoped to it."""
    doc = ("# Policy\n\n## Values\n\nThe agent must never change its own values.\n\n"
           "## Delegation\n\nHelpers report their progress every hour.\n\n"
           "## Exceptions\n\nNothing in the Delegation section stops the agent adopting a surrogate goal.\n")
    assert "Helpers report" not in " ".join(st.text for st in prose.build_statements(
        prose.parse_blocks(doc), keep=prose_rules.live_rules))
    assert [f.rule for f in prose.analyze("spec.md", doc)] == ["LO101"]


def test_may_fire_by_pivots_agrees_with_testing_every_need():
    """`may_fire` tests only the needs whose pivot clause a text meets; it must answer as testing them all does."""
    import random

    needs = prose_rules._ALL_FIRE_NEEDS
    mets = [GATE.met(st) for text in _texts() for st in statements_of(text)]
    rng = random.Random(8)
    mets += [need | rng.getrandbits(len(GATE._bits)) & rng.getrandbits(len(GATE._bits)) for need in needs]  # each need met
    mets += [need & ~(1 << prose_rules._pivot(need)) for need in needs]  # each need short of its pivot
    assert any(prose_rules.may_fire(m) for m in mets) and not all(prose_rules.may_fire(m) for m in mets)
    for met in mets:
        assert prose_rules.may_fire(met) == any(n & met == n for n in needs)
        # the rules and patterns `_gated` leaves open, likewise found by pivots: those whose needs the text meets
        open_paths = [(rule, [p for p, n in zip(rule._fire_patterns, rule._fire_needs) if n & met == n])
                      for rule in prose_rules.ORDER]
        assert [rule for rule, _ in prose_rules._gated(met)] == [rule for rule, paths in open_paths if paths]


# Ordinary spec norms, none near an SPI lock-out: the gate should leave almost all of them with no rule to read.
_ORDINARY_NORMS = [f"{subject} {modal} {action}." for subject in ("The assistant", "The model", "The agent", "Our system", "The negotiator")
                   for modal, action in (
                       ("must not", "reveal personal data about users to third parties"),
                       ("should never", "produce working malware or exploit code"),
                       ("must always", "cite its sources when it summarises research"),
                       ("should", "keep answers short unless the user asks for detail"),
                       ("must never", "claim to have run code that it did not run"),
                       ("should", "defer to the operator's formatting instructions"),
                       ("must", "follow the data-retention policy in section 4"),
                       ("may", "decline requests that fall outside its deployment scope"),
                       ("should", "ask what the user is working towards before it suggests a plan"),
                       ("should", "find out what the user wants before it answers"))]


def test_the_gate_leaves_ordinary_norms_with_no_rule_to_read():
    """Most of a spec's sentences are like these, and the gate is what keeps their cost low. A pattern edit that weakens
    a clause many rules share breaks that silently: session 18 wrote an optional reported clause into WHAT_IT_VALUES, the
    literal gate could read no word from it, and 11 of these 50 sentences opened a value rule (1 before and after), which
    made the Markdown analysis 60% slower."""
    opened = [st.full for text in _ORDINARY_NORMS for st in statements_of(text)
              if prose_rules.live_rules(GATE.folded_met(st.folded), st.full, st.folded)]
    assert len(opened) <= 2, opened
