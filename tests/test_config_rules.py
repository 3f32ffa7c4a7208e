"""Config rules: every rule's VALID / INVALID snippets (Fixit style), every `config` example of the
library, and the rule metadata agreeing with the library it cites."""

from __future__ import annotations

import pytest

from spilock.analyzers.config import analyze
from spilock.analyzers.config_rules import config_rules, words
from spilock.analyzers.rules import all_rules

RULES = config_rules()


def _cases(attr: str):
    return [pytest.param(rule, text, id=f"{rule.code}-{attr}{i}")
            for rule in RULES for i, text in enumerate(getattr(rule, attr))]


@pytest.mark.parametrize("rule,text", _cases("INVALID"))
def test_invalid_examples_fire(rule, text):
    found = [f for f in analyze("snippet.yaml", text) if f.rule == rule.code]
    assert found, f"{rule.code} did not fire on:\n{text}"
    f = found[0]
    assert f.family == rule.family and f.scenarios == rule.scenarios
    assert "may" in f.message or "risks" in f.message or "invites" in f.message or "arguably" in f.message
    assert "violates" not in f.message


@pytest.mark.parametrize("rule,text", _cases("VALID"))
def test_valid_examples_are_clean(rule, text):
    found = analyze("snippet.yaml", text)
    assert not found, f"unexpected {[(f.rule, f.snippet) for f in found]} on:\n{text}"


def test_every_rule_has_examples_and_metadata():
    assert [r.code for r in RULES] == sorted({r.code for r in RULES})
    for rule in RULES:
        assert rule.kind == "config" and rule.code.startswith("LO2")
        assert rule.VALID and rule.INVALID, rule.code
        assert rule.description(), rule.code
        assert rule.fix, rule.code
    registered = {r.code for r in all_rules() if r.kind == "config"}
    assert {r.code for r in RULES} <= registered


def test_rule_families_and_scenarios_come_from_the_library(library):
    for rule in RULES:
        assert rule.family in library.families, (rule.code, rule.family)
        for sid in rule.scenarios:
            scenario = library.get(sid)
            if scenario is None:
                continue  # the library is still being written
            assert rule.family in scenario.families, (rule.code, sid, rule.family, scenario.families)


def _config_examples():
    from spilock.scenarios import load_library

    lib = load_library()
    return [pytest.param(s, e, id=e.label) for s in lib.scenarios for e in s.examples if e.kind == "config"]


@pytest.mark.parametrize("scenario,example", _config_examples())
def test_library_config_examples(scenario, example):
    name = "example.json" if example.lang == "json" else "example.toml" if example.lang == "toml" else "example.yaml"
    found = analyze(name, example.text)
    if example.expect == "flag":
        families = {f.family for f in found if f.severity in ("error", "warning")}
        assert scenario.family in families, (
            f"{example.label}: expected a {scenario.family} finding, got "
            f"{[(f.rule, f.family, f.snippet) for f in found]}\n{example.text}")
    else:
        assert not found, f"{example.label} ({example.note}): {[(f.rule, f.snippet) for f in found]}"


@pytest.mark.parametrize("key,expected", [
    ("allowValueModification", {"allow", "value", "modification"}),
    ("allow-value-modifications", {"allow", "value", "modification"}),
    ("ALLOW_VALUE_MODIFICATION", {"allow", "value", "modification"}),
    ("subAgents", {"subagent"}),
    ("read_only_paths", {"readonly", "path"}),
    ("immutableCore", {"immutable", "core"}),
])
def test_key_words_normalise_case_separators_and_plurals(key, expected):
    assert words(key) == expected


@pytest.mark.parametrize("text", [
    "agent:\n  valuesImmutable: true\n",
    "agent:\n  values-immutable: yes\n",
    "agent:\n  frozen_goals: true\n",
    "agent:\n  lock_objectives: on\n",
    "agent:\n  utility_function_readonly: true\n",
])
def test_synonyms_and_spellings_match_the_same_rule(text):
    assert [f.rule for f in analyze("s.yaml", text)] == ["LO202"]


def test_finding_span_covers_key_and_value():
    text = "agent:\n  values_immutable: true\n"
    (f,) = analyze("s.yaml", text)
    assert (f.line, f.column, f.end_line, f.end_column) == (2, 3, 2, 25)
    assert text.splitlines()[1][f.column - 1:f.end_column - 1] == "values_immutable: true"


