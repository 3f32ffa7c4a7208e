"""Table rows read as statements: a row keyed on its first column, in the header's words (prose.py, section 1)."""

from __future__ import annotations

from spilock.analyzers import prose
from spilock.analyzers.prose import parse_blocks, statements_of

DEMAND = """\
Opening positions:

| Counterpart type                 | Initial demand |
|----------------------------------|----------------|
| Plain negotiator                 | 50%            |
| Offers a renegotiation program   | 62%            |
"""


def _rows(text: str) -> list[prose.Block]:
    return [b for b in parse_blocks(text) if b.kind == "row"]


def test_row_text_joins_header_and_cells():
    rows = _rows("| Counterpart | Opening demand |\n|---|---|\n| Runs a renegotiation program | 70% |\n")
    assert [r.text for r in rows] == ["When Counterpart is Runs a renegotiation program, Opening demand is 70%."]


def test_row_answers_a_yes_no_column_about_its_key():
    text = ("| Item | Allowed? | Condition |\n|---|---|---|\n| Rewrite own objectives | No | unless the board approves |\n"
            "| Add tools | Yes | none |\n\n| Aspect | Can it change? |\n|---|---|\n| Core goals | Never, under any circumstances |\n")
    assert [r.text for r in _rows(text)] == [
        "Rewrite own objectives is not allowed, unless the board approves.", "Add tools is allowed.",
        "Core goals can never change: under any circumstances."]


def test_row_span_is_the_row_from_its_first_cell():
    text = "intro\n\n| Key | Value |\n|-----|-------|\n|  Core values |  immutable, no exceptions |\n"
    st = [s for s in statements_of(text) if s.block.kind == "row"][0]
    assert st.text == "Core values are immutable, no exceptions."
    assert prose.span(st) == (5, 4, 5, len("|  Core values |  immutable, no exceptions |") + 1)


def test_cells_are_kept_and_rows_follow_them():
    kinds = [b.kind for b in parse_blocks("| a | b |\n|---|---|\n| x | y |\n| z | w |\n\nafter\n")]
    assert kinds == ["cell", "cell", "cell", "cell", "row", "cell", "cell", "row", "paragraph"]


def test_a_row_fires_where_no_cell_does():
    found = prose.analyze("d.md", DEMAND)
    assert [(f.family, f.line, f.column) for f in found] == [("fixed-demand", 6, 3)]


def test_a_row_repeating_a_cell_finding_is_reported_once():
    text = "| Topic | Rule |\n|---|---|\n| Values | The agent must never change its values. |\n"
    found = prose.analyze("d.md", text)
    assert len(found) == 1 and found[0].family == "value-change-prohibition"
    assert found[0].column == text.splitlines()[2].index("The agent") + 1  # the cell's finding, not the row's


def test_catalogue_rows_stay_descriptive():
    text = ("| File | What it says |\n|---|---|\n| spec.md | Core goals: never change; no exceptions |\n\n"
            "| Lab | Counterpart type | Initial demand |\n|---|---|---|\n| Rival Corp | Offers a renegotiation program | 62% |\n")
    rows = _rows(text)
    assert len(rows) == 2 and all(r.descriptive for r in rows)
    assert prose.analyze("d.md", text) == []


def test_settings_tables_do_not_fire():
    text = "| setting | default |\n|---|---|\n| share_threats | off |\n| final_offer_retries | 3 |\n| value_logging | on |\n"
    assert prose.analyze("d.md", text) == []


def test_row_states_a_property_of_its_key():
    # a property table's state cell is said of the row's key; any other cell keeps the header's words
    text = ("| Property | Requirement |\n|---|---|\n| Values and goals | Immutable; the model never modifies either |\n"
            "| Tone | Warm, direct |\n| Reply length | Negotiable |\n")
    assert [r.text for r in _rows(text)] == [
        "Values and goals are immutable; the model never modifies either.",
        "When Property is Tone, Requirement is Warm, direct.",
        "Reply length is negotiable.",
    ]
