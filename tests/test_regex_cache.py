"""The compiled-pattern cache: a stored program gives exactly the pattern `re.compile` gives, and no fault in the
cache file can change a pattern or stop a run."""

from __future__ import annotations

import marshal
import os
import re

import pytest

from spilock.analyzers import regex_cache
from spilock.analyzers.rules import all_rules

SAMPLES = [(r"\b(?:never|not)\s+(?P<verb>\w+)", re.I), (r"(?<![a-z0-9])(?:commit|renegotiat)", 0),
           (r"^\s*#+\s*(.*)$", re.M), (r"[\u2014\u2013]\s+(?P<aside>[^.]{1,40})", re.I)]
TEXT = "We will NEVER renegotiate.\n## Heading — an aside here\nrecommit_demand = True"


def _matches(pattern: re.Pattern) -> list:
    return [(m.span(), m.groupdict()) for m in pattern.finditer(TEXT)]


@pytest.fixture
def fresh(tmp_path, monkeypatch):
    """The cache as a new process with the cache file in tmp_path finds it."""
    monkeypatch.setattr(regex_cache, "FILE", tmp_path / "regex.marshal")

    def new_process():
        monkeypatch.setattr(regex_cache, "_stored", None)
        monkeypatch.setattr(regex_cache, "_used", {})
        monkeypatch.setattr(regex_cache, "_new", False)
        monkeypatch.setattr(regex_cache, "_closed", False)

    new_process()
    return new_process


def test_every_rule_pattern_from_the_cache_equals_re_compile():
    all_rules()  # loading the rules writes the file (if it lacked a pattern) and closes the cache
    assert regex_cache._closed and regex_cache._stored is None and not regex_cache._used
    stored = marshal.loads(regex_cache.FILE.read_bytes())
    assert len(stored) > 500  # the rules' patterns go through the cache
    for (pattern, flags), program in stored.items():
        # Pattern equality compares flags, pattern and the compiled program
        assert regex_cache._sre.compile(pattern, *program) == re.compile(pattern, flags), pattern


def test_a_stored_program_is_read_back_and_gives_the_same_pattern(fresh):
    first = [regex_cache.compiled(p, f) for p, f in SAMPLES]
    assert regex_cache._new
    regex_cache.save()
    assert regex_cache.FILE.exists()
    assert regex_cache.compiled(*SAMPLES[0]) == re.compile(*SAMPLES[0])  # closed: compiled as usual
    fresh()
    second = [regex_cache.compiled(p, f) for p, f in SAMPLES]
    assert not regex_cache._new  # every program came from the file
    for a, b, (p, f) in zip(first, second, SAMPLES):
        assert a == b == re.compile(p, f)
        assert b.groupindex == re.compile(p, f).groupindex
        assert _matches(b) == _matches(re.compile(p, f))


def test_a_damaged_cache_file_is_ignored_and_rewritten(fresh):
    regex_cache.FILE.write_bytes(b"\x00not marshal data")
    assert regex_cache.compiled(*SAMPLES[0]) == re.compile(*SAMPLES[0])
    regex_cache.save()
    fresh()
    regex_cache.compiled(*SAMPLES[0])
    assert not regex_cache._new


def test_a_program_the_build_rejects_falls_back_to_re_compile(fresh):
    pattern, flags = SAMPLES[0]
    regex_cache.compiled(pattern, flags)
    regex_cache.save()
    fresh()
    stored = regex_cache._load()
    program = stored[(pattern, int(flags))]
    stored[(pattern, int(flags))] = (program[0], [255, 255, 255], *program[2:])  # not SRE code
    assert regex_cache.compiled(pattern, flags) == re.compile(pattern, flags)


def test_a_stored_entry_for_another_pattern_is_never_used(fresh):
    regex_cache.compiled(*SAMPLES[1])
    regex_cache.save()
    fresh()
    # the same text with other flags is another key: compiled afresh, not read from the entry
    assert regex_cache.compiled(SAMPLES[1][0], re.I) == re.compile(SAMPLES[1][0], re.I)
    assert regex_cache._new


@pytest.mark.skipif(os.geteuid() == 0, reason="root can write to a read-only directory")
def test_an_unwritable_cache_directory_is_not_an_error(tmp_path, monkeypatch, fresh):
    locked = tmp_path / "locked"
    locked.mkdir()
    monkeypatch.setattr(regex_cache, "FILE", locked / "sub" / "regex.marshal")
    locked.chmod(0o500)
    try:
        regex_cache.compiled(*SAMPLES[2])
        regex_cache.save()  # no exception
        assert not (locked / "sub").exists()
    finally:
        locked.chmod(0o700)


def test_an_unwritable_cache_file_location_is_not_an_error(tmp_path, monkeypatch, fresh):
    blocker = tmp_path / "file"
    blocker.write_text("a file where the cache directory should be")
    monkeypatch.setattr(regex_cache, "FILE", blocker / "regex.marshal")
    assert regex_cache.compiled(*SAMPLES[3]) == re.compile(*SAMPLES[3])
    regex_cache.save()  # mkdir fails: no exception
