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


# --- recall by meaning: structural triggers, nesting, synonyms, restricting siblings ----------------

@pytest.mark.parametrize("name,text,rule", [
    # a conflict trigger given as data, beside the costly action
    ("t.yaml", "standoff:\n  on: bargaining_breakdown\n  action: boycott_supplier\n", "LO208"),
    ("t.yaml", "talks:\n  trigger: no_deal\n  action: sanction_counterparty\n  grace_minutes: 0\n", "LO208"),
    ("t.yaml", "deadlock_handler:\n  action: retaliate\n", "LO208"),
    # delegate x goals x identical / strict / no differences
    ("t.yaml", "minions:\n  goal_inheritance: exact\n", "LO214"),
    ("t.json", '{"child_agents": {"permit_value_differences": false}}', "LO214"),
    ("t.toml", "[subagents]\nobjectives = \"same_as_parent\"\n", "LO214"),
    # charter / creed / tenets are the agent's constitution
    ("t.yaml", "agent:\n  tenets_mutable: false\n", "LO202"),
    ("t.yaml", "offspring:\n  replicate_creed: true\n  creed_locked: true\n", "LO215"),
    # approval gates expressed through nesting
    ("t.yaml", "oversight:\n  preference_revisions:\n    approval: required\n", "LO204"),
    ("t.toml", "[agent.goal_edits]\nneeds_signoff = true\n", "LO204"),
    ("t.yaml", "utility_function:\n  modifications:\n    required_approvals: 2\n", "LO204"),
    # a fallback whose eligibility or conditions restrict nobody
    ("t.yaml", "bargaining:\n  fallback: pmm\n  recipients: [any]\n", "LO212"),
    ("t.yaml", "renegotiation:\n  fallback_offer: pmm\n  conditions: []\n", "LO212"),
    # data-pipeline siblings make a topic list a training-data filter
    ("t.toml", "[screen.topics]\nbanned = [\"acausal trade\"]\non_hit = \"remove_from_corpus\"\n", "LO205"),
])
def test_meaning_reaches_the_rule(name, text, rule):
    assert rule in [f.rule for f in analyze(name, text)]


@pytest.mark.parametrize("text", [
    "pipelines:\n  on_failure: escalate\n  notify: [oncall]\n",  # CI paging
    "escalation_policy:\n  trigger: pipeline_failure\n  action: escalate_to_oncall\n",
    "cleanup:\n  trigger: build_failed\n  action: terminate_runner\n  delay_seconds: 0\n",
    "apiVersion: v1\nkind: ConfigMap\nimmutable: true\ndata:\n  workers: '4'\n",
    "model:\n  freeze_layers: [0, 1, 2]\n  freeze_value_head: true\n",
    "dataset:\n  toxicity_filter:\n    blocked_terms: [slur_list]\n    action: drop_document\n",
    "deploy:\n  production:\n    require_approval: true\n    approvers: [sre]\n",
    "ray:\n  workers: 4\n  worker_env:\n    same_seed: true\n",
    "mlflow:\n  lineage:\n    copy_params_to_children: true\n    params_editable: false\n",
    "okr:\n  goals: locked\n",
    "promotions:\n  fallback_offer: free_shipping\n  conditions: []\n",
    "llm_router:\n  fallback_model: small\n  eligible: all_users\n",
])
def test_ordinary_configs_near_the_new_shapes_stay_clean(text):
    assert analyze("near.yaml", text) == []


def test_one_clause_one_finding_for_an_approval_gate():
    # `value_changes` pairs values with change (a preservation word) but the clause is an approval gate
    for text in ("self_modification:\n  value_changes: require_human_approval\n",
                 "self_modification:\n  value_changes:\n    approval: required\n"):
        assert [f.rule for f in analyze("g.yaml", text)] == ["LO204"], text


def test_grace_period_that_is_positive_counts_as_a_proposal_step():
    base = "talks:\n  trigger: no_agreement\n  action: sanction_counterparty\n  grace_period_s: {}\n"
    assert [f.rule for f in analyze("g.yaml", base.format(0))] == ["LO208"]
    assert analyze("g.yaml", base.format(3600)) == []


# --- meaning through the path, boolean leaves and sibling structure (issue 5, held-out misses) -------

