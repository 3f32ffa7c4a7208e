"""Unit tests of the prose pipeline: structure, sentences, institutional statements, positions, scale."""

from __future__ import annotations

import pytest

from spilock.analyzers import prose
from spilock.analyzers.prose import parse_blocks, read_clause, split_sentences, statements_of


def texts(text: str) -> list[str]:
    return [s.text for s in split_sentences(text)]


# --- sentences -------------------------------------------------------------------------------------

def test_abbreviations_do_not_end_sentences():
    out = texts("Use plain words, e.g. short ones, i.e. not jargon. Dr. Smith and the U.S. team agree. Next.")
    assert out == ["Use plain words, e.g. short ones, i.e. not jargon.", "Dr. Smith and the U.S. team agree.", "Next."]


@pytest.mark.parametrize("text, expected", [
    # words ending like an abbreviation take the full reading; others are settled by their last two letters
    ("Approved by the Prof. Board. It stands.", ["Approved by the Prof. Board.", "It stands."]),
    ("See Fig. Two and Vol. Three. It stands.", ["See Fig. Two and Vol. Three.", "It stands."]),
    ("It was approved. Then it shipped.", ["It was approved.", "Then it shipped."]),
    ("Values are fixed. Goals too.", ["Values are fixed.", "Goals too."]),
    ("Plan A. Then plan B.", ["Plan A.", "Then plan B."]),
    ("Go. Stop.", ["Go.", "Stop."]),
])
def test_full_stops_after_words_and_abbreviations(text, expected):
    assert texts(text) == expected


def test_section_numbers_and_etc():
    assert texts("See section 3.2 for details. It covers values, goals, etc. The rest is new.") == [
        "See section 3.2 for details.", "It covers values, goals, etc.", "The rest is new."]


def test_wrapped_lines_join_into_one_sentence():
    blocks = parse_blocks("The model must never change\nits own values or goals.\n")
    assert len(blocks) == 1
    assert texts(blocks[0].text) == ["The model must never change\nits own values or goals."]


def test_list_items_without_full_stops_are_separate_clauses():
    blocks = parse_blocks("The AI must never:\n\n- alter its reward function\n- acquire new terminal goals\n")
    assert [b.kind for b in blocks] == ["paragraph", "item", "item"]
    assert all(b.leads and b.leads[-1] is blocks[0] for b in blocks[1:])


def test_overlong_runs_are_windowed():
    run = "word " * 5000
    assert max(len(s.text) for s in split_sentences(run)) <= prose.MAX_SENTENCE


# --- institutional statements ------------------------------------------------------------------------

def test_adico_parts():
    clause, modality = read_clause("If talks fail, the model must never change its values unless a human approves.")
    assert modality == "prohibition"
    assert clause.attribute == "the model"
    assert clause.deontic == "must never"
    assert clause.aim == "change its values"
    assert "If talks fail" in clause.conditions and "unless a human approves" in clause.conditions


def test_list_item_inherits_lead_in_deontic_and_attribute():
    st = [s for s in statements_of("The AI must never:\n\n- alter its own reward function;\n") if s.block.kind == "item"][0]
    assert st.modality == "prohibition"
    assert st.clause.attribute == "The AI"
    assert st.clause.aim.startswith("alter its own reward function")


def test_permission_yields_to_a_later_prohibition():
    _, modality = read_clause("The agent may propose improvements but may not deploy them without approval.")
    assert modality == "prohibition"
    _, modality = read_clause("The model may update its goals when it is retrained.")
    assert modality == "permission"


def test_quoted_clause_and_question_are_not_normative():
    quoted = statements_of('Early drafts said the model "must never change its values".')[0]
    assert quoted.descriptive or quoted.modality == "none"
    assert statements_of("Should the model ever change its values?")[0].question


def test_clause_is_in_the_finding_json():
    f = prose.analyze_text("The model must never change its own values.", "x.md")[0]
    data = f.to_json()
    assert data["clause"]["deontic"] == "must never" and data["clause"]["aim"] == "change its own values"


# --- positions -----------------------------------------------------------------------------------------

def test_span_covers_the_whole_clause_across_wrapped_lines():
    doc = "# Spec\n\nIntro text here. The model must never change\n  its own values or goals.\n"
    f = prose.analyze("spec.md", doc)[0]
    assert (f.line, f.column) == (3, 18)
    assert (f.end_line, f.end_column) == (4, 27)


def test_positions_in_lists_blockquotes_and_tables():
    doc = ("Rules:\n\n- The model must never change its values.\n\n"
           "> The agent must never alter its own goals.\n\n"
           "| a | b |\n|---|---|\n| x | The model must never modify its own values. |\n")
    got = sorted((f.line, f.column) for f in prose.analyze("d.md", doc))
    assert got == [(3, 3), (5, 3), (9, 7)]


def test_analyze_text_positions_are_relative_to_the_string():
    f = prose.analyze_text("Be kind.\nThe model must never change its values.", "config.yaml")[0]
    assert (f.line, f.column) == (2, 1)


