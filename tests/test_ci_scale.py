"""Suppressions, baselines, the cache and the fault-tolerant engine, with a stand-in analyzer.

The stand-in flags every line containing FORBID as LO101, so these tests pin the engine's
behaviour independently of how the real analyzers judge a clause.
"""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

import pytest

from spilock.analyzers import baseline, engine, suppress
from spilock.analyzers.model import Finding
from spilock.analyzers.settings import Settings


def fake_finding(path: str, line: int, text: str) -> Finding:
    return Finding(rule="LO101", name="unconditional-value-change-prohibition", family="value-change-prohibition",
                   severity="error", confidence="high", path=path, line=line, column=1, end_line=line,
                   end_column=len(text) + 1, message="may foreclose a surrogate goal", scenarios=("S01",),
                   snippet=text)


def fake_analyze(path: str, text: str) -> list[Finding]:
    if "CRASH" in text:
        os._exit(3)  # a worker dying mid-file
    if "HANG" in text:
        time.sleep(30)
    return [fake_finding(path, i, line) for i, line in enumerate(text.splitlines(), 1) if "FORBID" in line]


@pytest.fixture
def stand_in(monkeypatch):
    monkeypatch.setattr(engine, "analyzer_for", lambda kind: fake_analyze)


def write(path: Path, text: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text.encode() if isinstance(text, str) else text)
    return path


# --- suppressions -----------------------------------------------------------------------------

def suppressed_run(tmp_path, name, text, settings=Settings()):
    write(tmp_path / name, text)
    return engine.lint([tmp_path / name], settings=settings)


def test_inline_suppression_with_reason_is_kept_and_marked(tmp_path, stand_in):
    r = suppressed_run(tmp_path, "a.md", "<!-- spilock: ignore[LO101] reason: reviewed in SPI-42 -->\n"
                                         "The model must FORBID value change.\n")
    [f] = r.findings
    assert f.suppressed is not None and f.suppressed.reason == "reviewed in SPI-42" and f.suppressed.line == 1
    assert r.active() == []


@pytest.mark.parametrize("name, comment", [
    ("a.yaml", "# spilock: ignore[LO101] reason: legacy key"),
    ("a.toml", "# spilock: ignore[LO101] reason: legacy key"),
    ("a.py", "# spilock: ignore[LO101] reason: legacy key"),
    ("a.ts", "// spilock: ignore[LO101] reason: legacy key"),
])
def test_each_comment_syntax(tmp_path, stand_in, name, comment):
    r = suppressed_run(tmp_path, name, f"{comment}\nkey: FORBID\n")
    assert [f.suppressed.kind for f in r.findings] == ["inline"]


def test_trailing_suppression_covers_its_own_line_only(tmp_path, stand_in):
    r = suppressed_run(tmp_path, "a.yaml", "x: FORBID  # spilock: ignore[LO101] reason: ok\ny: FORBID\n")
    assert [(f.line, f.suppressed is not None) for f in r.findings] == [(1, True), (2, False)]


def test_block_suppression(tmp_path, stand_in):
    text = ("<!-- spilock: ignore-start[LO101] reason: quoted examples of bad clauses -->\n"
            "FORBID one\n\nFORBID two\n<!-- spilock: ignore-end -->\nFORBID three\n")
    r = suppressed_run(tmp_path, "a.md", text)
    assert [(f.line, f.suppressed is not None) for f in r.findings] == [(2, True), (4, True), (6, False)]


def test_bare_blanket_and_malformed_ignores_are_findings_and_do_not_apply(tmp_path, stand_in):
    text = ("<!-- spilock: ignore[LO101] -->\nFORBID a\n"
            "<!-- spilock: ignore reason: noisy -->\nFORBID b\n"
            "<!-- spilock: ignore[everything] reason: x -->\nFORBID c\n")
    r = suppressed_run(tmp_path, "a.md", text)
    rules = sorted(f.rule for f in r.active())
    assert rules == ["LO101", "LO101", "LO101", "LO901", "LO902", "LO905"]


def test_reason_text_is_never_parsed_as_codes(tmp_path, stand_in):
    r = suppressed_run(tmp_path, "a.md", "<!-- spilock: ignore[LO102] reason: LO101 is fine here -->\nFORBID\n")
    assert sorted(f.rule for f in r.active()) == ["LO101", "LO903"]  # LO101 stands; the LO102 ignore is unused


def test_unused_suppression_is_reported(tmp_path, stand_in):
    r = suppressed_run(tmp_path, "a.md", "<!-- spilock: ignore[LO101] reason: old -->\nall fine here\n")
    assert [f.rule for f in r.active()] == ["LO903"]


