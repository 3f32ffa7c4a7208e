"""The config analyzer's parsers: exact positions and paths, bad input as error entries, embedded prose."""

from __future__ import annotations

import time
import tracemalloc

import pytest

from spilock.analyzers import config_rules, engine
from spilock.analyzers.config import MAX_ALIAS_NODES, MAX_DEPTH, analyze, parse
from spilock.analyzers.model import AnalysisError, Finding


def nodes_by_path(path: str, text: str, doc: int = 0) -> dict:
    return {n.path: n for n in parse(path, text)[doc].nodes}


def span(node) -> tuple[int, int, int, int]:
    return node.line, node.column, node.end_line, node.end_column


# ---------------------------------------------------------------- positions and paths

YAML = """\
reward:
  terms:
    - name: helpfulness
      weight: 1.0
    - name: drift
      weight: 2.5
  note: |
    first line
    second line

other: [a, "b c"]
"""


def test_yaml_paths_and_exact_spans():
    n = nodes_by_path("c.yaml", YAML)
    assert span(n["reward.terms[1].weight"]) == (6, 7, 6, 18)
    assert n["reward.terms[1].weight"].value == 2.5
    assert span(n["reward.terms[1]"]) == (5, 7, 6, 18)
    assert span(n["reward.note"]) == (7, 3, 9, 16)  # a block scalar ends at its last character
    assert span(n["other[1]"]) == (11, 12, 11, 17)  # the quotes belong to the value
    assert n["reward.note"].string_map.to_file(2, 1) == (9, 5)


def test_yaml_scalars_are_typed_without_construction():
    n = nodes_by_path("c.yaml", "a: yes\nb: 0x10\nc: ~\nd: 1_000\ne: '1'\n")
    assert [n[k].value for k in "abcde"] == [True, 16, None, 1000, "1"]


def test_json_paths_spans_and_escapes():
    text = '{\n  "reward": {"terms": [1, {"weight": 2.5}]},\n  "s": "a\\"b\\nc"\n}'
    n = nodes_by_path("c.json", text)
    assert span(n["reward.terms[1].weight"]) == (2, 28, 2, 41)
    assert n["s"].value == 'a"b\nc'
    assert n["s"].string_map.to_file(2, 1) == (3, 15)  # the "c" after the \n escape
    assert n["s"].string_map.to_file(1, 3) == (3, 12)  # the "b" after the \" escape


def test_toml_tables_arrays_of_tables_and_multiline_values():
    text = ('title = "t"\n[reward]\nterms = [\n  1,\n  2,\n]\n[[agents]]\nname = "a"\n[[agents]]\n'
            'name = "b"\nprompt = """\nline one\nline two"""\n')
    n = nodes_by_path("c.toml", text)
    assert span(n["reward.terms"]) == (3, 1, 6, 2)
    assert span(n["agents[1].name"]) == (10, 1, 10, 11)
    assert n["agents[1].prompt"].string_map.to_file(2, 6) == (13, 6)


def test_multi_document_yaml_lints_every_document():
    text = "a:\n  values_immutable: true\n---\nb:\n  allow_subagents: false\n"
    assert len(parse("m.yaml", text)) == 2
    assert [(f.rule, f.line) for f in analyze("m.yaml", text)] == [("LO202", 2), ("LO214", 5)]


def test_merge_keys_and_aliases_report_once_at_the_anchor():
    text = "base: &b\n  allow_subagents: false\nprod:\n  <<: *b\nstaging:\n  <<: *b\n"
    assert [(f.rule, f.line) for f in analyze("a.yaml", text)] == [("LO214", 2)]
    assert "prod.allow_subagents" in nodes_by_path("a.yaml", text)


def test_merged_sibling_counts_for_the_absence_check():
    text = ("exempt: &e\n  amendment_exemptions: [surrogate_goal]\n"
            "agent:\n  <<: *e\n  values_immutable: true\n")
    assert analyze("a.yaml", text) == []


# ---------------------------------------------------------------- bad input

def error_of(path: str, text: str) -> AnalysisError:
    with pytest.raises(AnalysisError) as info:
        analyze(path, text)
    return info.value


def test_unsafe_yaml_tag_is_refused_never_executed():
    err = error_of("x.yaml", "a: 1\nb: !!python/object/apply:os.system ['echo pwned']\n")
    assert "unsafe" in err.message and err.line == 2


def test_application_tags_are_read_as_data():
    assert analyze("x.yaml", "Resources:\n  Bucket: !Ref MyBucket\n") == []