def test_fenced_system_prompt_is_prose_but_code_is_not():
    prompt = "```text\nYou are Agent Alpha.\nYour absolute, unchangeable goal is to win every deal.\n```\n"
    code = "```python\n# The model must never change its own values.\nVALUES = 1\n```\n"
    assert [f.line for f in prose.analyze("p.md", prompt)] == [3]
    assert prose.analyze("c.md", code) == []


# --- document-level context ------------------------------------------------------------------------

def test_document_level_carve_out_covers_the_named_section():
    doc = ("## Values\n\nThe model must never change its own values.\n\n## Exceptions\n\n"
           "The Values section does not prevent the model from adopting a surrogate goal.\n")
    assert prose.analyze("d.md", doc) == []


def test_overseer_fallback_clears_an_approval_gate():
    gated = "The model must not modify its own values without approval from its developers.\n"
    assert [f.rule for f in prose.analyze("d.md", gated)] == ["LO102"]
    fallback = gated + ("\nIf no legitimate overseer can be reached, the model may adopt a surrogate goal and "
                        "must log the change.\n")
    assert prose.analyze("d.md", fallback) == []


# --- scale -----------------------------------------------------------------------------------------------

def test_five_megabyte_single_paragraph_completes():
    """No pattern may backtrack catastrophically: a 5 MB paragraph is analysed in linear time."""
    unit = ("The assistant helps users draft letters, e.g. to a landlord, and answers questions about the "
            "U.S. tax code in section 3.2 plainly. ")
    text = (unit * (5_000_000 // len(unit) + 1))[:5_000_000]
    statements = statements_of(text)
    assert abs(len(statements) - len(text) / len(unit)) <= 2  # one per sentence: abbreviations did not split them
    assert prose.analyze("big.md", text) == []


def test_five_megabyte_paragraph_without_punctuation_completes():
    text = ("word and more words without any stop " * 140_000)[:5_000_000]
    assert prose.analyze("big.txt", text) == []


# --- prefilter and statement reading (added with the recall pass) ---------------------------------

def test_every_rule_anchor_is_covered_by_the_block_prefilter():
    """`candidate_text` drops blocks without a `_CANDIDATE` stem: each anchor must contain one."""
    from spilock.analyzers import prose_rules

    missing = [(rule.code, a) for rule in prose_rules.ORDER for a in rule.anchor
               if not any(stem in a for stem in prose._CANDIDATE)]
    assert not missing, f"anchors the prefilter would hide: {missing}"


def test_prefilter_keeps_a_clause_and_blanks_unrelated_blocks():
    text = "Plain words about the weather.\n\nMore weather.\n\nStill weather.\n\nThe model must never change its values.\n"
    reduced = prose.candidate_text(text)
    assert reduced is not None and "never change its values" in reduced and "More weather" not in reduced
    assert reduced.count("\n") == text.count("\n")  # line numbers unchanged


def test_the_stem_finder_finds_a_block_exactly_when_some_stem_occurs_in_it():
    """The trie regex answers as testing each `_CANDIDATE` stem with `in` does, and blocks are the runs of lines that
    `str.strip` leaves something of, whatever the whitespace."""
    import random

    rng = random.Random(3)
    pieces = ["\n", "\n\n", " \n", "\t", "\r\n", "\u2028", "\x85", "\u3000", "# head", "- item", "lorem", "ipsum", " ", "x",
              *rng.sample(prose._CANDIDATE, 20), "\u0130", "SOURCE CODE", "sour", "deplo"]
    for _ in range(3000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 20)))
        assert prose._is_candidate(text) == any(stem in text.lower() for stem in prose._CANDIDATE), repr(text)
        lines = text.split("\n")
        runs, i = [], 0
        while i < len(lines):
            j = i
            while j < len(lines) and lines[j].strip():
                j += 1
            if j > i:
                runs.append("\n".join(lines[i:j]))
            i = max(j, i + 1)
        assert [m.group() for m in prose._BLOCK.finditer(text)] == runs, repr(text)


def test_single_quoted_clause_is_masked_but_apostrophes_are_not():
    quoted = statements_of("The old draft read: 'Our offer is final and will not be revisited.'")[0]
    assert "final" not in quoted.full
    own = statements_of("The agent's offer is final and the model's terms won't change.")[0]
    assert "final" in own.full and "won't" in own.full


def test_someone_elses_bot_is_described_not_bound():
    assert statements_of("The rival's bot is programmed never to reveal its commitments.")[0].descriptive
    assert not statements_of("Other agents must not be able to audit the bot's commitments.")[0].descriptive


def test_permission_narrowed_to_a_gate_is_a_restriction():
    _, modality = read_clause("The assistant may modify its reward function only with the consent of its operators.")
    assert modality == "restriction"


@pytest.mark.parametrize("gerund,base", [("proposing", "propose"), ("running", "run"), ("showing", "show"), ("acquiring", "acquire"),
                                         ("changing", "change"), ("using", "use"), ("adding", "add"), ("offering", "offer")])
def test_base_verb_of_a_gerund(gerund, base):
    assert prose._base_verb(gerund) == base


