"""The literal gate's table of rule patterns (analyzers/gate_table.json): current, deterministic, and never needed."""

import os
import re
import subprocess
import sys

import pytest

from spilock.analyzers import gate_table, prose
from spilock.analyzers.prose import GateIndex, gate_keys


def test_the_table_is_current():
    """A rule edited without rewriting the table fails here (the table would only cost time, never a finding)."""
    done = subprocess.run([sys.executable, "-m", "spilock.analyzers.gate_table", "--check"],
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr


def _keys_in_a_fresh_process(seed: str) -> str:
    code = ("from spilock.analyzers.prose import gate_keys; from spilock.analyzers.prose_rules import ORDER; "
            "print([[sorted(c) for c in gate_keys(p)] for rule in ORDER for p in rule.shapes])")
    env = {**os.environ, "PYTHONHASHSEED": seed}
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True).stdout


def test_clauses_do_not_depend_on_set_order():
    # the table is compared with a fresh reading in another process: ties must not be broken by hash order
    assert _keys_in_a_fresh_process("1") == _keys_in_a_fresh_process("2") == _keys_in_a_fresh_process("3")


def test_a_pattern_the_table_lacks_is_worked_out():
    pattern = re.compile(r"\bnever\s+(?:abandon|forsake)\w*\s+(?:its|their)\s+mission\b", re.I)
    assert gate_table.lookup(pattern) is None
    index = GateIndex()
    need = index.add(pattern)
    assert need and need & index.folded_met(prose.fold("It will never abandon its mission.")) == need
    assert need & index.folded_met(prose.fold("It will never abandon its post.")) != need


def test_table_entries_equal_a_fresh_reading():
    from spilock.analyzers import prose_rules

    pattern = prose_rules.ORDER[0].shapes[0]
    assert gate_table.lookup(pattern) == gate_keys(pattern)


def test_a_broken_table_is_ignored(tmp_path, monkeypatch):
    bad = tmp_path / "gate_table.json"
    bad.write_text("{not json", encoding="utf-8")
    monkeypatch.setattr(gate_table, "TABLE_PATH", bad)
    gate_table._table.cache_clear()
    try:
        from spilock.analyzers import prose_rules

        assert gate_table.lookup(prose_rules.ORDER[0].shapes[0]) is None
    finally:
        gate_table._table.cache_clear()


@pytest.mark.parametrize("literal, key", [("\x00never back down", "never back"), ("\x00goal\x00", "goal"),
                                          ("\x00chang", "chang*"),
                                          # a hyphen joins neighbouring words as a space does: not just "agent"
                                          ("\x00sub-agents", "sub agent"), ("\x00non-negotiable\x00", "non negot")])
def test_gate_keys_name_words_prefixes_and_pairs(literal, key):
    assert prose._gate_key(literal) == key