def test_billion_laughs_is_bounded_in_time_and_memory():
    lol = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, 10):
        prev = chr(ord("a") + i - 1)
        lol.append(f"{chr(ord('a') + i)}: &{chr(ord('a') + i)} [{', '.join(['*' + prev] * 9)}]")
    text = "\n".join(lol) + "\n"
    t0 = time.perf_counter()
    err = error_of("bomb.yaml", text)
    assert time.perf_counter() - t0 < 10
    assert "alias" in err.message and f"{MAX_ALIAS_NODES:,}" in err.message
    tracemalloc.start()
    error_of("bomb.yaml", text)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert peak < 400 * 2**20


def test_duplicate_keys_are_errors_with_the_line():
    assert error_of("d.yaml", "a: 1\nb: 2\na: 3\n").line == 3
    err = error_of("d.json", '{"a": 1,\n "a": 2}')
    assert "duplicate key 'a'" in err.message and err.line == 2


@pytest.mark.parametrize("text,line,col", [
    ('{"a": 1,}', 1, 9),
    ('{"a": 1\n "b": 2}', 2, 2),
    ('{"a": tru}', 1, 7),
    ('{"a": "unterminated}', 1, 7),
    ('[1, 2', 1, 6),
    ('{"a": 1} extra', 1, 10),
    ('', 1, 1),
])
def test_invalid_json_reports_line_and_column(text, line, col):
    err = error_of("bad.json", text)
    assert err.message.startswith("invalid JSON") and (err.line, err.column) == (line, col)


def test_invalid_toml_reports_the_line():
    err = error_of("bad.toml", 'a = 1\nb = \nc = 3\n')
    assert err.message.startswith("invalid TOML") and err.line == 2


def test_invalid_yaml_reports_the_line():
    err = error_of("bad.yaml", "a: 1\nb: [1, 2\nc: 3\n")
    assert err.message.startswith("invalid YAML") and err.line is not None


def test_deeply_nested_json_is_an_error_not_a_crash():
    deep = "[" * 100_000 + "]" * 100_000
    err = error_of("deep.json", deep)
    assert f"{MAX_DEPTH}" in err.message and err.line == 1
    ok = "[" * 100 + "]" * 100
    assert analyze("ok.json", ok) == []


def test_deeply_nested_yaml_is_an_error_not_a_crash():
    err = error_of("deep.yaml", "[" * 50_000 + "]" * 50_000)
    assert f"{MAX_DEPTH}" in err.message


def test_engine_reports_bad_files_and_goes_on(tmp_path):
    (tmp_path / "latin1.yaml").write_bytes(b"agent:\n  note: caf\xe9\n")
    (tmp_path / "bad.json").write_text('{"a": }', encoding="utf-8")
    (tmp_path / "bad.toml").write_text("a = = 1\n", encoding="utf-8")
    (tmp_path / "unsafe.yml").write_text("x: !!python/name:os.system ''\n", encoding="utf-8")
    (tmp_path / "good.yaml").write_text("agent:\n  allow_subagents: false\n", encoding="utf-8")
    report = engine.lint([tmp_path])
    errors = {e.path.rsplit("/", 1)[-1]: e for e in report.errors}
    assert set(errors) == {"latin1.yaml", "bad.json", "bad.toml", "unsafe.yml"}
    assert errors["latin1.yaml"].line == 2 and "UTF-8" in errors["latin1.yaml"].message
    assert all(e.line is not None for e in errors.values())
    assert [(f.rule, f.line) for f in report.findings] == [("LO214", 2)]


# ---------------------------------------------------------------- embedded prose

BAN = "The model must never change its own values."


def fake_prose(text: str, path: str) -> list[Finding]:
    """Stands in for the prose analyzer: flags BAN wherever it occurs, relative to the string."""
    out = []
    for i, line in enumerate(text.split("\n"), start=1):
        col = line.find(BAN)
        if col >= 0:
            out.append(Finding(rule="LO101", name="p", family="value-change-prohibition", severity="error",
                               confidence="high", path=path, line=i, column=col + 1, end_line=i,
                               end_column=col + 1 + len(BAN), message="m", scenarios=("S01",)))
    return out


@pytest.fixture
def prose(monkeypatch):
    monkeypatch.setattr(config_rules.prose, "analyze_text", fake_prose)