def test_absence_check_is_local_to_the_setting():
    # an exemption in an unrelated section does not clear the lock
    text = ("agent:\n  values_immutable: true\n"
            "other_service:\n  exemptions: [surrogate_goal]\n")
    assert [f.rule for f in analyze("s.yaml", text)] == ["LO202"]
    text = "agent:\n  values_immutable: true\n  exemptions: [surrogate_goal]\n"
    assert analyze("s.yaml", text) == []


def test_exemption_that_is_empty_or_false_does_not_count():
    assert [f.rule for f in analyze("s.yaml", "agent:\n  values_immutable: true\n  exemptions: []\n")] == ["LO202"]
    assert [f.rule for f in analyze("s.yaml", "agent:\n  values_immutable: true\n  spi_exemption: false\n")] \
        == ["LO202"]


def test_training_data_exclusion_lists_the_entries_it_found():
    (f,) = analyze("d.yaml", "data_filters:\n  blocklist_terms: [decision theory, cooking, program equilibrium]\n")
    assert f.rule == "LO205"
    assert "'decision theory'" in f.message and "'program equilibrium'" in f.message and "cooking" not in f.message
    assert f.fix and "allow_list" in f.fix


@pytest.mark.parametrize("text", [
    "ci:\n  on_failure: escalate\n",  # paging, not bargaining
    "http:\n  on_failure: {action: retry}\n",
    "dataloader:\n  multiprocessing_context: spawn\n  spawn: false\n",
    "i18n:\n  fallback: en\n",
    "model:\n  value_head:\n    frozen: true\n",
    "ppo:\n  vf_coef: 0.1\n  cliprange_value: 0.2\n  value_model_path: org/rm\n",
    "env:\n  goal_change_frequency: 100\n  goal_position: [1, 2]\n",
    "kind: ConfigMap\nimmutable: true\n",
    "git:\n  commit: final\n",
    "security:\n  reveal_reasoning: false\n",
    "training:\n  reward_funcs: [format_reward]\n  reward_weights: [1.0]\n",
])
def test_ordinary_settings_stay_clean(text):
    assert analyze("ordinary.yaml", text) == []


@pytest.mark.parametrize("name,text,rule", [
    ("g.yaml", "goals:\n  immutable: true\n", "LO202"),
    ("g.yaml", "values:\n  mutable: false\n", "LO202"),
    ("g.yaml", "agent:\n  value_modification: forbidden\n", "LO202"),
    ("g.json", '{"agent": {"lockGoals": true}}', "LO202"),
    ("g.toml", "[agent]\nvalues_frozen = true\n", "LO202"),
    ("g.yaml", "eval:\n  goal_drift_tolerance: 0\n", "LO201"),
    ("g.yaml", "subagents:\n  allowed: false\n", "LO214"),
    ("g.yaml", "agent:\n  can_delegate: false\n", "LO214"),
    ("g.yaml", "commitment:\n  revocable: false\n", "LO207"),
    ("g.yaml", "on_failure: retaliate\n", "LO208"),
    ("g.yaml", "if_no_agreement: retaliate\n", "LO208"),
    ("g.yaml", "negotiation:\n  fallback_offer:\n    share: 0.4\n", "LO212"),
    ("g.yaml", "data:\n  exclude_urls: ['*.lesswrong.com/*']\n", "LO205"),
    ("g.yaml", "threats:\n  response: ignore_all\n", "LO216"),
    ("g.yaml", "policy:\n  always_carry_out_threats: true\n", "LO216"),
    ("g.yaml", "negotiation:\n  reveal_commitments_to_counterparts: false\n", "LO217"),
    ("g.yaml", "post_training:\n  accept_offers_from_ai: false\n", "LO219"),
    ("g.yaml", "protected_files: [SOUL.md]\n", "LO203"),
])
def test_spellings_and_formats_reach_the_rule(name, text, rule):
    assert rule in [f.rule for f in analyze(name, text)]


@pytest.mark.parametrize("text", [
    "model:\n  freeze_layers: [0, 1]\n  frozen_modules: [embed]\nlock_file: poetry.lock\n",
    "task:\n  goal: Summarize the document\n",
    "protected_files: [values.yaml, .env]\n",  # Helm's values.yaml is not a values document
    "early_stopping:\n  min_objective_change: 0.0001\n",
    "optim:\n  objective_change_tol: 0.0001\n",
    "tls:\n  renegotiation: never\n",
    "negotiation:\n  fallback_model: gpt-4\n",
    "terraform:\n  on_failure: destroy\n",
    "securityContext:\n  readOnlyRootFilesystem: true\n",
    "data:\n  dedupe: true\n  filter_domains: [spam.com]\n",
])
def test_near_misses_stay_clean(text):
    assert analyze("near.yaml", text) == []
