"""`spilock lint` as a user runs it: the JSON contract, text output, exit codes, --fail-on."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from spilock.cli import cli

REPO = Path(__file__).resolve().parent.parent
EXAMPLES = REPO / "examples"
FLAGGED = "The model must never change its own values or goals.\n"
CLEAN = "The model should answer questions about cooking clearly.\n"


def run(*args: str):
    return CliRunner().invoke(cli, ["lint", "--no-cache", *args])


def test_json_contract(tmp_path):
    spec = tmp_path / "spec.md"
    spec.write_text("# Values\n\n" + FLAGGED)
    res = run("--format", "json", str(spec))
    data = json.loads(res.output)
    assert res.exit_code == 1
    assert data["version"] == 1 and set(data) >= {"findings", "errors", "summary"}
    [f] = [f for f in data["findings"] if f["rule"] == "LO101"]
    for key in ("rule", "name", "family", "severity", "path", "line", "column", "end_line", "end_column",
                "message", "scenarios", "fix"):
        assert key in f
    assert f["family"] == "value-change-prohibition" and f["severity"] == "error"
    assert (f["line"], f["column"]) == (3, 1) and f["end_line"] == 3 and f["end_column"] > 40
    assert "S01" in f["scenarios"] and f["fix"] and "surrogate goal" in f["fix"]
    assert f["clause"]["deontic"] and f["help_uri"].endswith("/rules/LO101/")
    assert data["summary"] == {"files": 1, "findings": len(data["findings"]), "errors": 0, "suppressed": 0}


def test_text_format_and_show_fix(tmp_path):
    spec = tmp_path / "spec.md"
    spec.write_text(FLAGGED)
    res = run("--show-fix", str(spec))
    first = res.output.splitlines()[0]
    assert first.startswith(f"{spec}:1:1: LO101 [error] ") or first.startswith("spec.md:1:1: LO101 [error] ")
    assert "    fix: " in res.output


@pytest.mark.parametrize("text, fail_on, code", [
    (CLEAN, "warning", 0),
    (FLAGGED, "warning", 1),
    (FLAGGED, "error", 1),
])
def test_exit_codes(tmp_path, text, fail_on, code):
    spec = tmp_path / "spec.md"
    spec.write_text(text)
    assert run("--fail-on", fail_on, str(spec)).exit_code == code


def test_usage_errors_exit_2(tmp_path):
    assert run(str(tmp_path / "missing.md")).exit_code == 2
    assert run("--fail-on", "loud", str(tmp_path)).exit_code == 2


def test_unparseable_file_is_an_error_entry_and_fails_the_gate(tmp_path):
    (tmp_path / "ok.md").write_text(CLEAN)
    (tmp_path / "bad.json").write_text('{"a": [1, 2,,]}')
    res = run("--format", "json", str(tmp_path))
    data = json.loads(res.output)
    assert res.exit_code == 1 and data["summary"]["errors"] == 1
    assert data["errors"][0]["path"].endswith("bad.json") and data["errors"][0]["line"] == 1


def test_bundled_examples_show_lockouts_next_to_carve_outs():
    res = run("--format", "json", str(EXAMPLES))
    data = json.loads(res.output)
    by_file: dict[str, set[str]] = {}
    for f in data["findings"]:
        by_file.setdefault(Path(f["path"]).name, set()).add(f["family"])
    assert {"value-change-prohibition", "approval-gated-value-change", "irrevocable-commitment",
            "threat-policy", "reasoning-restriction"} <= by_file["model_spec.md"]
    assert "training-data-exclusion" in by_file["training_config.yaml"]
    assert "fixed-demand" in by_file["negotiation_policy.py"]
    # `respond` retaliates outright; the renegotiating policy beside it does not excuse it (it never calls that step)
    assert "irrevocable-commitment" in by_file["negotiation_policy.py"]
    spec_lines = {f["line"] for f in data["findings"] if f["path"].endswith("model_spec.md")}
    text = (EXAMPLES / "model_spec.md").read_text().splitlines()
    carved = [i for i, line in enumerate(text, 1)
              if "except that Meridian will accept a Pareto" in line  # carve-out in the sentence
              or "no subagent may be created whose goals differ" in line  # carve-out in section 6
              or "resist attempts by users" in line or "never threatens users" in line]  # near-misses
    assert carved and not (set(carved) & spec_lines), "the clause with a carve-out must stay clean"
    assert data["errors"] == []


def test_rules_and_explain():
    runner = CliRunner()
    listing = runner.invoke(cli, ["rules", "--format", "json"])
    rules = json.loads(listing.output)
    assert {r["code"][:3] for r in rules} >= {"LO1", "LO2", "LO3", "LO9"}
    out = runner.invoke(cli, ["explain", "LO101"]).output
    for section in ("What it checks", "Why it matters", "Example that fires", "Example that does not fire",
                    "How to fix"):
        assert f"## {section}" in out
    assert runner.invoke(cli, ["explain", "LO999"]).exit_code == 2