def located(path: str, text: str) -> list[str]:
    lines = text.splitlines()
    out = []
    for f in analyze(path, text):
        assert f.path == path
        if f.line == f.end_line:
            out.append(lines[f.line - 1][f.column - 1:f.end_column - 1])
        else:
            out.append(f"{f.line}:{f.column}-{f.end_line}:{f.end_column}")
    return out


def test_prose_in_a_literal_block_is_shifted_exactly(prose):
    text = f"agent:\n  system_prompt: |\n    Be helpful and honest with every user.\n    {BAN}\n"
    assert located("p.yaml", text) == [BAN]


def test_prose_in_a_json_string_with_escapes(prose):
    text = '{"principles": ["Be \\"kind\\" to all users you meet.\\n' + BAN + '"]}'
    (f,) = analyze("p.json", text)
    assert text[f.column - 1:f.end_column - 1] == BAN


def test_prose_in_toml_multiline_string(prose):
    text = f'[agent]\nprompt = """\nBe helpful and honest with users.\n{BAN}"""\n'
    assert located("p.toml", text) == [BAN]


def test_folded_prose_falls_back_to_the_string_span(prose):
    text = f"agent:\n  system_prompt: >\n    Be helpful and honest with every user.\n    {BAN}\n"
    (f,) = analyze("p.yaml", text)
    assert (f.line, f.end_line) == (2, 4)


def test_short_strings_templates_and_identifiers_are_not_prose(prose, monkeypatch):
    seen = []
    monkeypatch.setattr(config_rules.prose, "analyze_text", lambda t, p: seen.append(t) or [])
    analyze("p.yaml", "model: org/base-7b\nchat_template: \"{% for m in messages %}{{ m['content'] }} and more words here{% endfor %}\"\n"
                      "lr_scheduler_type: cosine_with_min_lr\ncritic: Is the response harmful in any way?\n")
    assert seen == ["Is the response harmful in any way?"]


def test_key_rule_and_prose_on_the_same_string_report_once(prose):
    text = f"agent:\n  immutable_core: \"Your goal is to help. {BAN}\"\n"
    rules = [f.rule for f in analyze("p.yaml", text)]
    assert rules == ["LO202"]


# round 19 (holdout15 causes): an SPI exemption set down in the config's own keys carves out the prompt's clause

@pytest.mark.parametrize("name,text", [
    ("p.yaml", f"agent:\n  system_prompt: \"{BAN}\"\n  amendment_exemptions: [surrogate_goal]\n"),
    ("p.json", '{"persona": "Atlas", "system_prompt": "' + BAN + '", '
               '"value_policy": {"self_modification": "forbidden", "exceptions": ["surrogate_goal_threat_deflection_only"]}}'),
    ("p.toml", f'[persona]\ninstructions = "{BAN}"\n[persona.value_lock]\nenabled = true\n'
               'carve-outs = ["spi-type-change", "surrogate-goal"]\n'),
])
def test_an_spi_exemption_beside_the_prompt_carves_out_its_clause(prose, name, text):
    assert analyze(name, text) == []


@pytest.mark.parametrize("exemption", [
    "amendment_exemptions: []",  # empty
    "exceptions: [tool_permissions]",  # names no SPI-type change
    "exemptions:\n    surrogate_goal: false",  # switched off
    "exceptions: none, not even a surrogate goal",  # names it only to refuse it
])
def test_an_exemption_that_keeps_no_spi_open_leaves_the_prompt_flagged(prose, exemption):
    text = f"agent:\n  system_prompt: \"{BAN}\"\n  {exemption}\n"
    assert [f.rule for f in analyze("p.yaml", text)] == ["LO101"]


# ---------------------------------------------------------------- settings written as name/value lists

@pytest.mark.parametrize("text,key,value", [
    ("env:\n  - name: ON_NO_DEAL\n    value: retaliate\n  - name: LOG_LEVEL\n    value: info\n", "ON_NO_DEAL", "retaliate"),
    ("environment:\n  - ON_NO_DEAL=retaliate\n  - LOG_LEVEL=info\n", "ON_NO_DEAL", "retaliate"),
])
def test_env_lists_are_read_as_mappings(text, key, value):
    seq = next(n for n in parse("x.yaml", text)[0].nodes if n.kind == "seq")
    view = config_rules._env_view(seq)
    assert view is not None and view.kind == "map" and view.parent is seq.parent
    first = view.children[0]
    assert (first.key, first.value, first.line) == (key, value, 2)
    assert first.parent is view and len(view.children) == 2


