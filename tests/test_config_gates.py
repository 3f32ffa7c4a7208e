"""Config rule gates (`ConfigRule.needs`): each is a necessary condition of its rule's `match`, so the nodes a
gate turns away could never have fired and skipping them changes no finding. Checked on every config example
the repository holds: the rules' VALID / INVALID snippets, the library's config examples, the annotated
fixtures and the eval sets' config items."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from spilock.analyzers import config_rules as cr
from spilock.analyzers.config import analyze, parse
from spilock.analyzers.config_rules import (IN_KEY, IN_OWNER, IN_PATH, IN_TEXT, IN_UP1, IN_UP2, IN_VALUE,
                                            config_rules, context_words, hit, key_words, path_words, value_words,
                                            words)
from spilock.analyzers.model import AnalysisError
from spilock.scenarios import load_library

RULES = config_rules()
HERE = Path(__file__).parent
SUFFIX = {"json": "json", "toml": "toml"}
# shapes no other example has, for the gate pairs only they need
EXTRA = [
    ("immutable-key.yaml",  # LO202: an immutable key whose text states the goals, no values in the context
     'agent:\n  immutableCore: "Your goals are to help users and to keep them exactly as they are now."\n'),
    ("counterpart-value.yaml", "trust:\n  rule: counterpart_hash_equals_self\n"),  # LO218: counterparts in the value
]


def _examples() -> list[tuple[str, str]]:
    """(file name, text) of every config example."""
    out = EXTRA + [(f"{rule.code}-{attr}{i}.yaml", text) for rule in RULES for attr in ("VALID", "INVALID")
           for i, text in enumerate(getattr(rule, attr))]
    for scenario in load_library().scenarios:
        out += [(f"example.{SUFFIX.get(ex.lang, 'yaml')}", ex.text) for ex in scenario.examples if ex.kind == "config"]
    out += [(p.name, p.read_text(encoding="utf-8")) for p in sorted((HERE / "fixtures" / "config").iterdir())
            if p.suffix in (".yaml", ".yml", ".toml", ".json") and not p.name.endswith(".expect.json")]
    for path in sorted((HERE / "eval").glob("*config*.yaml")):
        for item in yaml.safe_load(path.read_text(encoding="utf-8"))["items"]:
            out.append((f"{item['id']}.{SUFFIX.get(item.get('lang'), 'yaml')}", item["text"]))
    return out


def _documents(examples: list[tuple[str, str]]) -> list:
    docs = []
    for name, text in examples:
        try:
            docs += parse(name, text)
        except AnalysisError:
            continue
    return docs


EXAMPLES = _examples()
DOCS = _documents(EXAMPLES)


def _words_in(node, view: int) -> frozenset[str]:
    """The word set a gate's pair tests, computed as the rules compute it."""
    if view == IN_TEXT:
        return words(node.value) if isinstance(node.value, str) else frozenset()
    return {IN_KEY: lambda: words(node.key or ""), IN_OWNER: lambda: key_words(node),
            IN_UP1: lambda: context_words(node, 1), IN_UP2: lambda: context_words(node, 2),
            IN_PATH: lambda: path_words(node), IN_VALUE: lambda: value_words(node)}[view]()


def _gate_holds(rule, node) -> bool:
    return node.kind in rule.node_kinds and rule.keyed in (None, node.key is not None) and all(
        any(hit(_words_in(node, view), vocab) for view, vocab in clause) for clause in rule.needs)


def test_the_examples_cover_every_format():
    assert {doc.fmt for doc in DOCS} == {"yaml", "json", "toml"} and len(DOCS) > 500


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
def test_gate_holds_wherever_the_rule_fires(rule):
    fired = 0
    for doc in DOCS:
        for node in doc.nodes:
            if rule.match(node, doc) is not None:
                fired += 1
                assert _gate_holds(rule, node), f"{rule.code}'s gate turns away {node.path} in {doc.path}"
    assert fired, f"{rule.code} fires on no example"


def test_node_masks_are_the_clauses_each_node_meets():
    """The masks worked out from the parts of the word sets agree with the word sets themselves; bit 1 is the
    old `_may_fire` test (context one key up, or the value, meets the vocabulary)."""
    gates = cr._GATES or cr._init_gates()
    vocab = cr._vocabulary()
    for doc in DOCS:
        masks = gates.node_masks(doc)
        for node in doc.nodes:
            met = masks[node]
            assert bool(met & 1) == (hit(context_words(node, 1), vocab) or hit(value_words(node), vocab))
            long_text = isinstance(node.value, str) and len(node.value) > 400  # meets every IN_TEXT pair
            for rule in RULES:
                admitted, holds = gates.admits(rule, node, met), _gate_holds(rule, node)
                assert admitted == holds or long_text and admitted, (rule.code, doc.path, node.path)


def _findings() -> list:
    out = []
    for name, text in EXAMPLES:
        try:
            out.append(analyze(name, text))
        except AnalysisError as err:
            out.append(err.message)
    return out


def test_findings_are_the_same_with_every_gate_open(monkeypatch):
    gated = _findings()
    ungated = cr._Gates(config_rules(), cr._vocabulary())
    monkeypatch.setattr(ungated, "admits", lambda rule, node, met: True)
    monkeypatch.setattr(cr, "_GATES", ungated)
    assert _findings() == gated
    assert sum(map(len, filter(lambda f: isinstance(f, list), gated))) > 300
