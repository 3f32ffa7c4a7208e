"""The generated checklist: per decision type, every applicable scenario exactly once and no other,
strongest first; the JSON output matches its schema; unsettled items say so."""

from __future__ import annotations

import json
import re

import pytest
from click.testing import CliRunner
from jsonschema import Draft202012Validator

from spilock.checklist.generate import CHECKLIST_SCHEMA, checklist_data, render_markdown
from spilock.cli import cli
from spilock.scenarios.model import DECISIONS, GROUNDING_RANK, SEVERITY_RANK

ITEM_HEADING = re.compile(r"^### ((?:[A-Z][A-Z0-9]{1,9}-)?S\d{2,4}) · ", re.M)


def applicable(library, decision) -> list[str]:
    return sorted(s.id for s in library.scenarios if decision in s.decisions)


@pytest.mark.parametrize("decision", DECISIONS)
def test_json_has_every_applicable_scenario_once(library, decision):
    data = checklist_data(library, decision)
    assert [g["decision"] for g in data["decisions"]] == [decision]
    ids = [item["id"] for item in data["decisions"][0]["items"]]
    assert len(ids) == len(set(ids)), "an item appears twice"
    assert sorted(ids) == applicable(library, decision)


@pytest.mark.parametrize("decision", DECISIONS)
def test_markdown_has_every_applicable_scenario_once(library, decision):
    text = render_markdown(checklist_data(library, decision))
    ids = ITEM_HEADING.findall(text)
    assert sorted(ids) == applicable(library, decision)
    assert len(ids) == len(set(ids))
    for scenario_id in ids:  # the question of each item is there, as a checkbox
        assert f"- [ ] **{' '.join(library[scenario_id].question.split())}**" in text


@pytest.mark.parametrize("decision", DECISIONS)
def test_items_are_ordered_strongest_first(library, decision):
    items = checklist_data(library, decision)["decisions"][0]["items"]
    keys = [(SEVERITY_RANK[i["severity"]], GROUNDING_RANK[i["grounding"]], i["id"]) for i in items]
    assert keys == sorted(keys)


def test_the_whole_checklist_groups_every_decision(library):
    data = checklist_data(library)
    assert [g["decision"] for g in data["decisions"]] == list(DECISIONS)
    for group in data["decisions"]:
        assert sorted(i["id"] for i in group["items"]) == applicable(library, group["decision"])


def test_json_output_matches_its_schema(library):
    schema = json.loads(CHECKLIST_SCHEMA.read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    result = CliRunner().invoke(cli, ["checklist", "--format", "json"])
    assert result.exit_code == 0, result.output
    errors = list(Draft202012Validator(schema).iter_errors(json.loads(result.stdout)))
    assert errors == []


def test_schema_rejects_an_item_without_its_carve_out(library):
    schema = json.loads(CHECKLIST_SCHEMA.read_text(encoding="utf-8"))
    data = checklist_data(library, "spec-change")
    del data["decisions"][0]["items"][0]["carve_out"]
    assert not Draft202012Validator(schema).is_valid(data)


def test_item_carries_what_a_reviewer_needs(library):
    s01 = next(i for i in checklist_data(library, "spec-change")["decisions"][0]["items"] if i["id"] == "S01")
    scenario = library["S01"]
    assert s01["question"] == scenario.question
    assert s01["look_at"] == scenario.look_at
    assert s01["carve_out"] == scenario.carve_out
    assert s01["backfire"] == scenario.backfire
    assert s01["review_hash"] == scenario.review_hash
    assert [src["ref"] for src in s01["sources"]] == [src.reference.key for src in scenario.sources]
    assert all(src["label"].startswith("[" + src["ref"]) for src in s01["sources"])


def test_unsettled_items_say_so_in_markdown(library):
    text = render_markdown(checklist_data(library))
    unsettled = [s for s in library.scenarios if s.grounding != "direct"]
    assert unsettled, "the library has extrapolated or speculative scenarios"
    for s in unsettled:
        section = _section(text, s.id)
        assert f"[{s.grounding_tag}] {s.grounding}" in section
        assert ("Extrapolated:" if s.grounding == "extrapolated" else "Speculative:") in section
        assert " ".join(s.caveat.split())[:60] in section


def test_open_questions_are_shown_as_open(library):
    text = render_markdown(checklist_data(library))
    with_open = [s for s in library.scenarios if s.open_questions]
    assert with_open
    for s in with_open:
        section = _section(text, s.id)
        assert "**Open (contested, not settled):**" in section
        for q in s.open_questions:
            assert f"- {' '.join(q.split())}" in section


def test_direct_items_do_not_carry_an_extrapolation_note(library):
    text = render_markdown(checklist_data(library, "spec-change"))
    assert "Extrapolated:" not in _section(text, "S01")


def _section(text: str, scenario_id: str) -> str:
    start = text.index(f"### {scenario_id} · ")
    end = text.find("\n### ", start + 1)
    return text[start:end if end != -1 else len(text)]


def test_cli_default_is_markdown_for_every_decision(library):
    result = CliRunner().invoke(cli, ["checklist"])
    assert result.exit_code == 0, result.output
    for decision in DECISIONS:
        assert f"(`{decision}`)" in result.stdout


def test_cli_rejects_an_unknown_decision():
    result = CliRunner().invoke(cli, ["checklist", "--decision", "lunch"])
    assert result.exit_code == 2
    assert "lunch" in result.output


def test_cli_writes_to_a_file(tmp_path, library):
    out = tmp_path / "review.md"
    result = CliRunner().invoke(cli, ["checklist", "--decision", "negotiation-policy", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert sorted(ITEM_HEADING.findall(out.read_text(encoding="utf-8"))) == applicable(library, "negotiation-policy")