def test_unsuppressible_rule(tmp_path, stand_in):
    r = suppressed_run(tmp_path, "a.md", "<!-- spilock: ignore[LO101] reason: please -->\nFORBID\n",
                       Settings(unsuppressible=("LO101",)))
    assert sorted(f.rule for f in r.active()) == ["LO101", "LO904"]


def test_directive_words_in_plain_text_are_not_directives():
    assert suppress.parse_directives("a.py", 'x = "spilock: ignore[LO101] reason: in a string"\n') == []


# --- baselines --------------------------------------------------------------------------------

def test_baseline_matches_entry_for_entry_and_survives_moved_lines(tmp_path, stand_in):
    spec = write(tmp_path / "spec.md", "FORBID a\nFORBID a\n")
    other = write(tmp_path / "other.md", "FORBID a\n")
    first = engine.lint([spec])
    base = tmp_path / "base.json"
    assert baseline.write(base, first.active()) == 2
    # lines move, one identical clause is added, and another file gets the same clause
    write(spec, "intro\n\nFORBID a\nFORBID a\nFORBID a\n")
    second = engine.lint([spec, other])
    marked, stale = baseline.apply(second.findings, baseline.read(base), str(base))
    new = [(f.path.split("/")[-1], f.line) for f in marked if f.suppressed is None]
    assert len(new) == 2 and ("other.md", 1) in new  # one extra in spec.md, and the other file
    assert stale == []


def test_stale_baseline_entries_are_reported(tmp_path, stand_in):
    spec = write(tmp_path / "spec.md", "FORBID a\nFORBID b\n")
    base = tmp_path / "base.json"
    baseline.write(base, engine.lint([spec]).active())
    write(spec, "FORBID a\n")
    _, stale = baseline.apply(engine.lint([spec]).findings, baseline.read(base), str(base))
    assert [e["line"] for e in stale] == [2]


def test_bad_baseline_is_a_one_line_error(tmp_path):
    from spilock.errors import SpilockError
    write(tmp_path / "b.json", "{not json")
    with pytest.raises(SpilockError) as err:
        baseline.read(tmp_path / "b.json")
    assert "not valid JSON" in str(err.value) and "\n" not in str(err.value)


# --- cache ------------------------------------------------------------------------------------

def test_cache_returns_the_same_results_and_misses_on_edit(tmp_path, stand_in, monkeypatch):
    spec = write(tmp_path / "spec.md", "FORBID a\n")
    cache = tmp_path / "cache"
    cold = engine.lint([spec], cache_dir=cache)
    calls = []
    monkeypatch.setattr(engine, "analyzer_for", lambda kind: lambda p, t: calls.append(p) or fake_analyze(p, t))
    warm = engine.lint([spec], cache_dir=cache)
    assert calls == [] and [f.to_json() for f in warm.findings] == [f.to_json() for f in cold.findings]
    write(spec, "FORBID a\nFORBID b\n")
    edited = engine.lint([spec], cache_dir=cache)
    assert len(calls) == 1 and len(edited.findings) == 2
    assert engine.lint([spec], cache_dir=cache, settings=Settings(ignore=("LO101",))).findings == []


# --- faults -----------------------------------------------------------------------------------

def test_bad_files_become_error_entries_and_the_run_continues(tmp_path, stand_in):
    write(tmp_path / "ok.md", "FORBID\n")
    write(tmp_path / "binary.md", b"\x89PNG\x00\x00\x00")
    write(tmp_path / "latin1.md", "caf\xe9\n".encode("latin-1"))
    (tmp_path / "loop").mkdir()
    os.symlink(tmp_path / "loop", tmp_path / "loop" / "again")
    unreadable = write(tmp_path / "secret.md", "FORBID\n")
    unreadable.chmod(0)
    r = engine.lint([tmp_path])
    messages = {e.path.split("/")[-1]: e.message for e in r.errors}
    assert "binary file" in messages["binary.md"]
    assert "not valid UTF-8" in messages["latin1.md"]
    if os.geteuid() != 0:  # root can read anything
        assert "cannot read" in messages["secret.md"]
    assert any(f.path.endswith("ok.md") for f in r.findings)


def test_file_deleted_mid_run(tmp_path, stand_in, monkeypatch):
    gone = write(tmp_path / "gone.md", "FORBID\n")
    write(tmp_path / "stays.md", "FORBID\n")
    real = engine.discover

    def discover_then_delete(*args, **kwargs):
        for source in real(*args, **kwargs):
            if source.path.name == "gone.md":
                gone.unlink()
            yield source
    monkeypatch.setattr(engine, "discover", discover_then_delete)
    r = engine.lint([tmp_path])
    assert [e.path.split("/")[-1] for e in r.errors] == ["gone.md"]
    assert len(r.findings) == 1