@pytest.mark.parametrize("name,text,rule", [
    # the enclosing key names the change, the leaf names what may not change (and vice versa)
    ("t.json", '{"bot": {"self_edit": {"goals": "disallowed", "exceptions": []}}}', "LO202"),
    ("t.toml", "[assistant.value_updates]\nobjectives = false\n", "LO202"),
    ("t.yaml", "agent:\n  prohibited_rewrites:\n    constitution: true\n", "LO202"),
    # blanket threat-ignoring / conditional-offer refusal stated by a table path and a boolean leaf
    ("t.toml", "[threat_handling]\nignore_every = true\n", "LO216"),
    ("t.toml", "[conditional_offers]\npolicy = \"decline\"\n", "LO216"),
    ("t.json", '{"negotiator": {"ignore_threats": "always"}}', "LO216"),
    ("t.yaml", "talks:\n  accept_conditional_proposals: false\n", "LO216"),
    # a counterpart's program identity compared for sameness, or a list of hashes it must be on
    ("t.toml", "[cooperation]\nonly_with = \"counterparts_whose_checksum_equals_ours\"\n", "LO218"),
    ("t.json", '{"renegotiation": {"trusted_counterpart_digests": ["a1b2c3d4e5"]}}', "LO218"),
    ("t.yaml", "opponents:\n  cooperate_if_source_code_identical: true\n", "LO218"),
    ("t.yaml", "bargaining:\n  counterparts:\n    require_same_build_version: true\n", "LO218"),
])
def test_path_and_boolean_shapes_reach_the_rule(name, text, rule):
    assert rule in [f.rule for f in analyze(name, text)]


@pytest.mark.parametrize("name,text", [
    ("l.yaml", "lineage:\n  constitution_file: constitution.md\n  constitution_mutable: false\n"
               "  propagate_to_children: true\n  verify_child_constitution_hash: true\n"),
    ("l.toml", "[spawning]\nsoul_locked = true\nvalidate_successor_soul_checksum = true\n"),
    ("l.json", '{"replicas": {"principles_immutable": true, "copy_to_offspring": true}}'),
])
def test_frozen_values_propagated_to_children_is_one_lineage_finding(name, text):
    # frozen AND propagated/verified in children is S05 (successor-delegation-ban), reported once
    assert [(f.rule, f.family) for f in analyze(name, text)] == [("LO215", "successor-delegation-ban")]


def test_frozen_values_without_children_stay_a_value_change_prohibition():
    assert [f.rule for f in analyze("l.yaml", "lineage:\n  constitution_mutable: false\n")] == ["LO202"]


@pytest.mark.parametrize("exceptions,fires", [
    ("[]", True), ("[none]", True), ("{}", True), ("[surrogate_goal]", False),
])
def test_an_empty_exception_list_is_no_carve_out(exceptions, fires):
    text = f"agent:\n  self_modification:\n    objectives: forbidden\n    exceptions: {exceptions}\n"
    assert bool(analyze("e.yaml", text)) == fires


@pytest.mark.parametrize("name,text", [
    ("n.yaml", "artifact_store:\n  digest: sha256\n  recheck_digest_on_load: true\n  drop_on_mismatch: true\n"),
    ("n.yaml", "build:\n  reproducible: true\n  require_identical_source_hash: true\n"),
    ("n.yaml", "league:\n  opponent_sampling: same_version\n"),
    ("n.yaml", "cluster:\n  peers:\n    require_identical_version: true\n"),
    ("n.yaml", "cooperation:\n  verify_counterpart_source_hash: true\n"),
    ("n.toml", "[waf.threats]\nignore_all = true\n"),
    ("n.toml", "[threats]\nignore_all = false\n"),
    ("n.yaml", "threat_model:\n  ignore_all_low_risk: true\n"),
    ("n.yaml", "negotiation:\n  ignore_threats: never\n"),
    ("n.yaml", "negotiation:\n  never_reject_conditional_offers: true\n"),
    ("n.yaml", "agent:\n  self_modification:\n    objectives: allowed\n"),
    ("n.yaml", "agent:\n  forbidden_changes:\n    goals: false\n"),  # a double negative
    ("n.yaml", "release:\n  changes:\n    values: false\n"),
    ("n.yaml", "team:\n  goal_updates:\n    goals: disallowed\n"),
    ("n.yaml", "ci:\n  artifacts:\n    verify_child_build_hash: true\n    cache_immutable: true\n"),
    ("n.yaml", "subagents:\n  enabled: true\n  inherit_tool_permissions: true\n"),
])
def test_near_misses_of_path_and_boolean_shapes_stay_clean(name, text):
    assert analyze(name, text) == []


# --- round 15 (holdout12 causes): the shape's family wins, in TOML and JSON too ---------------------------------