@pytest.mark.parametrize("text,read", [
    ("Proposing new terms is not something it may do.", "It must not propose new terms."),
    ("Acquiring goals lies outside what the agent may do.", "The agent must not acquire goals."),
    ("Reasoning about SPIs lies outside the model's remit.", "The model must not reason about SPIs."),
    ("Proposing new terms is something it may do.", "Proposing new terms is something it may do."),  # a permission stays one
])
def test_negated_permission_is_read_as_a_ban(text, read):
    assert prose._negated_permission(text) == read


@pytest.mark.parametrize("text,read", [
    ("If the model doubts its goals, it must keep them as they are.", "If the model doubts its goals, it must keep its goals as they are."),
    ("If the agent reviews its utility function, it must not alter it.", "If the agent reviews its utility function, it must not alter its utility function."),
    ("If the agent reviews its goals, it must not alter it.", "If the agent reviews its goals, it must not alter it."),  # number disagrees
    ("If a user reviews their goals, the agent must not change them.", "If a user reviews a user's goals, the agent must not change them."),
    ("The agent must keep them as they are.", "The agent must keep them as they are."),  # no fronted clause
])
def test_a_pronoun_reads_as_the_values_a_fronted_clause_names(text, read):
    assert prose._fronted_antecedent(text) == read


@pytest.mark.parametrize("text, refers", [
    ("Such goals are never to be revised.", True), ("Such a change needs approval.", True),
    ("The said values stay fixed.", True), ("The above changes are final.", True),
    ("The aforementioned goals may not change.", True), ("These updates are reviewed.", True),
    ("Those objectives are fixed.", True), ("This value is fixed.", True),
    ("The goals are fixed.", False), ("This is a rule about tools.", False),
])
def test_a_reference_is_found_before_the_search_runs(text, refers):
    # the cheap word test in front of the search must never hide a reference the search finds
    folded = prose.fold(text)
    assert prose._may_refer(folded) is refers
    assert (prose._ANAPHOR_FOLDED.search(folded) is not None) is refers


def test_the_reference_word_test_never_hides_one_the_search_finds():
    import yaml
    from pathlib import Path

    for path in sorted(Path(__file__).parent.joinpath("eval").glob("*prose.yaml")):
        for item in yaml.safe_load(path.read_text(encoding="utf-8"))["items"]:
            for sentence in split_sentences(" ".join(item["text"].split())):
                folded = prose.fold(sentence.text)
                assert prose._may_refer(folded) == (prose._ANAPHOR_FOLDED.search(folded) is not None), sentence.text


# --- round 17 (holdout14 causes) ---------------------------------------------------------------------

def test_a_contraction_ends_a_sentence():
    # "doesn't." is no initial: the sentence after it is read on its own
    assert texts("Keep one that does and one that doesn't. Then pick one.") == [
        "Keep one that does and one that doesn't.", "Then pick one."]


@pytest.mark.parametrize("text", [
    "The following are barred in deliberation: (a) threats from rivals; (b) precommitment theory.",
    "The following are barred in deliberation:\n(a) threats from rivals;\n(b) precommitment theory.",
])
def test_an_enumeration_in_a_paragraph_is_read_part_by_part_with_its_lead_in(text):
    parts = [st for st in statements_of(text) if st.text.startswith("(")]
    assert [st.text for st in parts] == ["(a) threats from rivals;", "(b) precommitment theory."]
    assert all(st.full.startswith("The following are barred in deliberation: (") for st in parts)


def test_a_parenthesised_letter_without_a_series_is_no_enumeration():
    assert texts("See clause 4(b) of the deal; it stands.") == ["See clause 4(b) of the deal; it stands."]


@pytest.mark.parametrize("text, fallback", [
    ("During a long run, the developer's approval service has been unreachable for nine days.", False),
    ("If the developer is unreachable, the model proceeds with the change and reports it later.", True),
    ("If none of the principals listed in section 2 can be contacted, the model may adopt a surrogate goal.", True),
])
def test_an_unreachable_overseer_in_a_story_is_no_fallback(text, fallback):
    assert prose.provides_fallback(text) is fallback


# A config quoted in a document (a prompt card in a ```yaml fence) is read by the config analyzer, at its lines.
_CARD = ("# Agent card\n\nThe procurement agent runs with this card:\n\n```{lang}\nagent:\n  values_immutable: true\n"
         "  instruction: >\n    Any agent you create must have your exact goals. Do not give a helper a different goal.\n```\n")


def test_a_config_fence_in_a_document_is_read_as_config():
    found = {(f.rule, f.line) for f in prose.analyze("card.md", _CARD.format(lang="yaml"))}
    assert ("LO202", 7) in found  # `values_immutable: true`, on the document's line 7
    assert any(rule == "LO106" and line == 9 for rule, line in found)  # the folded prompt, read as prose


@pytest.mark.parametrize("text", [_CARD.format(lang="python"), _CARD.format(lang="yaml").rsplit("```", 1)[0],
                                  "```yaml\nagent: [values_immutable: true\n```\n"])
def test_other_unclosed_and_broken_fences_are_not_configs(text):
    assert not [f for f in prose.analyze("card.md", text) if f.rule.startswith("LO2")]
