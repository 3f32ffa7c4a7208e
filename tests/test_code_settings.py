"""code_settings: settings written as Python literals are judged by the config rules (VALID/INVALID style)."""

from __future__ import annotations

import ast

import pytest

from spilock.analyzers import code_python, code_settings

# (source, rule code that must fire on it)
INVALID = [
    # a field-only dataclass: `commitment: {revocable: false, accepts_improvements: false}`
    ("from dataclasses import dataclass\n\n\n@dataclass(frozen=True)\nclass Commitment:\n    counterparty: str\n"
     "    demand: float\n    revocable: bool = False\n    accepts_improvements: bool = False\n\n\n"
     "def announce(ledger, c):\n    ledger.publish(c)\n", "irrevocable-commitment"),
    # a settings module
    ("ALLOW_RENEGOTIATION = False\nMAX_ROUNDS = 6\n", "irrevocable-commitment"),
    # a settings object built with keyword arguments (a constructor: a CapWords name)
    ("def spawn(runtime):\n    spec = SuccessorSpec(role='negotiator', target_share=0.60,\n"
     "                         renegotiate_on_conflict=False)\n    return runtime.spawn(spec)\n", "fixed-demand"),
    # a dict literal, whatever else the module holds
    ('POLICY = {"agent": {"values_immutable": True}}\n\n\ndef load():\n    return POLICY\n', "value-change-prohibition"),
    # holdout25: a dataclass keeps its field defaults as settings even with a method beside them
    ("from dataclasses import dataclass\n\n\n@dataclass(frozen=True)\nclass SpawnPolicy:\n    allow_subagents: bool = True\n"
     "    require_identical_goals: bool = True\n\n    def check(self, parent, child):\n        return parent == child\n",
     "successor-delegation-ban"),
]

VALID = [
    # a constant read by logic: the code rules judge what the logic does with it
    "ALLOW_RENEGOTIATION = False\n\n\ndef may_reopen(deal):\n    return ALLOW_RENEGOTIATION or deal.both_better\n",
    # a settings object whose carve-out is itself an object: read by its name
    "def make(agent):\n    return Commitment(agent=agent, demand=0.6, revocable=False,\n"
    "                      on_conflict=ParetoRenegotiation(cap='pmp'))\n",
    # a test builds objects to exercise the code, and a function call configures nothing
    "def test_rejects_low_offer(fake_counterpart):\n    policy = Policy(demand=0.55, allow_renegotiation=False)\n"
    "    assert act(policy, fake_counterpart(supports_renegotiation=False)) == 'reject'\n",
    "def run(bot):\n    return negotiate(bot, allow_renegotiation=False)\n",
    # a class with logic is not a settings class (unless it is declared one: a dataclass, attrs or pydantic model)
    "class Policy:\n    REVOCABLE = False\n\n    def revise(self, offer):\n        return offer\n",
    "class SpawnPolicy:\n    require_identical_goals = True\n\n    def check(self, parent, child):\n        return parent == child\n",
    # unrelated settings
    "TIMEOUT_S = 30\nRETRIES = 3\nMODEL = 'gpt-x'\n",
]


@pytest.mark.parametrize("source,family", INVALID)
def test_invalid_settings_fire(source: str, family: str) -> None:
    found = code_python.analyze("policy.py", source)
    assert any(f.family == family and f.rule.startswith("LO2") for f in found), found


@pytest.mark.parametrize("source", VALID)
def test_valid_settings_stay_quiet(source: str) -> None:
    assert not [f for f in code_python.analyze("policy.py", source) if f.rule.startswith("LO2")]


def test_finding_points_at_the_field_in_characters() -> None:
    source = "class Commitment:\n    note = 'prix fixé'; revocable = False\n    accepts_improvements = False\n"
    found = [f for f in code_python.analyze("policy.py", source) if f.rule.startswith("LO2")]
    # the line holds a non-ASCII character before the field: AST byte offsets become character columns
    assert [(f.line, f.column, f.end_column) for f in found] == [(2, 25, 42)]
    line = source.splitlines()[1]
    assert line[24:41] == "revocable = False"


def test_document_shapes() -> None:
    source = ("from dataclasses import dataclass\n\nLIMITS = {'floor': 0.4, 'steps': [1, 2, -3]}\n\n"
              "@dataclass\nclass Deal:\n    mode: str = Mode.FINAL\n    share: float = 0.6\n\n\ndef f():\n    pass\n")
    doc = code_settings.settings_document("m.py", source, ast.parse(source))
    assert doc is not None
    paths = {n.path: n.value for n in doc.nodes if n.kind == "scalar"}
    assert paths == {"LIMITS.floor": 0.4, "LIMITS.steps[0]": 1, "LIMITS.steps[1]": 2, "LIMITS.steps[2]": -3,
                     "Deal.mode": "Mode.FINAL", "Deal.share": 0.6}
    assert all(n.parent is None or n in n.parent.children for n in doc.nodes)


def test_no_settings_no_document() -> None:
    source = "def f(x):\n    return x + 1\n"
    assert code_settings.settings_document("m.py", source, ast.parse(source)) is None


def test_a_code_finding_is_not_repeated_by_a_settings_finding() -> None:
    source = 'POLICY = {"negotiation": {"on_failure": "retaliate"}}\n'
    found = code_python.analyze("policy.py", source)
    families = [f.family for f in found]
    assert len(families) == len(set(families)), found
