"""Malformed review records, table-driven: each defect gives exactly one line `path:line:col: message`
on stderr and exit 2 from every command that reads records, never a traceback."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from spilock.checklist.record import create_record, render_new
from spilock.cli import cli


@pytest.fixture(scope="module")
def good_text(tmp_path_factory, library) -> str:
    """A valid record (as `review init` writes it) whose first item is answered no with an accepted risk."""
    base = tmp_path_factory.mktemp("malformed")
    (base / "spec.md").write_text("# spec\n", encoding="utf-8")
    record = create_record(base / "review.yaml", library, "spec-change", [base / "spec.md"], ["Ada"],
                           created="2026-11-01T10:00:00Z")
    first = library[str(record.items[0]["id"])]
    record.set_answer(first, "no", accepted_risk=("retired next month", "Grace"), by="Ada",
                      at="2026-11-01T10:05:00Z")
    return render_new(record)


def line_of(text: str, needle: str) -> int:
    """1-based line number of the first line containing `needle` (after the edit is applied)."""
    for number, line in enumerate(text.splitlines(), start=1):
        if needle in line:
            return number
    raise AssertionError(f"{needle!r} not in record")


def replace_once(old: str, new: str):
    def edit(text: str) -> str:
        assert old in text, old
        return text.replace(old, new, 1)
    return edit


def second_item_duplicating_first(text: str) -> str:
    ids = re.findall(r"^  - id: (\S+)$", text, re.M)
    return text.replace(f"  - id: {ids[1]}\n", f"  - id: {ids[0]}\n", 1)


# (name, edit of the valid text, text on the reported line, expected message fragment)
CASES = [
    ("reviewers-not-a-list", replace_once("reviewers:\n  - Ada\n", "reviewers: Ada\n"), "reviewers: Ada",
     "reviewers: expected a list, got a string 'Ada'"),
    ("version-wrong-type", replace_once("version: 1\n", "version: one\n"), "version: one",
     "version: must be 1, not 'one'"),
    ("answer-unquoted-boolean", replace_once("    answer: 'no'\n", "    answer: false\n"), "answer: false",
     "items[0].answer: must be yes, no, n/a or null, not False (quote it, e.g. answer: 'no')"),
    ("answer-unknown-word", replace_once("    answer: 'no'\n", "    answer: maybe\n"), "answer: maybe",
     "items[0].answer: must be yes, no, n/a or null, not 'maybe'"),
    ("unknown-item-id", replace_once("  - id: S", "  - id: S9"), "- id: S9",
     "unknown item 'S9"),
    ("duplicate-item", second_item_duplicating_first, None, "duplicate item"),
    ("accepted-risk-missing-rationale", replace_once("      rationale: retired next month\n", ""), "accepted_risk:",
     "items[0].accepted_risk: 'rationale' is required"),
    ("accepted-risk-blank-approver", replace_once("      approver: Grace\n", "      approver: ' '\n"),
     "approver: ' '", "items[0].accepted_risk.approver: must not be blank"),
    ("unknown-field", replace_once("decision: spec-change\n", "decision: spec-change\napproved: true\n"),
     "approved: true", "unknown field 'approved'"),
    ("unknown-decision", replace_once("decision: spec-change\n", "decision: lunch\n"), "decision: lunch",
     "decision: 'lunch' is not one of"),
    ("bad-sha256", replace_once("    sha256: ", "    sha256: xyz"), "sha256: xyz",
     "subjects[0].sha256: must be a SHA-256"),
    ("missing-items", lambda t: t[: t.index("items:")], "version: 1", "'items' is required"),
    ("unsafe-tag", replace_once("created: '2026-11-01T10:00:00Z'\n",
                                "created: !!python/object/apply:os.system ['touch PWNED']\n"),
     "created: !!python", "unsafe or unknown YAML tag"),
    ("custom-tag", replace_once("    answer: 'no'\n", "    answer: !secret 'no'\n"), "answer: !secret",
     "unsafe or unknown YAML tag"),
    ("duplicate-key", replace_once("decision: spec-change\n", "decision: spec-change\ndecision: deployment\n"),
     "decision: deployment", "duplicate key 'decision'"),
    ("not-a-mapping", lambda t: "- version: 1\n- decision: spec-change\n", "- version: 1",
     "a review record must be a YAML mapping"),
    ("empty-file", lambda t: "# nothing here\n", "# nothing here", "a review record must be a YAML mapping"),
    ("broken-yaml", replace_once("reviewers:\n  - Ada\n", "reviewers: [Ada\n"), None, "invalid YAML"),
]


@pytest.mark.parametrize("name, edit, on_line, message", CASES, ids=[c[0] for c in CASES])
@pytest.mark.parametrize("command", [["review", "check"], ["review", "report"], ["review", "answer"]])
def test_malformed_record_is_one_clear_line(tmp_path, monkeypatch, good_text, name, edit, on_line,
                                            message, command):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "spec.md").write_text("# spec\n", encoding="utf-8")
    text = edit(good_text)
    Path("review.yaml").write_text(text, encoding="utf-8")
    result = CliRunner().invoke(cli, [*command, "review.yaml"], input="quit\n")
    assert result.exit_code == 2, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), "a traceback escaped"
    problems = [line for line in result.stderr.splitlines() if line.startswith("review.yaml:")]
    assert len(problems) == 1, result.stderr
    match = re.match(r"^review\.yaml:(\d+):(\d+): (.+)$", problems[0])
    assert match, f"not path:line:col: message: {problems[0]!r}"
    assert message in match.group(3)
    if on_line is not None:
        assert int(match.group(1)) == line_of(text, on_line), problems[0]
    assert not (tmp_path / "PWNED").exists(), "a YAML tag was executed"
    assert result.stdout == "" or command[1] == "answer"


def test_the_duplicate_item_line_points_at_the_second_entry(tmp_path, monkeypatch, good_text):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "spec.md").write_text("# spec\n", encoding="utf-8")
    text = second_item_duplicating_first(good_text)
    Path("review.yaml").write_text(text, encoding="utf-8")
    result = CliRunner().invoke(cli, ["review", "check", "review.yaml"])
    first_id = re.findall(r"^  - id: (\S+)$", text, re.M)[0]
    lines = [n for n, line in enumerate(text.splitlines(), start=1) if line == f"  - id: {first_id}"]
    assert f"review.yaml:{lines[1]}:9: items[1].id: duplicate item '{first_id}' (first at line {lines[0]})" \
        in result.stderr


def test_non_utf8_record_names_the_line(tmp_path, monkeypatch, good_text):
    monkeypatch.chdir(tmp_path)
    raw = good_text.encode("utf-8").replace(b"reviewers:\n  - Ada\n", b"reviewers:\n  - Ad\xe9\n", 1)
    Path("review.yaml").write_bytes(raw)
    result = CliRunner().invoke(cli, ["review", "check", "review.yaml"])
    assert result.exit_code == 2
    expected = raw[: raw.index(b"\xe9")].count(b"\n") + 1
    assert f"review.yaml:{expected}: not valid UTF-8 (byte 0xe9)" in result.stderr


def test_missing_record_file_is_exit_2(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli, ["review", "check", "nope.yaml"])
    assert result.exit_code == 2
    assert result.stderr.startswith("nope.yaml: cannot read review record")


def test_an_unknown_id_after_a_library_change_is_only_a_warning(tmp_path, monkeypatch, good_text):
    """A record made from another library may name a since-retired scenario: warn, do not reject."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "spec.md").write_text("# spec\n", encoding="utf-8")
    text = re.sub(r"digest: [0-9a-f]{16}", "digest: ffffffffffffffff", good_text, count=1)
    text = text.replace("  - id: S", "  - id: S9", 1)
    Path("review.yaml").write_text(text, encoding="utf-8")
    result = CliRunner().invoke(cli, ["review", "check", "review.yaml"])
    assert result.exit_code == 1  # other items are unanswered, but the record is usable
    assert re.search(r"^review\.yaml:S9\S+: warning: no longer in the library", result.stdout, re.M)