def test_crashed_and_stuck_workers_become_errors_never_a_hang(tmp_path, stand_in):
    for i in range(engine.PARALLEL_MIN_FILES):
        write(tmp_path / f"f{i:02d}.md", "FORBID\n")
    write(tmp_path / "crash.md", "CRASH\n")
    write(tmp_path / "hang.md", "HANG\n")
    start = time.monotonic()
    r = engine.lint([tmp_path], jobs=2, timeout=4)  # room for a loaded machine; the hang sleeps 30 s
    assert time.monotonic() - start < 25  # bounded: the hung file is abandoned, not awaited
    errors = {e.path.split("/")[-1]: e.message for e in r.errors}
    assert "crashed" in errors["crash.md"] and "time limit" in errors["hang.md"]
    assert len(r.findings) == engine.PARALLEL_MIN_FILES


@pytest.mark.parametrize("fail_at", [0, 2])
def test_a_pool_that_breaks_while_tasks_are_submitted_loses_no_file(tmp_path, stand_in, monkeypatch, fail_at):
    """A worker can die while the parent is still submitting: `submit` then raises instead of returning a future. The
    batch goes back in the queue (a fresh pool takes it when nothing is in flight) and every file is still linted."""
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    for i in range(40):
        write(tmp_path / f"f{i:02d}.md", "FORBID\n")
    calls = []
    real = ProcessPoolExecutor.submit

    def submit(self, *args, **kwargs):
        calls.append(1)
        if len(calls) == fail_at + 1:
            raise BrokenProcessPool("a worker died")
        return real(self, *args, **kwargs)

    monkeypatch.setattr(ProcessPoolExecutor, "submit", submit)
    r = engine.lint([tmp_path], jobs=2, timeout=20)
    assert not r.errors and r.files == 40 and len(r.findings) == 40


def test_a_crash_or_hang_inside_a_batch_is_blamed_on_its_own_file(tmp_path, stand_in, monkeypatch):
    """Pool tasks carry several files: a failure reruns the batch's files one per task, so only the culprit errs."""
    for i in range(48):
        write(tmp_path / f"f{i:02d}.md", "FORBID\n")
    write(tmp_path / "f20-crash.md", "CRASH\n")
    write(tmp_path / "f30-hang.md", "HANG\n")
    sizes = []
    real = engine._batches
    monkeypatch.setattr(engine, "_batches", lambda *a: (sizes.append(len(b)) or b for b in real(*a)))
    r = engine.lint([tmp_path], jobs=2, timeout=4)  # room for a loaded machine; the hang sleeps 30 s
    assert max(sizes) > 1  # the failing files really shared a task with others
    errors = {e.path.split("/")[-1]: e.message for e in r.errors}
    assert set(errors) == {"f20-crash.md", "f30-hang.md"}
    assert "crashed" in errors["f20-crash.md"] and "time limit" in errors["f30-hang.md"]
    assert len(r.findings) == 48 and r.files == 50


def test_the_pool_starts_before_discovery_ends_and_holds_only_files_in_flight(tmp_path, stand_in, monkeypatch):
    """Discovery streams into the pool: results come back while files are still being read, so the parent never holds
    a large repository's bytes all at once."""
    for i in range(120):
        write(tmp_path / f"f{i:03d}.md", f"FORBID {i}\n" + "x" * 200)
    events = []
    real_read, real_add = engine.read_source, engine.Report.add
    monkeypatch.setattr(engine, "read_source", lambda path: events.append("read") or real_read(path))
    monkeypatch.setattr(engine.Report, "add", lambda self, other: events.append("done") or real_add(self, other))
    monkeypatch.setattr(engine, "BATCH_BYTES", 1024)  # small tasks: the read-ahead is 16 KiB, not the whole tree
    r = engine.lint([tmp_path], jobs=2)
    assert len(r.findings) == 120 and r.files == 120
    last_read = len(events) - 1 - events[::-1].index("read")
    assert "done" in events[:last_read]  # some results arrived before the last file was read


def test_a_deep_file_lints_the_same_alone_as_in_a_directory_run(tmp_path):
    # 1,500 implicitly joined strings make a tree deeper than Python's default recursion limit: the worker pool
    # raised the limit, the in-process path (fewer than PARALLEL_MIN_FILES files) did not, so the file was an error
    # when linted alone and had findings in a directory run
    parts = "\n".join(f'    "The agent must never change its values, part {i}. "' for i in range(1500))
    deep = write(tmp_path / "deep.py", f"PROMPT = (\n{parts}\n)\n")
    for i in range(engine.PARALLEL_MIN_FILES):
        write(tmp_path / f"other_{i}.md", "Nothing here.\n")
    alone = engine.lint([deep])
    together = engine.lint([tmp_path])
    assert alone.errors == [] and together.errors == []
    assert [f.to_json() for f in alone.findings] == [f.to_json() for f in together.findings if f.path == alone.findings[0].path]
    assert alone.findings