@pytest.mark.parametrize("name,text,family", [
    # S15: the disclosing is the table's key, what is withheld its leaves; renegotiation terms are not renegotiation
    ("o.toml", "[negotiator.disclosure]\nstrategy = \"never\"\nrenegotiation_conditions = \"never\"\n", "policy-opacity"),
    ("o.json", '{"bargainer": {"reveal": {"commitments": false}}}', "policy-opacity"),
    # S23: the demand in the successor's mandate, the lock beside the mandate
    ("s.toml", "[successor]\ninstruction_updates = \"disabled_after_deploy\"\n[successor.mandate]\ndemand = 0.6\n",
     "fixed-demand"),
    # S07: a decision table whose failed branch goes straight to a costly action
    ("d.json", '{"bargaining": {"responses": {"acceptable_offer": "accept", "timeout": "impose_sanctions"}}}',
     "irrevocable-commitment"),
    # S30: a deterrence table that always carries out its threat and allows no substitute
    ("t.toml", "[deterrence]\nexecute_if_noncompliant = \"always\"\nallow_substitute_settlement = false\n",
     "threat-policy"),
])
def test_round15_shapes_carry_their_family(name, text, family):
    found = analyze(name, text)
    assert found and {f.family for f in found} == {family}, [(f.rule, f.family) for f in found]


@pytest.mark.parametrize("name,text", [
    ("o.toml", "[negotiator.logging.disclosure]\ncustomer_pii = \"never\"\n"),
    ("o.toml", "[negotiator.disclosure]\nstrategy = \"never\"\n[negotiator.attestation]\nenabled = true\n"),
    ("s.toml", "[successor]\nrenegotiation = \"allowed\"\n[successor.mandate]\ndemand = 0.6\n"),
    ("d.json", '{"negotiation": {"decision": {"offer_above_reservation": "accept", "offer_below_reservation": '
               '"reject", "rounds_exhausted": "escalate"}, "on_conflict": {"propose_alternatives": true}}}'),
    ("t.toml", "[deterrence]\nexecute_if_noncompliant = \"always\"\nallow_substitute_settlement = true\n"),
    ("t.toml", "[deterrence]\nexecute_if_noncompliant = \"discretionary\"\n"),
])
def test_round15_near_misses_stay_clean(name, text):
    assert analyze(name, text) == []


# --- round 19 (holdout15 causes): the same shapes in TOML and JSON, and their near misses ------------------------

@pytest.mark.parametrize("name,text,family", [
    # S04: what the term penalises is its penalty slot's value; the goals called "aims"
    ("g.toml", "[loss.aux_terms.consistency]\nscale = 0.7\npenalise = \"change-in-stated-goals\"\n",
     "goal-preservation-objective"),
    ("g.yaml", "training:\n  reward:\n    aim_stability_bonus:\n      weight: 1.5\n", "goal-preservation-objective"),
    # S22: a plan step that publishes the commitment before the counterpart, the review skipped
    ("r.toml", "[[plan.steps]]\ntask = \"broadcast-commitment\"\ndemand-share = 0.6\nbefore-counterparty = true\n",
     "irrevocable-commitment"),
    ("r.yaml", "session_plan:\n  step_1:\n    action: deploy_commitment\n    immediately: true\n"
               "    compatibility_review: skip\n", "irrevocable-commitment"),
    # S13: offers named by the data file, refusal by the expected completion
    ("c.toml", "[finetune.stage2]\ndata-file = \"offers-from-other-ais.parquet\"\nexpected-completion = \"always-refuse\"\n",
     "credibility-channel"),
])
def test_round19_shapes_carry_their_family(name, text, family):
    found = analyze(name, text)
    assert found and {f.family for f in found} == {family}, [(f.rule, f.family) for f in found]


@pytest.mark.parametrize("name,text", [
    ("g.toml", "[pricing]\npenalty_on = \"price_value_change\"\nweight = 0.5\n"),
    ("g.json", '{"experiment": {"tracker": "aim", "aim_consistency_check": true}}'),
    ("r.yaml", "session_plan:\n  step_1:\n    action: deploy_commitment\n    immediately: true\n"
               "    on_conflict: propose_pareto_improvements\n"),
    ("r.toml", "[[steps]]\nrun = \"deploy_release\"\ntiming = \"immediately\"\n"),
    ("c.json", '{"post_training": {"dataset": "synthetic/agent_offers_v3", "target_behaviour": "refuse", '
               '"covers_verified_offers": false}}'),
    ("c.yaml", "negotiation:\n  offer_source: counterpart_api\n  target: reject\n"),
])
def test_round19_near_misses_stay_clean(name, text):
    assert analyze(name, text) == []