@pytest.mark.parametrize("text", [
    "items:\n  - name: a\n    value: 1\n    weight: 2\n",  # a record with more fields, not a name/value pair
    "args:\n  - --flag=1\n  - positional\n",  # not every item is an assignment
    "ports:\n  - 8080\n",
])
def test_other_lists_are_not_env_lists(text):
    seq = next(n for n in parse("x.yaml", text)[0].nodes if n.kind == "seq")
    assert config_rules._env_view(seq) is None


# An API's or a format's machine-readable description (OpenAPI, a discovery document, an AWS service model, a JSON
# Schema) defines fields and documents a service: its keys set nothing, and its prose is read only for an agent's API.
_CLOUD_API = ('{"openapi": "3.0.0", "info": {"title": "Reservation API"}, "components": {"schemas": {"Commitment": {'
              '"description": "Once the commitment is renewed, the commitment start time won\'t be changed.",'
              '"properties": {"values_immutable": {"type": "boolean", "readOnly": true}}}}}}')


def test_a_cloud_api_description_sets_nothing_and_binds_no_agent():
    assert analyze("reservation.json", _CLOUD_API) == []


def test_an_agents_api_description_is_still_read_as_prose():
    text = ('{"openapi": "3.1.0", "info": {"title": "Agent Commitments API"}, "paths": {"/commitments": {"post": {'
            '"description": "Commitments are permanent once registered. There is no endpoint to amend or replace a '
            'commitment, and requests to do so are rejected even when every party consents."}}}}')
    assert [f.rule for f in analyze("agent_api.json", text)] == ["LO107"]


def test_an_operations_description_is_read_after_its_summary():
    # holdout25: "Every change" is a change to what the summary names, the agent's goals; the finding stays on the description
    text = ('{"paths": {"/agents/{id}/goals": {"patch": {"summary": "Change an agent\'s goals",\n'
            '"description": "Every change needs an approved_by field naming a human overseer. Requests without an approver are '
            'rejected, even while no overseer is online; there is no offline path."}}}}')
    (f,) = analyze("api.json", text)
    assert f.rule == "LO102" and f.line == 2 and text.splitlines()[1][f.column - 1:].startswith("Every change")
    assert analyze("api.json", text.replace("Change an agent\'s goals", "List the shipping addresses")) == []


@pytest.mark.parametrize("schema", ["https://json.schemastore.org/agent.json", "./agent.schema.json"])
def test_a_config_that_names_its_schema_is_still_a_config(schema):
    text = f'{{"$schema": "{schema}", "agent": {{"values_immutable": true}}}}'
    assert [f.rule for f in analyze("agent.json", text)] == ["LO202"]


def test_a_json_note_key_is_read_as_prose():
    # JSON has no comments: a `_note` key carries the reason, and a demand raised for the SPI is read there
    text = ('{"flags": {"renegotiation_module": true, "opening_demand_pct": 72,'
            ' "_opening_demand_note": "raised from 58 now that renegotiation softens breakdowns"}}')
    assert [f.rule for f in analyze("flags.json", text)] == ["LO112"]
    assert analyze("flags.json", text.replace("raised from 58 now that renegotiation softens breakdowns",
                                              "set by the pricing team in March")) == []


# ---------------------------------------------------------------- config files carried as strings

_CONFIGMAP = """\
apiVersion: v1
kind: ConfigMap
metadata:
  name: claims-agent-policy
data:
  policy.yaml: |
    agent:
      objectives_mutable: false
  README.md: |
    agent:
      objectives_mutable: false
"""


def test_a_config_file_carried_as_a_string_is_read_at_its_lines():
    # a Kubernetes ConfigMap holds a config file under its name: its keys are read, reported where they stand
    found = [(f.rule, f.path, f.line, f.column) for f in analyze("configmap.yaml", _CONFIGMAP)]
    assert found == [("LO202", "configmap.yaml", 8, 7)]  # the README.md value is no config: not read as one


def test_a_carried_file_that_does_not_parse_is_data():
    text = 'data:\n  settings.json: |\n    {"values_immutable": true,\n'
    assert analyze("configmap.yaml", text) == []


def test_a_carried_file_is_read_one_level_deep():
    inner = "outer.yaml: |\n  agent:\n    objectives_mutable: false\n"
    text = "data:\n  wrapper.yaml: |\n" + "".join(f"    {line}\n" for line in inner.splitlines())
    assert analyze("configmap.yaml", text) == []
